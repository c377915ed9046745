"""The three channels as their clients speak them: REST, SMS signed as Twilio
signs it, and the widget's socket.io web chat. A message that gets no answer (a
dropped connection, a 5xx) raises `Retry`: the caller sends it again with the
same message id or MessageSid, as the widget and Twilio do."""
from __future__ import annotations

import threading
import time
from typing import Any, Optional

import requests

from support.twilio import PATH as SMS_PATH  # /webhooks/sms/webhook
from support.twilio import signature

WEBCHAT_PATH = "/webhooks/webchat/socket.io"


class Retry(Exception):
    """No answer this time: send the same message again."""

    def __init__(self, server_error: bool) -> None:
        super().__init__()
        self.server_error = server_error


def post(session: requests.Session, url: str, channel: str, **kwargs: Any) -> requests.Response:
    """A 200, or Retry for no answer (a dropped connection, a 5xx); other statuses
    are refusals that resending would not change."""
    try:
        response = session.post(url, timeout=90, **kwargs)
    except requests.RequestException:
        raise Retry(False) from None
    if response.status_code >= 500:
        raise Retry(True)
    if response.status_code != 200:
        raise RuntimeError(f"{channel} answered {response.status_code}")
    return response


class Rest:
    def __init__(self, base: str) -> None:
        self.url = f"{base}/webhooks/rest/webhook"
        self.session = requests.Session()

    def send(self, sender: str, text: str, message_id: str) -> str:
        response = post(self.session, self.url, "REST",
                        json={"sender": sender, "message": text, "message_id": message_id})
        replies = response.json()
        if not replies:
            raise Retry(False)
        return "\n".join(str(message.get("text", "")) for message in replies)


class Sms:
    def __init__(self, base: str, token: str) -> None:
        self.url = base + SMS_PATH
        self.token = token
        self.session = requests.Session()

    def send(self, phone: str, text: str, sid: str) -> str:
        params = {
            "MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
            "To": "+15555550199", "Body": text, "NumMedia": "0", "NumSegments": "1",
        }
        response = post(self.session, self.url, "SMS", data=params,
                        headers={"X-Twilio-Signature": signature(self.token, self.url, params)})
        if "<Message>" not in response.text:
            raise Retry(False)  # the first try is still being answered somewhere
        return response.text


class Webchat:
    """The widget's side of the web chat: a socket.io connection per conversation
    that reconnects, asks for its session again and resends what was not
    acknowledged, with the same message id. The server issues the conversation
    id (signed; an id it did not issue is never resumed)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session_id: Optional[str] = None
        self.resumed = True  # the last session_confirm was this conversation's id
        self.client = None
        self.confirmed = threading.Event()

    def open(self, attempts: int = 10) -> str:
        """Connect until the server has issued the conversation id."""
        for _ in range(attempts):
            try:
                self.connect()
            except Retry:
                time.sleep(1)
                continue
            if self.session_id:
                return self.session_id
        raise RuntimeError("the web chat issued no conversation id")

    def confirm(self, session_id: object) -> None:
        if not isinstance(session_id, str):
            return
        if self.session_id is None:
            self.session_id = session_id
        self.resumed = session_id == self.session_id
        self.confirmed.set()

    def connect(self) -> None:
        import socketio

        self.close()
        self.confirmed.clear()
        client = socketio.Client(reconnection=False)
        client.on("session_confirm", self.confirm)
        try:
            client.connect(self.base, socketio_path=WEBCHAT_PATH, transports=["websocket"], wait_timeout=10)
            client.emit("session_request", {"session_id": self.session_id})
        except Exception:  # noqa: BLE001 - a replica going away; the caller retries
            try:
                client.disconnect()
            except Exception:  # noqa: BLE001
                pass
            raise Retry(False) from None
        self.client = client
        if not self.confirmed.wait(10):
            self.close()
            raise Retry(False)
        if not self.resumed:
            self.close()
            raise RuntimeError("the web chat did not resume the conversation it issued")

    def send(self, text: str, message_id: str) -> str:
        if self.client is None or not self.client.connected:
            self.connect()
        assert self.client is not None
        try:
            ack = self.client.call(
                "user_uttered",
                {"message": text, "session_id": self.session_id, "message_id": message_id},
                timeout=90,
            )
        except Exception:  # noqa: BLE001 - disconnected or timed out: reconnect, resend
            self.close()
            raise Retry(False) from None
        if not isinstance(ack, dict) or not ack.get("ok"):
            if isinstance(ack, dict) and ack.get("error") == "rate_limited":
                time.sleep(float(ack.get("retry_after", 1)))
                raise Retry(False)
            raise RuntimeError(f"web chat refused a message: {ack}")
        return "ok"

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.disconnect()
            except Exception:  # noqa: BLE001
                pass
        self.client = None
