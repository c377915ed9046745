"""socket.io hardening shared by the two socket.io channels.

* `guard(sio)` closes two faults of python-engineio 4 that any client can
  trigger over HTTP long-polling: a POST for a session the client itself had
  just closed raised KeyError (a 500), and a POST with a packet type the
  server does not accept (e.g. NOOP) waited, while disconnecting, for a poll
  that may never come (the request hung until Sanic's response timeout).
* `SocketIOInput` is Rasa's built-in `socketio` channel (`/socket.io`) with its
  input checked first: a `session_id` or `message` of the wrong type or with
  lone surrogates used to reach the SQL tracker store, which exits the whole
  Rasa server on such an id. An empty message is dropped (Rasa's NLU fails on
  it), and when handling a message fails the user still gets the kind "sorry,
  please call" reply (the emergency line first when the red-flag check fires),
  as on the other channels. Other messages are handled exactly as Rasa does.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import engineio
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint, response
from socketio import AsyncServer

from channels.rest import MAX_MESSAGE_CHARS, MAX_SENDER_CHARS, clean_text, fallback_reply

logger = logging.getLogger(__name__)

PRINTABLE_ID = re.compile(r"^[\x21-\x7e]+$")


class GuardedEngineServer(engineio.AsyncServer):
    """engine.io's server, answering 400 instead of failing or hanging (see above)."""

    async def handle_request(self, *args: Any, **kwargs: Any) -> Any:
        for sid in [sid for sid, socket in list(self.sockets.items()) if socket.closed]:
            self.sockets.pop(sid, None)
        try:
            return await super().handle_request(*args, **kwargs)
        except KeyError:  # a session closed while this request was on its way
            return response.text("Session is disconnected", status=400)

    async def disconnect(self, sid: Optional[str] = None) -> None:
        socket = self.sockets.get(sid) if sid is not None else None
        if socket is not None and not socket.upgraded:
            # A long-polling client may never poll for the CLOSE packet again:
            # close without waiting for it (a pending poll still receives it).
            await socket.close(wait=False, reason=self.reason.SERVER_DISCONNECT)
            self.sockets.pop(sid, None)
            return
        await super().disconnect(sid)


def guard(sio: AsyncServer) -> AsyncServer:
    """Use GuardedEngineServer for this socket.io server (before it is attached to the app)."""
    sio.eio.__class__ = GuardedEngineServer
    return sio


def valid_session_id(value: Any) -> bool:
    return (
        isinstance(value, str) and 0 < len(value) <= MAX_SENDER_CHARS
        and PRINTABLE_ID.match(value) is not None
    )


class SocketIOInput(RasaSocketIOInput):
    """Rasa's `socketio` channel with its input checked (see the module's docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        guard(sio)
        handlers = sio.handlers[self.namespace or "/"]
        rasa_session_request = handlers["session_request"]
        rasa_message = handlers[self.user_message_evt]

        async def session_request(sid: Text, data: Any = None) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            # A missing or unusable id gets a new one, as Rasa does for a missing one.
            await rasa_session_request(sid, {"session_id": session_id if valid_session_id(session_id) else None})

        async def handle_message(sid: Text, data: Any = None) -> None:
            if not isinstance(data, dict):
                logger.info("socketio: dropped a message that is not an object")
                return
            message = data.get("message", "")
            if not isinstance(message, str) or len(message) > MAX_MESSAGE_CHARS:
                logger.info("socketio: dropped a message without a text of at most %d characters",
                            MAX_MESSAGE_CHARS)
                return
            text = clean_text(message)
            if not text.strip():
                logger.info("socketio: dropped an empty message")
                return
            checked: Dict[Text, Any] = {**data, "message": text}
            if self.session_persistence and "session_id" in data and not valid_session_id(data["session_id"]):
                logger.info("socketio: dropped a message with an unusable session_id")
                return
            metadata = data.get(self.metadata_key)
            if metadata is not None and not isinstance(metadata, dict):
                checked[self.metadata_key] = {}
            try:
                await rasa_message(sid, checked)
            except Exception as exc:  # noqa: BLE001 - the user must always get a reply
                logger.error("socketio: handling a message failed (%s)", type(exc).__name__)
                recipient = data.get("session_id") if self.session_persistence else sid
                if recipient:
                    for reply in fallback_reply(recipient, text):
                        await sio.emit(self.bot_message_evt, {"text": reply["text"]}, room=recipient)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
