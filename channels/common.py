"""What the channels share (REST, web chat, SMS): the input checks on what a
user sent, the JSON error for API clients, and the reply when the assistant
itself failed. Each channel's own contract stays in its module."""
from __future__ import annotations

import re

from sanic import response
from sanic.response import HTTPResponse

from itb.safety import replies as safety_replies

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Lone surrogates (a JSON escape such as "\ud800") cannot be stored as UTF-8; on
# such a conversation id Rasa's SQL tracker store exits the whole server.
SURROGATES = re.compile(r"[\ud800-\udfff]")


def error(status: int, message: str) -> HTTPResponse:
    """A JSON error for API clients: {"error": "..."}."""
    return response.json({"error": message}, status=status)


def clean_text(text: str) -> str:
    """A user's text as it is stored: control characters and lone surrogates replaced."""
    return SURROGATES.sub("\ufffd", CONTROL_CHARACTERS.sub(" ", text))


def fallback_reply(recipient: str, text: str) -> list:
    """What to say when the assistant itself failed: safety first."""
    return [{"recipient_id": recipient, "text": "\n".join(safety_replies.fallback_lines(text))}]
