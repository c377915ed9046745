"""REST channel (`/webhooks/rest/webhook`) that checks its input first.

Same contract as Rasa's built-in `rest` channel (a JSON object with `sender`
and `message`; the reply is a JSON list of messages), but:

* malformed bodies and wrong types get a 400 with a JSON error, and messages
  over MAX_MESSAGE_CHARS a 413, instead of an exception inside Rasa;
* `sender` is required (Rasa files a message without one under "default", one
  conversation shared by every such client): missing, null or blank is a 400;
* a body over MAX_BODY_BYTES gets a JSON 413 before it is read further or
  parsed, whatever field holds the bulk (channels/limits.py);
* if the assistant fails while handling a message, or produces no reply at
  all (for example with the action server down), the user still gets a kind reply with the clinic's number, and the emergency reply first when the
  deterministic red-flag check fires;
* a body may carry a `message_id` (8 to 64 letters, digits, `-` or `_`): a
  message id already in the conversation is not handled again, and the replies
  it got then are sent again, so a client that retries after a dropped
  connection or a failed replica never doubles a turn;
* nothing a user wrote is ever written to the log.
"""
from __future__ import annotations

import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import CONTROL_CHARACTERS, SURROGATES, clean_text, error, fallback_reply
from channels.limits import read_body
from itb import health as health_checks
from itb.content import texts

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5000
# Largest request body: a message of MAX_MESSAGE_CHARS fits even with every
# character JSON-escaped; anything longer is refused before it is parsed.
MAX_BODY_BYTES = 64 * 1024
MAX_SENDER_CHARS = 128
MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def parse_body(raw: bytes) -> Tuple[Optional[Dict[str, Any]], Optional[HTTPResponse]]:
    """The validated body, or the error response to send instead."""
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, error(400, "The body must be JSON in UTF-8.")
    if not isinstance(body, dict):
        return None, error(400, 'The body must be a JSON object with "sender" and "message".')
    sender = body.get("sender")
    message = body.get("message")
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        return None, error(
            400, f'"sender" is required: a text of 1 to {MAX_SENDER_CHARS} characters naming the conversation.'
        )
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return None, error(400, f'"sender" must be a text of 1 to {MAX_SENDER_CHARS} characters.')
    if CONTROL_CHARACTERS.search(sender) or SURROGATES.search(sender):
        return None, error(400, '"sender" must not contain control characters or lone surrogates.')
    if not isinstance(message, str):
        return None, error(400, '"message" must be a text.')
    if len(message) > MAX_MESSAGE_CHARS:
        return None, error(413, f'"message" is longer than {MAX_MESSAGE_CHARS} characters.')
    message_id = body.get("message_id")
    if message_id is not None and (not isinstance(message_id, str) or not MESSAGE_ID.match(message_id)):
        return None, error(400, '"message_id" must be 8 to 64 letters, digits, "-" or "_".')
    metadata = body.get("metadata")
    return {
        "message_id": message_id,
        "sender": sender.strip(),
        "message": clean_text(message),
        "metadata": metadata if isinstance(metadata, dict) else None,
    }, None


def earlier_replies(events: list, sender: str, message_id: str) -> Optional[list]:
    """The replies a message id already got, or None if it is not in the conversation."""
    replies: Optional[list] = None
    for event in events:
        if replies is None:
            if isinstance(event, UserUttered) and event.message_id == message_id:
                replies = []
            continue
        if isinstance(event, UserUttered) or (
            isinstance(event, ActionExecuted) and event.action_name == "action_listen"
        ):
            break
        if isinstance(event, BotUttered):
            reply: Dict[str, Any] = {"recipient_id": sender}
            if event.text:
                reply["text"] = event.text
            for key in ("buttons", "image", "attachment", "custom"):
                value = (event.data or {}).get(key)
                if value:
                    reply[key] = value
            replies.append(reply)
    return replies


class RestInput(RasaRestInput):
    """Drop-in replacement for Rasa's `rest` channel with input checks."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("itb_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            # Liveness: the server answers. No dependency is checked here, so a
            # database outage never gets a replica restarted.
            return response.json({"status": "ok"})

        @webhook.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            # Readiness: 503 until the model is loaded and while the tracker or
            # lock store does not answer (itb/health.py); each part's state only.
            status, body = await health_checks.rasa_readiness(request.app)
            return response.json(body, status=status, headers={"Cache-Control": "no-store"})

        # A streaming route: the body is read here, and no further than MAX_BODY_BYTES.
        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            raw = await read_body(request, MAX_BODY_BYTES)
            if raw is None:
                logger.info("rest: rejected a body over %d bytes", MAX_BODY_BYTES)
                return error(413, f"The body is larger than {MAX_BODY_BYTES // 1024} KB.")
            body, problem = parse_body(raw)
            if problem is not None or body is None:
                logger.info("rest: rejected a malformed request")
                return problem or error(400, "Bad request.")
            sender, text, message_id = body["sender"], body["message"], body["message_id"]
            if not text.strip():
                return response.json([{"recipient_id": sender, "text": texts.text("utter_channel_empty")}])
            if message_id:
                earlier = await self.earlier(request, sender, message_id)
                if earlier is not None:
                    logger.info("rest: a message id came again; sent its first replies")
                    return response.json(earlier or fallback_reply(sender, text))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=self.name(),
                        metadata=body["metadata"], message_id=message_id,
                    )
                )
            except Exception as exc:  # noqa: BLE001 - the user must always get a reply
                logger.error("rest: handling a message failed (%s)", type(exc).__name__)
                return response.json(fallback_reply(sender, text))
            if not collector.messages:
                # Every turn answers something; silence means a part failed
                # (for example the action server is down).
                logger.error("rest: the assistant produced no reply")
                return response.json(fallback_reply(sender, text))
            return response.json(collector.messages)

        return webhook

    async def earlier(self, request: Request, sender: str, message_id: str) -> Optional[list]:
        """The replies to a message id the conversation already holds, if any."""
        agent = getattr(request.app.ctx, "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return None
        try:
            tracker = await store.retrieve_full_tracker(sender)
        except Exception as exc:  # noqa: BLE001 - then the message is simply handled
            logger.error("rest: reading a conversation failed (%s)", type(exc).__name__)
            return None
        if tracker is None:
            return None
        return earlier_replies(list(tracker.events), sender, message_id)
