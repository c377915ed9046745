"""engine.io: raw engine.io polling requests (junk query strings on the web
chat's path and on the removed `/socket.io`, junk packets on a real handshake)."""
from __future__ import annotations

import json
from typing import List, Optional, Tuple
from urllib.parse import quote

from hypothesis import strategies as st

from scripts.fuzz.checks import Http, Tally, Target
from scripts.fuzz.strategies import CONTENT_TYPES, json_values, pct_bytes, query_string, run, utf8_text
from scripts.fuzz.webchat import WEBCHAT_IO

RASA_IO = "/socket.io"  # Rasa's stock socket.io channel: not served (must answer 404, never 5xx)


def fuzz_engineio(target: Target, tally: Tally, examples: int, seed: int) -> None:
    http = Http(tally, "engine.io", target)
    names = ["EIO", "transport", "sid", "t", "j", "b64"]

    def raw(value: Tuple[str, str, str, bytes, str, Optional[str]]) -> None:
        method, path, query, body, origin, content_type = value
        headers = {"Origin": target.rasa if origin == "own" else origin} if origin != "none" else {}
        if content_type:
            headers["Content-Type"] = content_type
        http.send("junk-query", method, f"{target.rasa}{path}/?{query}", f"{path}/",
                  data=body or None, headers=headers, timeout=40)

    eio_queries = st.one_of(
        query_string(names),
        st.tuples(st.sampled_from(["3", "4", "5", "", "x", "-1", "99999999999999999999"]),
                  st.sampled_from(["polling", "websocket", "", "junk", "polling%00"]),
                  st.one_of(st.just(""), utf8_text.map(lambda s: quote(s, safe="")), pct_bytes),
                  st.sampled_from(["", "1", "true"])).map(
            lambda v: f"EIO={v[0]}&transport={v[1]}" + (f"&sid={v[2]}" if v[2] else "") + (f"&b64={v[3]}" if v[3]
                                                                                          else "")),
    )
    run(examples, seed, st.tuples(st.sampled_from(["GET", "POST", "OPTIONS", "PUT", "DELETE", "HEAD"]),
                                  st.sampled_from([WEBCHAT_IO, RASA_IO]), eio_queries,
                                  st.binary(max_size=200), st.sampled_from(["own", "none", "http://evil.example"]),
                                  CONTENT_TYPES), raw)

    packets = st.one_of(
        st.binary(max_size=200),
        st.builds(lambda prefix, value: (prefix + json.dumps(value)).encode("utf-8", "surrogatepass"),
                  st.sampled_from(["4", "40", "42", "43", "44", "45", "46", "41", "2", "3", "6", "42/x,", "421"]),
                  st.one_of(json_values, st.lists(json_values, max_size=3),
                            st.tuples(st.sampled_from(["user_uttered", "session_request"]), json_values).map(list))),
        st.sampled_from([b"", b"\x1e", b"4\x1e4\x1e", b"42[" * 5000, b"b" + b"A" * 100, b"bAAA=", b"1", b"5", b"6",
                         b'42["user_uttered",' + b"[" * 100_000 + b"]" * 100_000 + b"]"]),
    )

    def session_then_junk(value: Tuple[str, List[bytes]]) -> None:
        path, bodies = value
        headers = {"Origin": target.rasa}
        answer = http.send("handshake", "GET", f"{target.rasa}{path}/?EIO=4&transport=polling", f"{path}/",
                           headers=headers)
        if answer is None or answer.status_code != 200 or not answer.text.startswith("0"):
            return
        try:
            sid = json.loads(answer.text[1:])["sid"]
        except (ValueError, KeyError, TypeError):
            return
        polling = f"{target.rasa}{path}/?EIO=4&transport=polling&sid={quote(sid)}"
        http.send("handshake", "POST", polling, f"{path}/", data=b"40", headers=headers)
        for body in bodies:
            http.send("junk-packets", "POST", polling, f"{path}/", data=body,
                      headers={**headers, "Content-Type": "text/plain;charset=UTF-8"})
        http.send("close", "POST", polling, f"{path}/", data=b"1", headers=headers)

    run(max(2, examples // 3), seed + 1,
        st.tuples(st.just(WEBCHAT_IO), st.lists(packets, min_size=1, max_size=4)),
        session_then_junk)
