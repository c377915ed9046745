"""Input that once stopped or hung the real servers (found by scripts/fuzz/)."""
from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
import requests

REST = "/webhooks/rest/webhook"
WEBCHAT_IO = "/webhooks/webchat/socket.io"
SORRY = "Sorry, something went wrong"


def post_json(servers, raw: bytes) -> requests.Response:
    return requests.post(f"{servers['rasa']}{REST}", data=raw, headers={"Content-Type": "application/json"},
                         timeout=60)


def assert_still_answers(servers) -> None:
    assert servers["process"].poll() is None, "the servers stopped"
    answer = requests.post(f"{servers['rasa']}{REST}", json={"sender": uuid.uuid4().hex, "message": "hello"},
                           timeout=60)
    assert answer.status_code == 200 and answer.json()


@pytest.mark.parametrize("sender", ["\ud800", "a\udfffb", "a\x00b", "\x1b[31m"])
def test_a_sender_with_lone_surrogates_or_controls_is_refused(servers, sender):
    # A lone surrogate in the conversation id made Rasa's SQL tracker store exit the server.
    answer = post_json(servers, json.dumps({"sender": sender, "message": "hi"}).encode("ascii"))
    assert answer.status_code == 400
    assert "sender" in answer.json()["error"]
    assert_still_answers(servers)


@pytest.mark.parametrize("raw", [b"[" * 30_000 + b"]" * 30_000,
                                 b'{"sender":"x","message":"hi","metadata":' + b"[" * 30_000 + b"]" * 30_000 + b"}"])
def test_deeply_nested_json_is_a_client_error(servers, raw):
    # Under the 64 KB body limit, so the parser sees it (a larger body is a 413 unread).
    assert post_json(servers, raw).status_code == 400
    assert post_json(servers, raw * 2).status_code == 413


@pytest.mark.parametrize("message", ["/\ud800", "what is a baclofen pump \ud83d"])
def test_lone_surrogates_in_a_message_are_replaced_and_answered(servers, message):
    answer = post_json(servers, json.dumps({"sender": uuid.uuid4().hex, "message": message}).encode("ascii"))
    assert answer.status_code == 200
    texts = [reply.get("text", "") for reply in answer.json()]
    assert texts and not texts[0].startswith(SORRY)


def connect(servers, path):
    import socketio

    client = socketio.Client(reconnection=False)
    confirmed = threading.Event()
    replies = []
    state = {}

    @client.on("session_confirm")
    def on_confirm(session_id):
        state["session_id"] = session_id
        confirmed.set()

    @client.on("bot_uttered")
    def on_reply(message):
        replies.append(message)

    client.connect(servers["rasa"], socketio_path=path, transports=["websocket"], wait_timeout=10)
    return client, confirmed, replies, state


def test_webchat_events_without_data_are_answered(servers):
    client, confirmed, _, state = connect(servers, WEBCHAT_IO)
    try:
        client.emit("session_request")
        assert confirmed.wait(10) and len(state["session_id"]) == 64
        assert client.call("user_uttered", timeout=10) == {"ok": False, "error": "bad_request"}
    finally:
        client.disconnect()


def polling_session(servers, path):
    base = f"{servers['rasa']}{path}/?EIO=4&transport=polling"
    answer = requests.get(base, timeout=10)
    assert answer.status_code == 200 and answer.text.startswith("0")
    url = f"{base}&sid={json.loads(answer.text[1:])['sid']}"
    assert requests.post(url, data=b"40", timeout=10).status_code == 200
    return url


def test_an_unexpected_engineio_packet_is_refused_at_once(servers):
    # A NOOP packet from the client used to hang the POST until Sanic's timeout.
    url = polling_session(servers, WEBCHAT_IO)
    started = time.monotonic()
    assert requests.post(url, data=b"6", timeout=20).status_code == 400
    assert time.monotonic() - started < 5
    assert requests.post(url, data=b"40", timeout=10).status_code == 400


def test_a_post_after_the_client_closed_is_a_client_error(servers):
    # Used to be a 500 (KeyError "Session is disconnected" inside python-engineio).
    url = polling_session(servers, WEBCHAT_IO)
    assert requests.post(url, data=b"1", timeout=10).status_code == 200
    assert requests.post(url, data=b"", timeout=10).status_code == 400
    assert requests.get(url, timeout=10).status_code == 400
