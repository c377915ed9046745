"""engine.io hardening for the web chat's socket.io server (channels/webchat.py).

`guard(sio)` closes two faults of python-engineio 4 that any client can
trigger over HTTP long-polling: a POST for a session the client itself had
just closed raised KeyError (a 500), and a POST with a packet type the server
does not accept (e.g. NOOP) waited, while disconnecting, for a poll that may
never come (the request hung until Sanic's response timeout).

Rasa's stock socket.io channel (`/socket.io`) is not served: it checked no
origin and had no size or rate limits. The widget's channel is the web chat.
"""
from __future__ import annotations

from typing import Any, Optional

import engineio
from sanic import response
from socketio import AsyncServer


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
