"""The real servers, started as `make run` starts them, over HTTP and socket.io."""
from __future__ import annotations

import sqlite3
import time
import uuid

import pytest
import requests


def rest(servers, message, sender=None, **kwargs):
    payload = {"sender": sender or uuid.uuid4().hex, "message": message}
    return requests.post(f"{servers['rasa']}/webhooks/rest/webhook", json=payload, timeout=30, **kwargs)


def texts(response) -> list:
    assert response.status_code == 200, response.text
    return [message.get("text", "") for message in response.json()]


def test_question_gets_an_answer(servers):
    replies = texts(rest(servers, "what is a baclofen pump"))
    assert "spinal cord" in replies[0]


def test_button_payload_and_custom_action(servers):
    replies = texts(rest(servers, "/ask_clinic_contact"))
    assert "800.775.PAIN (7246)" in replies[0] and "You can call the Pain Clinic" in replies[0]
    assert "{" not in replies[0]  # the clinic's settings are filled in (itb/content/nlg.py)


def test_emergency_over_rest(servers):
    replies = texts(rest(servers, "my dad is unconsious and his pump is alarming"))
    assert replies[0].startswith("Call 911")


def test_conversation_is_stored_in_the_sqlite_tracker(servers):
    sender = f"stored-{uuid.uuid4().hex}"
    texts(rest(servers, "how long does the trial take", sender))
    with sqlite3.connect(servers["tracker_db"]) as db:
        rows = db.execute(
            "select type_name, intent_name, action_name from events where sender_id = ?", (sender,)
        ).fetchall()
    assert ("user", "ask_trial_duration", None) in rows
    assert ("action", None, "utter_ask_trial_duration") in rows


def test_a_resent_message_id_gets_its_first_replies_and_no_second_turn(servers):
    sender = f"resend-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "how long does the trial take", "message_id": uuid.uuid4().hex}
    url = f"{servers['rasa']}/webhooks/rest/webhook"
    first = texts(requests.post(url, json=body, timeout=30))
    texts(requests.post(url, json={"sender": sender, "message": "hello"}, timeout=30))
    again = texts(requests.post(url, json=body, timeout=30))
    assert again == first and first
    with sqlite3.connect(servers["tracker_db"]) as db:
        users = db.execute(
            "select count(*) from events where sender_id = ? and type_name = 'user'", (sender,)
        ).fetchone()[0]
    assert users == 2
    bad = requests.post(url, json={**body, "message_id": "x"}, timeout=30)
    assert bad.status_code == 400 and "message_id" in bad.json()["error"]


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "x", "message": ""},
        {"sender": "x", "message": "   "},
        {"sender": "x", "message": "a" * 20000},
        {"sender": "x", "message": "\x00\x01\x02 \udcff".encode("utf-8", "surrogatepass").decode("utf-8", "ignore")},
        {"sender": "x", "message": "🙂🙂🙂 ✨"},
        {"sender": "x", "message": "'; DROP TABLE events; --"},
    ],
    ids=["empty", "blank", "huge", "control-chars", "emoji", "sql"],
)
def test_odd_messages_never_cause_a_server_error(servers, body):
    response = requests.post(f"{servers['rasa']}/webhooks/rest/webhook", json=body, timeout=60)
    assert response.status_code < 500


@pytest.mark.parametrize(
    "raw,content_type",
    [
        (b"not json", "application/json"),
        (b"\xff\xfe\x00binary", "application/octet-stream"),
        (b'{"sender": 5, "message": 7}', "application/json"),
        (b'{"sender": ["a"], "message": {"x": 1}}', "application/json"),
        (b"[]", "application/json"),
        (b"{}", "application/json"),
    ],
    ids=["not-json", "binary", "numbers", "nested", "list", "empty-object"],
)
def test_malformed_requests_get_a_client_error_not_a_crash(servers, raw, content_type):
    response = requests.post(
        f"{servers['rasa']}/webhooks/rest/webhook", data=raw,
        headers={"Content-Type": content_type}, timeout=30,
    )
    assert response.status_code < 500
    # The server keeps working afterwards.
    assert texts(rest(servers, "hello"))


def test_http_api_is_not_exposed_without_a_token(servers):
    response = requests.get(f"{servers['rasa']}/conversations/someone/tracker", timeout=10)
    assert response.status_code in (401, 403, 404, 405)


def test_socketio_channel_replies(servers):
    import socketio

    received: list = []
    confirmed: list = []
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: received.append(data))
    client.on("session_confirm", lambda session_id: confirmed.append(session_id))
    client.connect(servers["rasa"], socketio_path="/webhooks/webchat/socket.io", transports=["websocket"])
    try:
        client.emit("session_request", {"session_id": None})
        deadline = time.monotonic() + 10
        while not confirmed and time.monotonic() < deadline:
            time.sleep(0.05)
        ack = client.call("user_uttered", {"message": "what is spasticity", "session_id": confirmed[0],
                                           "message_id": uuid.uuid4().hex}, timeout=30)
        assert ack == {"ok": True}
        deadline = time.monotonic() + 30
        while not received and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        client.disconnect()
    assert received and "muscles" in received[0]["text"]


def test_no_message_text_in_the_logs(servers):
    secret = f"zebra{uuid.uuid4().hex[:8]} stiffness question"
    texts(rest(servers, secret))
    time.sleep(0.5)
    assert secret.split()[0] not in servers["log"].read_text(errors="replace")
