"""webchat: the widget's socket.io channel: connect, session_request,
user_uttered and other events with odd payloads, over a real socket.io client
(Rasa's stock channel at `/socket.io` is not served)."""
from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from typing import Any, Optional, Tuple

from hypothesis import strategies as st

from scripts.fuzz.checks import Tally, Target
from scripts.fuzz.strategies import json_values, message_text, odd_names, odd_text, run, utf8_text

WEBCHAT_IO = "/webhooks/webchat/socket.io"
ACK_TIMEOUT = 20.0
# The web chat answers `too_long` to a frame up to this size (channels/webchat.py's
# MAX_FRAME_BYTES), and engine.io closes a connection whose frame is larger: a refusal, not a crash.
FRAME_LIMIT = 1_000_000
REAL = "<the session id>"


def fuzz_socketio(target: Target, tally: Tally, examples: int, seed: int, group: str, path: str) -> None:
    """Odd events and payloads over a real socket.io client (the widget's channel)."""
    import socketio

    for name in ("engineio.client", "socketio.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # dropped connections are counted, not printed
    # Messages from 100 kB up to and over the frame limit (in bytes as sent: "é" is 6, as JSON).
    frame_text = st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", " "]),
                           st.sampled_from([100_000, FRAME_LIMIT // 8, FRAME_LIMIT // 2, FRAME_LIMIT + 1]))
    session_ids = st.one_of(st.just(REAL), st.just(REAL), st.just(REAL), json_values, odd_names, st.sampled_from(
        ["", "0" * 32, "g" * 32, uuid.uuid4().hex.upper(), uuid.uuid4().hex]))
    message_ids = st.one_of(st.none(), st.just("fuzzmsg-same-id"), json_values,
                            st.text(st.sampled_from("abcXYZ019_-"), min_size=7, max_size=65))
    payload = st.one_of(
        json_values,
        st.fixed_dictionaries({"session_id": st.just(REAL), "message": message_text(2000)}),
        st.fixed_dictionaries({"session_id": session_ids}, optional={
            "message": st.one_of(message_text(2000), json_values, frame_text),
            "message_id": message_ids,
            "metadata": st.one_of(json_values, odd_text, st.fixed_dictionaries(
                {"display": st.one_of(odd_text, json_values)})),
            "customData": json_values,
        }),
    )
    events = st.one_of(st.just("user_uttered"), st.just("user_uttered"), st.just("user_uttered"),
                       st.just("session_request"),
                       st.sampled_from(["connect", "disconnect", "bot_uttered", "message", "", "x" * 300]), utf8_text)
    origins = st.sampled_from(["own", "own", "own", "none", "http://evil.example", "null"])

    class Connection:
        def __init__(self) -> None:
            self.client: Any = None
            self.session_id: Optional[str] = None
            self.used = 0
            self.confirmed = threading.Event()

        def open(self, origin: str) -> None:
            self.close()
            # websocket-client sends the page's own origin by itself; polling sends none unless told.
            headers = {} if origin in ("own", "none") else {"Origin": origin}
            transports = ["websocket"] if origin == "own" else ["polling"]
            client = socketio.Client(reconnection=False, request_timeout=10)
            self.confirmed.clear()

            @client.on("session_confirm")
            def confirm(session_id: Any) -> None:
                self.session_id = session_id if isinstance(session_id, str) else None
                self.confirmed.set()

            # The channel checks the page's origin (none: not a browser).
            refusable = origin not in ("own", "none")
            try:
                client.connect(target.rasa, headers=headers, socketio_path=path, transports=transports,
                               wait_timeout=10)
            except socketio.exceptions.ConnectionError:
                tally.add(group, "connect", "CONNECT", "refused" if refusable else "connect-failed", not refusable)
                if not refusable:
                    target.check()
                return
            tally.add(group, "connect", "CONNECT", "connected", refusable)
            self.client, self.used, self.session_id = client, 0, None
            try:
                client.emit("session_request", {"session_id": None})
            except socketio.exceptions.SocketIOError:
                pass
            confirmed = self.confirmed.wait(ACK_TIMEOUT)
            tally.add(group, "session_request", "EMIT session_request", "confirmed" if confirmed else "no-confirm",
                      not confirmed)

        def close(self) -> None:
            if self.client is not None:
                try:
                    self.client.disconnect()
                except Exception:  # noqa: BLE001 - already gone
                    pass
            self.client = None

    connection = Connection()

    def substitute(value: Any) -> Any:
        if value == REAL:
            return connection.session_id
        if isinstance(value, dict):
            return {k: substitute(v) for k, v in value.items()}
        return value

    def size_of(value: Any) -> int:
        try:
            return len(json.dumps(value).encode("ascii"))
        except (TypeError, ValueError):
            return 0

    def act(value: Tuple[str, Any, str]) -> None:
        event, data, origin = value
        if connection.client is None or connection.used >= 12 or not connection.client.connected:
            connection.open("own")
            if connection.client is None:
                return
        connection.used += 1
        data = substitute(data)
        client = connection.client
        name = f"EMIT {event if event in ('user_uttered', 'session_request') else '<other event>'}"
        # Over the frame limit with the event's own framing: no answer, the connection closes.
        large = size_of(data) > FRAME_LIMIT - 64
        try:
            if event == "user_uttered" and not large:
                answer = client.call(event, data, timeout=ACK_TIMEOUT)
                if isinstance(answer, dict):
                    outcome = "ack:ok" if answer.get("ok") else f"ack:{str(answer.get('error'))[:20]}"
                else:
                    outcome = "ack:none" if answer is None else "ack:other"
                tally.add(group, "user_uttered", name, outcome, False)
            else:
                client.emit(event, data)
                if large:
                    # engine.io closes a connection whose frame is over its limit: wait and see.
                    time.sleep(0.3)
                    outcome = "sent(large, connection closed)" if not client.connected else "sent(large)"
                    tally.add(group, "large-frame", name, outcome, False)
                    connection.close()
                    return
                tally.add(group, "emit", name, "sent", False)
        except socketio.exceptions.TimeoutError:
            tally.add(group, "user_uttered", name, "no-ack", True)
            tally.failing.append({"group": group, "case": "user_uttered", "outcome": "no-ack", "event": event,
                                  "data": repr(data)[:4000]})
            connection.close()
            target.check()
            return
        except (socketio.exceptions.SocketIOError, ValueError, TypeError) as exc:
            dropped = not client.connected
            tally.add(group, "emit", name, "dropped" if dropped else f"unsent({type(exc).__name__})", dropped)
            connection.close()
            target.check()
            return
        time.sleep(0.01)
        if not client.connected:
            tally.add(group, "connection", "CONNECTION", "dropped", True)
            connection.close()
            target.check()
        elif origin != "own" and connection.used % 6 == 0:
            connection.open(origin)

    try:
        run(examples * 2, seed, st.tuples(events, payload, origins), act)
    finally:
        connection.close()
