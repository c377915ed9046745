"""Holes closed in the channels, as a client meets them on the real server:
REST refuses a message without a sender, REST and SMS refuse an oversized body
with a JSON 413 before reading it all, and Rasa's stock socket.io channel
(/socket.io, which accepted any origin) is not served."""
from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
import requests

REST = "/webhooks/rest/webhook"
SMS = "/webhooks/sms/webhook"
MB = 1024 * 1024


def post_json(servers, raw: bytes, **headers: str) -> requests.Response:
    return requests.post(f"{servers['rasa']}{REST}", data=raw, timeout=60,
                         headers={"Content-Type": "application/json", **headers})


def stored_senders(servers) -> set:
    with sqlite3.connect(servers["tracker_db"]) as db:
        return {row[0] for row in db.execute("select distinct sender_id from events")}


def assert_still_answers(servers) -> None:
    answer = requests.post(f"{servers['rasa']}{REST}", timeout=60,
                           json={"sender": uuid.uuid4().hex, "message": "what is spasticity"})
    assert answer.status_code == 200 and "muscles" in answer.json()[0]["text"]


# ------------------------------------------------------------- REST sender
@pytest.mark.parametrize("body", [
    {"message": "what is a baclofen pump"},
    {"sender": None, "message": "what is a baclofen pump"},
    {"sender": "", "message": "what is a baclofen pump"},
    {"sender": "   ", "message": "what is a baclofen pump"},
    {"sender": "\t\n", "message": "what is a baclofen pump"},
], ids=["missing", "null", "empty", "blank", "whitespace"])
def test_rest_refuses_a_message_without_a_sender(servers, body):
    # Such messages used to be filed under "default": one conversation for every such client.
    answer = post_json(servers, json.dumps(body).encode())
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/json")
    error = answer.json()["error"]
    assert '"sender"' in error and "required" in error
    assert "default" not in stored_senders(servers)


def test_two_clients_without_a_sender_never_share_a_conversation(servers):
    first = post_json(servers, json.dumps({"message": "my name is Ann, what is the trial"}).encode())
    second = post_json(servers, json.dumps({"message": "what did I just say"}).encode())
    assert first.status_code == second.status_code == 400
    assert "default" not in stored_senders(servers)


# ------------------------------------------------------------ body sizes
@pytest.mark.parametrize("size", [70 * 1024, 5 * MB])
def test_rest_refuses_an_oversized_body_padded_in_an_unknown_field(servers, size):
    # A short message with megabytes in a field nobody reads used to be accepted (200).
    body = json.dumps({"sender": uuid.uuid4().hex, "message": "hi", "padding": "a" * size}).encode()
    answer = post_json(servers, body)
    assert answer.status_code == 413
    assert answer.headers["Content-Type"].startswith("application/json")
    assert "64 KB" in answer.json()["error"]
    assert_still_answers(servers)


def test_rest_refuses_an_oversized_chunked_body(servers):
    # No Content-Length to go by: the limit holds while the body is read.
    def chunks():
        yield b'{"sender": "chunked", "message": "hi", "padding": "'
        for _ in range(80):
            yield b"a" * 64 * 1024
        yield b'"}'

    answer = requests.post(f"{servers['rasa']}{REST}", data=chunks(), timeout=60,
                           headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert "64 KB" in answer.json()["error"]
    assert "chunked" not in stored_senders(servers)
    assert_still_answers(servers)


def test_rest_accepts_a_body_just_under_the_limit(servers):
    sender = uuid.uuid4().hex
    body = json.dumps({"sender": sender, "message": "what is spasticity",
                       "metadata": {"padding": "a" * (60 * 1024)}}).encode()
    assert len(body) < 64 * 1024
    answer = post_json(servers, body)
    assert answer.status_code == 200 and "muscles" in answer.json()[0]["text"]


@pytest.mark.parametrize("size", [100 * 1024, 5 * MB])
def test_sms_refuses_an_oversized_body_with_a_json_413(servers, size):
    answer = requests.post(f"{servers['rasa']}{SMS}", data={"Body": "hi", "Padding": "a" * size}, timeout=60,
                           headers={"X-Twilio-Signature": "x"})
    assert answer.status_code == 413
    assert answer.headers["Content-Type"].startswith("application/json")
    assert "too large" in answer.json()["error"]
    assert_still_answers(servers)


# --------------------------------------------------- Rasa's /socket.io
def test_rasa_stock_socketio_channel_is_not_served(servers):
    import socketio

    # An engine.io handshake from any page used to open a session (no origin check).
    handshake = requests.get(f"{servers['rasa']}/socket.io/?EIO=4&transport=polling", timeout=10,
                             headers={"Origin": "https://evil.example"})
    assert handshake.status_code == 404
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(servers["rasa"], socketio_path="/socket.io", transports=["websocket"], wait_timeout=10)
    # The widget's channel is the web chat.
    widget = requests.get(f"{servers['rasa']}/webhooks/webchat/socket.io/?EIO=4&transport=polling", timeout=10,
                          headers={"Origin": str(servers["rasa"])})
    assert widget.status_code == 200 and widget.text.startswith("0")
