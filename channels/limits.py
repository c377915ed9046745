"""Request size limits shared by the channels and the launcher.

* `TRANSPORT_MAX_BYTES` is the largest request body the Rasa server reads at
  all (Sanic's REQUEST_MAX_SIZE, set by launcher/common.py through
  SANIC_REQUEST_MAX_SIZE; nginx's client_max_body_size is the same 1 MiB). The
  web chat's socket.io frames stay under it (channels/webchat.py).
* The REST and SMS webhooks are streaming routes with a much lower limit of
  their own: `read_body` stops reading at that limit, so the channel answers a
  JSON 413 before anything is parsed or buffered. Sanic then discards the rest
  of such a body (up to TRANSPORT_MAX_BYTES, after which it closes the
  connection), so a client still reads the 413.
"""
from __future__ import annotations

from typing import Any, Optional

TRANSPORT_MAX_BYTES = 1024 * 1024


async def read_body(request: Any, limit: int) -> Optional[bytes]:
    """The request's body, or None when it is longer than `limit` bytes.

    On a streaming route (`stream=True`) nothing past the limit is read: a
    Content-Length over it is refused at once, and a chunked body when the
    chunks read so far exceed it. On other routes Sanic has read the body already.
    """
    length = (request.headers.get("content-length") or "").strip()
    if length.isdigit() and int(length) > limit:
        return None
    body = bytearray(getattr(request, "body", b"") or b"")
    stream = getattr(request, "stream", None)
    if stream is not None and getattr(stream, "request_body", None):
        while len(body) <= limit:
            chunk = await stream.read()
            if chunk is None:
                break
            body += chunk
    return None if len(body) > limit else bytes(body)
