"""The webchat channel (channels/webchat.py) over socket.io, and the files it serves."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests
import socketio

ROOT = Path(__file__).resolve().parents[2]
PATH = "/webhooks/webchat/socket.io"
WIDGET = ROOT / "widget" / "dist" / "itb-webchat.js"
# A conversation id the server issued: 32 hex digits and their 32-digit signature.
SESSION_ID = r"[0-9a-f]{64}"


class Client:
    """A socket.io client speaking the widget's protocol."""

    def __init__(self, url: str, headers: Optional[Dict[str, str]] = None) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.bot: List[Dict[str, Any]] = []
        self.confirmed: List[str] = []
        self.history: List[Dict[str, Any]] = []
        self.sio.on("bot_uttered", self.bot.append)
        self.sio.on("session_confirm", self.confirmed.append)
        self.sio.on("session_history", self.history.append)
        self.sio.connect(url, socketio_path=PATH, transports=["websocket"], headers=headers or {})

    def session(self, session_id: Optional[str] = None) -> str:
        count = len(self.history)
        self.sio.emit("session_request", {"session_id": session_id})
        deadline = time.monotonic() + 10
        while len(self.history) == count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.history) > count, "no session_history after session_request"
        return self.confirmed[-1]

    def say(self, text: Any, session_id: str, message_id: Optional[str] = None, **extra) -> Dict:
        data = {"message": text, "session_id": session_id,
                "message_id": message_id or uuid.uuid4().hex, **extra}
        return self.sio.call("user_uttered", data, timeout=60)

    def close(self) -> None:
        self.sio.disconnect()


@pytest.fixture
def client(servers):
    clients = []

    def make(**kwargs) -> Client:
        clients.append(Client(str(servers["rasa"]), **kwargs))
        return clients[-1]

    yield make
    for c in clients:
        c.close()


def user_events(db, session_id: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (session_id,)
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


# ------------------------------------------------------------- the files
def test_widget_is_served_gzipped_and_under_30_kb(servers):
    url = f"{servers['rasa']}/webhooks/webchat/widget.js"
    zipped = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert zipped.status_code == 200
    assert zipped.headers["Content-Type"].startswith("application/javascript")
    assert zipped.headers["Content-Encoding"] == "gzip"
    # The built file, with the widget's texts from domain.yml in place of its placeholder.
    from channels.webchat import WIDGET_CONTENT_MARK, widget_source

    assert zipped.content == widget_source(WIDGET.read_bytes())  # requests decompresses
    assert WIDGET_CONTENT_MARK.encode() in WIDGET.read_bytes()
    assert WIDGET_CONTENT_MARK.encode() not in zipped.content
    assert b"Ask a question" in zipped.content and b"Ask a question" not in WIDGET.read_bytes()
    size = len(gzip.compress(WIDGET.read_bytes(), compresslevel=9))
    print(f"widget: {WIDGET.stat().st_size} bytes, {size} bytes gzipped")
    assert size <= 30 * 1024
    again = requests.get(url, headers={"If-None-Match": zipped.headers["ETag"]}, timeout=10)
    assert again.status_code == 304


def test_demo_page_has_a_strict_csp_and_only_local_files(servers):
    page = requests.get(f"{servers['rasa']}/webhooks/webchat/demo", timeout=10)
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "connect-src 'self'",
                      "style-src 'self'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.headers["Referrer-Policy"] == "no-referrer"
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert addresses and all(re.match(r"^(/|#|tel:|data:)", a) for a in addresses), addresses
    assert "Intrathecal Baclofen Pump (Trial)" in page.text
    assert "{{" not in page.text


def test_the_built_file_is_reproducible_from_the_lock_file(tmp_path):
    if shutil.which("node") is None or not (ROOT / "widget" / "node_modules" / "esbuild").is_dir():
        pytest.fail("The widget's npm packages are missing: run `make widget`.")
    out = tmp_path / "itb-webchat.js"
    subprocess.run(["node", "build.mjs", str(out)], cwd=ROOT / "widget", check=True,
                   capture_output=True, timeout=120)
    assert out.read_bytes() == WIDGET.read_bytes(), "widget/dist is stale: run `make widget`"


# --------------------------------------------------------- the protocol
def test_replies_carry_ids_and_a_repeated_message_is_not_handled_twice(servers, client):
    first = client()
    session = first.session()
    assert re.fullmatch(SESSION_ID, session)
    message_id = uuid.uuid4().hex
    assert first.say("what is a baclofen pump", session, message_id) == {"ok": True}
    time.sleep(0.3)
    replies = list(first.bot)
    assert replies and "spinal" in replies[0]["text"]
    assert [r["id"] for r in replies] == [f"{message_id}.{n}" for n in range(len(replies))]

    # The widget resends after a dropped connection: handled once only.
    assert first.say("what is a baclofen pump", session, message_id) == {"ok": True, "duplicate": True}
    time.sleep(0.5)
    assert len(first.bot) == len(replies)
    assert [e.get("message_id") for e in user_events(servers["tracker_db"], session)] == [message_id]

    # Reconnecting: the history has the same messages under the same ids.
    second = client()
    assert second.session(session) == session
    history = second.history[-1]["messages"]
    assert history[0] == {"sender": "user", "id": message_id, "text": "what is a baclofen pump"}
    assert [(m["id"], m["text"]) for m in history[1:]] == [(r["id"], r["text"]) for r in replies]


def test_a_button_payload_shows_its_title_in_the_history(client):
    chat = client()
    session = chat.session()
    assert chat.say("/request_human", session, metadata={"display": "Talk to a person"})["ok"]
    time.sleep(0.3)
    assert any("800.775.PAIN" in reply["text"] for reply in chat.bot)
    again = client()
    again.session(session)
    assert again.history[-1]["messages"][0]["text"] == "Talk to a person"


def test_bad_messages_are_refused_in_the_acknowledgement(client):
    chat = client()
    assert chat.say("hello", uuid.uuid4().hex) == {"ok": False, "error": "no_session"}
    session = chat.session()
    assert chat.say("a" * 2001, session) == {"ok": False, "error": "too_long", "max": 2000}
    assert chat.say("  \x00 ", session)["error"] == "empty"
    assert chat.say(42, session)["error"] == "bad_request"
    time.sleep(0.3)
    assert chat.bot == []


def test_session_ids_are_the_servers(client):
    chat = client()
    assert re.fullmatch(SESSION_ID, chat.session("../../not-an-id"))


def test_a_session_id_the_server_did_not_issue_starts_a_new_conversation(client):
    owner = client()
    issued = owner.session()
    assert owner.say("what is a baclofen pump", issued) == {"ok": True}
    flipped = issued[:-1] + ("1" if issued[-1] == "0" else "0")
    for chosen in (
        uuid.uuid4().hex,  # well-formed in the old format: used to come back confirmed
        "0" * 32,
        issued[:32],  # the id without its signature
        issued[:32] + uuid.uuid4().hex,  # a forged signature
        flipped,
        issued.upper(),
        uuid.uuid4().hex + uuid.uuid4().hex,
    ):
        other = client()
        confirmed = other.session(chosen)
        assert confirmed != chosen and confirmed != issued
        assert re.fullmatch(SESSION_ID, confirmed)
        assert other.history[-1] == {"session_id": confirmed, "messages": []}
        # Nothing can be said in, or read from, a conversation it chose itself.
        assert other.say("hello", chosen) == {"ok": False, "error": "no_session"}
    # The id the server issued still resumes its conversation, with its history.
    again = client()
    assert again.session(issued) == issued
    assert again.history[-1]["messages"][0]["text"] == "what is a baclofen pump"


# ------------------------------------------------------ message sizes
def test_a_long_message_up_to_the_transport_limit_is_refused_as_too_long(client):
    chat = client()
    session = chat.session()
    # 100 KB used to close the connection (engine.io's 64 KB frame limit) with no answer.
    for size in (2001, 100_000, 900_000):
        assert chat.say("a" * size, session) == {"ok": False, "error": "too_long", "max": 2000}
        assert chat.sio.connected
    assert chat.say("/thanks", session) == {"ok": True}


def test_a_frame_over_the_transport_limit_closes_the_connection_cleanly(client):
    chat = client()
    session = chat.session()
    closed = threading.Event()
    chat.sio.on("disconnect", closed.set)
    chat.sio.emit("user_uttered", {"message": "a" * 1_100_000, "session_id": session,
                                   "message_id": uuid.uuid4().hex})
    assert closed.wait(15), "the connection stayed open"
    # The server is fine, and the conversation resumes on a new connection.
    again = client()
    assert again.session(session) == session
    assert again.say("/thanks", session) == {"ok": True}


def test_a_polling_post_over_the_transport_limit_is_refused(servers):
    base = f"{servers['rasa']}{PATH}/?EIO=4&transport=polling"
    headers = {"Origin": str(servers["rasa"])}
    opened = requests.get(base, headers=headers, timeout=10)
    assert opened.status_code == 200 and opened.text.startswith("0")
    url = f"{base}&sid={json.loads(opened.text[1:])['sid']}"
    assert requests.post(url, data=b"40", headers=headers, timeout=10).status_code == 200
    big = b'42["user_uttered",{"message":"' + b"a" * 1_100_000 + b'"}]'
    assert requests.post(url, data=big, headers=headers, timeout=30).status_code == 413


def test_too_many_messages_a_minute_are_refused(client):
    chat = client()
    session = chat.session()
    answers = [chat.say("/thanks", session) for _ in range(20)]
    assert all(a == {"ok": True} for a in answers)
    refused = chat.say("/thanks", session)
    assert refused["ok"] is False and refused["error"] == "rate_limited"
    assert 1 <= refused["retry_after"] <= 60


def test_only_allowed_origins_may_connect(servers):
    handshake = f"{servers['rasa']}{PATH}/?EIO=4&transport=polling"

    def opens(origin: str) -> bool:
        return requests.get(handshake, headers={"Origin": origin}, timeout=10).status_code == 200

    assert opens(str(servers["rasa"]))
    assert not opens("https://evil.example")
    assert not opens("null")
