"""The SMS channel's handler in-process, with a stand-in for the assistant.

These cover what the real server cannot show on demand: the assistant raising
or hanging, the database being down, long replies paged with MORE, stale
replays and the fail-closed start without a token. The same paths run through
the real Rasa server in test_sms_server.py.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any, Dict, List, Optional
from urllib.parse import urlencode

import pytest
from multidict import CIMultiDict

from channels import sms as sms_channel
from channels.sms import SmsInput
from channels.sms_text import MORE_SUFFIX, segments
from itb import db
from support.twilio import new_phone, new_sid, reply_texts, signature

TOKEN = "unit-test-token"
BASE = "https://itb.example.org"
PATH = "/webhooks/sms/webhook"


class FakeRequest:
    """What the handler reads from a Sanic request."""

    def __init__(self, body: bytes, headers: Dict[str, str], path: str = PATH) -> None:
        self.body = body
        self.headers = CIMultiDict(headers)
        self.path = path
        self.query_string = ""
        self.url = "http://127.0.0.1:5005" + path


class Assistant:
    """Stands in for Rasa: replies with given messages, raises or hangs."""

    def __init__(self, messages: Optional[List[Dict[str, Any]]] = None) -> None:
        self.messages = messages if messages is not None else [{"text": "An answer."}]
        self.received: List[str] = []
        self.error: Optional[Exception] = None
        self.delay = 0.0

    async def __call__(self, message) -> None:
        self.received.append(message.text)
        assert message.sender_id.startswith("+") and message.input_channel == "sms"
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        for item in self.messages:
            if item.get("buttons"):
                await message.output_channel.send_text_with_buttons(
                    message.sender_id, item["text"], item["buttons"]
                )
            else:
                await message.output_channel.send_text_message(message.sender_id, item["text"])


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'itb.db'}"
    db.upgrade(url)
    return url


@pytest.fixture
def channel(database_url) -> SmsInput:
    return SmsInput(TOKEN, BASE, database_url)


def request_for(
    params: Dict[str, str], token: str = TOKEN, url: str = BASE + PATH, signed: bool = True
) -> FakeRequest:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signed:
        headers["X-Twilio-Signature"] = signature(token, url, params)
    return FakeRequest(urlencode(params).encode(), headers)


def params_for(body: Optional[str], phone: str, sid: Optional[str] = None) -> Dict[str, str]:
    params = {"MessageSid": sid or new_sid(), "From": phone, "To": "+15555550199"}
    if body is not None:
        params["Body"] = body
    return params


def call(channel: SmsInput, assistant: Assistant, request: FakeRequest):
    return asyncio.run(channel.handle(request, assistant))


def text_of(answer) -> str:
    assert answer.status == 200, answer.body
    assert answer.content_type.startswith("application/xml")
    texts = reply_texts(answer.body.decode())
    assert len(texts) <= 1
    return texts[0] if texts else ""


def send(channel: SmsInput, assistant: Assistant, body: str, phone: str) -> str:
    return text_of(call(channel, assistant, request_for(params_for(body, phone))))


def rows(url: str, phone: str) -> list:
    with db.session(url) as session:
        return [
            (row.body, row.status) for row in
            session.query(db.SmsMessage).filter_by(phone=phone).order_by(db.SmsMessage.received_at)
        ]


# --------------------------------------------------------------- security
def test_without_a_token_every_request_is_refused_and_startup_says_so(database_url, caplog, monkeypatch):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    with caplog.at_level(logging.ERROR, logger="channels.sms"):
        channel = SmsInput.from_credentials(None)
    assert "TWILIO_AUTH_TOKEN is not set" in caplog.text
    assistant = Assistant()
    # Even a request signed with an empty or guessed token gets nowhere.
    for token in ("", TOKEN):
        answer = call(channel, assistant, request_for(params_for("hi", new_phone()), token=token or "x"))
        assert answer.status == 403
    assert assistant.received == []


def test_wrong_token_and_proxy_address_are_refused(channel):
    assistant = Assistant()
    params = params_for("hi", new_phone())
    assert call(channel, assistant, request_for(params, token="other")).status == 403
    # Signed over the address the server sees instead of the public one.
    assert call(channel, assistant, request_for(params, url="http://127.0.0.1:5005" + PATH)).status == 403
    assert call(channel, assistant, request_for(params, signed=False)).status == 403
    assert call(channel, assistant, request_for(params)).status == 200
    assert assistant.received == ["hi"]


def test_stale_replay_is_refused(channel, database_url):
    assistant = Assistant()
    params = params_for("hi", new_phone())
    first = text_of(call(channel, assistant, request_for(params)))
    assert text_of(call(channel, assistant, request_for(params))) == first
    with db.session(database_url) as session:
        session.get(db.SmsMessage, params["MessageSid"]).received_at -= dt.timedelta(hours=2)
    assert call(channel, assistant, request_for(params)).status == 403
    assert assistant.received == ["hi"]


@pytest.mark.parametrize(
    "body,content_type,status",
    [
        (b"Body=%FF&From=%2B15551234567", "application/x-www-form-urlencoded", 400),
        (b"\xff\xfe\x00binary", "application/x-www-form-urlencoded", 400),
        (b"Body=a&Body=b", "application/x-www-form-urlencoded", 400),
        (b'{"Body": "hi"}', "application/json", 415),
        (b"Body=" + b"a" * 70_000, "application/x-www-form-urlencoded", 413),
    ],
    ids=["bad-utf8", "binary", "duplicate", "json", "huge"],
)
def test_malformed_requests_get_a_client_error(channel, body, content_type, status):
    request = FakeRequest(body, {"Content-Type": content_type, "X-Twilio-Signature": "x"})
    assert call(channel, Assistant(), request).status == status


def test_missing_fields_get_400(channel):
    phone = new_phone()
    assert call(channel, Assistant(), request_for(params_for(None, phone))).status == 400
    assert call(channel, Assistant(), request_for(params_for("hi", "12345"))).status == 400
    assert call(channel, Assistant(), request_for({"From": phone, "Body": "hi"})).status == 400


# ------------------------------------------------------ assistant failures
@pytest.mark.parametrize(
    "text,first_line",
    [
        ("what is a pump", None),
        ("my son is having a seizure", "Call 911"),
        ("I want to kill myself", "Please call or text 988"),
    ],
)
def test_assistant_error_gives_sorry_with_the_emergency_line_first(channel, database_url, text, first_line):
    assistant = Assistant()
    assistant.error = RuntimeError("the tracker store is down")
    phone = new_phone()
    send(channel, assistant, "hello", phone)  # introduced already
    reply = send(channel, assistant, text, phone)
    assert "Sorry" in reply and "800.775.7246" in reply
    if first_line:
        assert reply.startswith(first_line)
    assert rows(database_url, phone)[-1] == (text, "failed")


def test_no_reply_at_all_counts_as_a_failure(channel, database_url):
    phone = new_phone()
    reply = send(channel, Assistant(messages=[]), "what are your hours", phone)
    assert "Sorry" in reply and "800.775.7246" in reply
    assert rows(database_url, phone) == [("what are your hours", "failed")]


def test_a_hanging_assistant_gets_sorry_before_twilio_gives_up(channel, monkeypatch):
    monkeypatch.setattr(sms_channel, "TURN_TIMEOUT", 0.3)
    assistant = Assistant()
    assistant.delay = 5
    reply = send(channel, assistant, "my dad is unconscious", new_phone())
    assert reply.startswith("Call 911") and "Sorry" in reply


def test_database_down_still_answers(monkeypatch, tmp_path):
    channel = SmsInput(TOKEN, BASE, f"sqlite:///{tmp_path / 'never-migrated.db'}")
    assistant = Assistant()
    reply = send(channel, assistant, "my pump is alarming and I am itchy and hot", new_phone())
    assert reply.startswith("Call 911") and "800.775.7246" in reply


# --------------------------------------------------------------- replies
def test_long_reply_is_paged_and_options_count_once_shown(channel):
    long_text = " ".join(f"Sentence {number} about the pump and its refills." for number in range(40))
    assistant = Assistant([{"text": long_text, "buttons": [
        {"title": "Pump alarms", "payload": "/ask_pump_alarm"},
        {"title": "Refills", "payload": "/ask_pump_refill"},
    ]}])
    phone = new_phone()
    pages = [send(channel, assistant, "tell me everything", phone)]
    assert pages[0].startswith("This is the automated assistant") and pages[0].endswith(MORE_SUFFIX)
    # "1" before the options were shown is just text for the assistant.
    send(channel, assistant, "1", phone)
    assert assistant.received[-1] == "1"
    pages = [send(channel, assistant, "tell me everything", phone)]
    while pages[-1].endswith(MORE_SUFFIX):
        pages.append(send(channel, assistant, "MORE", phone))
    assert all(segments(page).count <= 3 for page in pages)
    assert pages[-1].endswith("Reply 1 for pump alarms, 2 for refills.")
    assert " ".join(page.replace(MORE_SUFFIX, "") for page in pages).count("Sentence") == 40
    assistant.messages = [{"text": "The pump is refilled with a needle."}]
    assert send(channel, assistant, "2", phone) == "The pump is refilled with a needle."
    assert assistant.received[-1] == "/ask_pump_refill"
    assert "whole message" in send(channel, assistant, "more", phone)


def test_out_of_range_number_asks_again_without_a_turn(channel):
    assistant = Assistant([{"text": "Pick one.", "buttons": [{"title": "A", "payload": "/greet"}]}])
    phone = new_phone()
    send(channel, assistant, "hi", phone)
    assert send(channel, assistant, "4", phone) == "Please reply 1, or type your question."
    assert assistant.received == ["hi"]


def test_markdown_smart_quotes_and_emoji_are_made_sms_friendly(channel):
    assistant = Assistant([{"text": "**Don’t** wait — call [us](tel:8007757246) 🙂"}])
    reply = send(channel, assistant, "hi", new_phone())
    assert reply.endswith("Don't wait - call us: 8007757246 :)")
    assert segments(reply).encoding == "GSM-7"


def test_simultaneous_retries_run_one_turn(channel):
    assistant = Assistant()
    assistant.delay = 0.5
    params = params_for("hello", new_phone())

    async def both():
        return await asyncio.gather(
            channel.handle(request_for(params), assistant),
            channel.handle(request_for(params), assistant),
        )

    first, second = asyncio.run(both())
    assert text_of(first) == text_of(second) != ""
    assert assistant.received == ["hello"]


def test_opt_out_survives_a_new_channel_instance(channel, database_url):
    phone = new_phone()
    send(channel, Assistant(), "STOP", phone)
    restarted = SmsInput(TOKEN, BASE, database_url)
    assistant = Assistant()
    assert send(restarted, assistant, "hello", phone) == ""
    assert assistant.received == []
    assert "subscribed" in send(restarted, assistant, "START", phone)


def test_opt_outs_on_postgresql(postgres_url):
    db.upgrade(postgres_url)
    channel = SmsInput(TOKEN, BASE, postgres_url)
    phone, assistant = new_phone(), Assistant()
    assert "unsubscribed" in send(channel, assistant, "STOP", phone)
    assert send(SmsInput(TOKEN, BASE, postgres_url), assistant, "hello", phone) == ""
    params = params_for("again", phone)
    assert text_of(call(channel, assistant, request_for(params))) == ""
    assert text_of(call(channel, assistant, request_for(params))) == ""
    assert assistant.received == []
    db.engine(postgres_url).dispose()


def test_logs_hold_no_text_and_only_masked_numbers(channel, caplog):
    phone = new_phone()
    with caplog.at_level(logging.INFO, logger="channels.sms"):
        for text in ("secret-words-1", "STOP", "secret-words-2", "START", "HELP"):
            send(channel, Assistant(), text, phone)
        call(channel, Assistant(), request_for(params_for("secret-words-3", phone), signed=False))
    assert "secret-words" not in caplog.text
    assert phone not in caplog.text and phone[2:] not in caplog.text
    assert f"{phone[:2]}******{phone[-4:]}" in caplog.text
