"""Webhooks to the SMS channel signed as Twilio signs them, and their TwiML replies.

`signature` is the one place a Twilio signature is made (the SMS simulator, the
load test, the fuzzer and the tests use it); `Sms` is a Twilio stand-in for the
SMS channel tests: signed webhooks to a real server started by
`support.stack.running_assistant`.
"""
from __future__ import annotations

import random
import sqlite3
import uuid
import xml.etree.ElementTree as ElementTree
from typing import Dict, List, Mapping, Optional

import requests
from twilio.request_validator import RequestValidator

PATH = "/webhooks/sms/webhook"
HEADER = "X-Twilio-Signature"


def signature(token: str, url: str, params: Mapping[str, str]) -> str:
    """The X-Twilio-Signature of a webhook POSTed to `url` (the address Twilio was given) with `params`."""
    signed: str = RequestValidator(token).compute_signature(url, dict(params))
    return signed


def new_phone() -> str:
    """A random +1 555 number: a new texter for each test."""
    return f"+1555{random.randrange(10**7):07d}"


def new_sid() -> str:
    """A new MessageSid."""
    return "SM" + uuid.uuid4().hex


def reply_texts(twiml: str) -> List[str]:
    """The text of each <Message> of a TwiML reply (fails unless it is a <Response>)."""
    root = ElementTree.fromstring(twiml)
    assert root.tag == "Response", twiml
    return ["".join(message.itertext()) for message in root.iter("Message")]


def reply_text(twiml: str) -> str:
    """The text of the <Message>s in a TwiML reply, one per line ("" for an empty <Response/>)."""
    root = ElementTree.fromstring(twiml)
    return "\n".join("".join(message.itertext()) for message in root.iter("Message"))


class Sms:
    """Sends webhooks to one server as Twilio does, signed with its token."""

    def __init__(self, server: Dict[str, object]) -> None:
        env = server["env"]
        assert isinstance(env, dict)
        self.base = str(server["rasa"])
        self.url = self.base + PATH
        self.public_url = env["PUBLIC_BASE_URL"] + PATH
        self.token = str(env["TWILIO_AUTH_TOKEN"])
        self.server = server

    def params(self, body: Optional[str], phone: str, sid: Optional[str] = None) -> Dict[str, str]:
        sid = sid or new_sid()
        params = {
            "MessageSid": sid, "SmsSid": sid, "SmsMessageSid": sid,
            "AccountSid": "AC" + "0" * 32, "From": phone, "To": "+15555550199",
            "NumMedia": "0", "NumSegments": "1", "ApiVersion": "2010-04-01",
        }
        if body is not None:
            params["Body"] = body
        return params

    def sign(self, params: Dict[str, str], url: Optional[str] = None) -> str:
        return signature(self.token, url or self.public_url, params)

    def post(
        self,
        params: Dict[str, str],
        signature: Optional[str] = "auto",
        timeout: float = 60,
    ) -> requests.Response:
        headers = {}
        if signature == "auto":
            signature = self.sign(params)
        if signature is not None:
            headers[HEADER] = signature
        return requests.post(self.url, data=params, headers=headers, timeout=timeout)

    def send(self, body: str, phone: str) -> str:
        """The reply text ("" when nothing is sent); fails unless HTTP 200 + TwiML."""
        answer = self.post(self.params(body, phone))
        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"].startswith("application/xml")
        texts = reply_texts(answer.text)
        assert len(texts) <= 1, "one <Message> at most"
        return texts[0] if texts else ""

    def user_events(self, phone: str) -> List[str]:
        """The texts Rasa received from this number (its tracker)."""
        with sqlite3.connect(str(self.server["tracker_db"])) as db:
            rows = db.execute(
                "select data from events where sender_id = ? and type_name = 'user'", (phone,)
            ).fetchall()
        return [row[0] for row in rows]

    def database(self) -> sqlite3.Connection:
        url = str(self.server["database_url"])
        return sqlite3.connect(url[len("sqlite:///"):])
