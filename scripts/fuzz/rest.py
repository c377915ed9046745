"""rest: POST /webhooks/rest/webhook (JSON of wrong shapes and types, odd
unicode, binary, deep nesting, large bodies), other methods, paths and content types."""
from __future__ import annotations

import json
from typing import Any, Optional, Tuple

from hypothesis import strategies as st

from scripts.fuzz.checks import Http, Tally, Target
from scripts.fuzz.strategies import (
    CONTENT_TYPES, KEYWORDS, big_ints, encode_json, json_values, message_text, nested, odd_names, odd_text,
    path_junk, query_string, run,
)

REST = "/webhooks/rest/webhook"


def fuzz_rest(target: Target, tally: Tally, examples: int, seed: int) -> None:
    http = Http(tally, "rest", target)
    url = target.rasa + REST

    def post(case: str, body: bytes, content_type: Optional[str] = "application/json", **kw: Any) -> None:
        headers = {"Content-Type": content_type} if content_type else {}
        http.send(case, "POST", url, REST, data=body, headers=headers, **kw)

    shaped = st.fixed_dictionaries({}, optional={
        "sender": st.one_of(json_values, odd_names, st.sampled_from(["", " ", "x" * 129, "0", "default"])),
        "message": st.one_of(json_values, message_text(5000)),
        "metadata": json_values,
        "junk": json_values,
    })
    run(examples, seed, st.tuples(shaped, st.sampled_from(["ascii", "utf8"])),
        lambda v: post("json-shapes", encode_json(v[0], v[1])))
    run(examples, seed + 1, st.tuples(st.one_of(odd_names, odd_names, big_ints), message_text(5000),
                                      st.one_of(st.none(), json_values), st.sampled_from(["ascii", "ascii", "utf8"])),
        lambda v: post("odd-text", encode_json({"sender": v[0], "message": v[1], "metadata": v[2]}, v[3])))
    intents = st.one_of(st.sampled_from(KEYWORDS), odd_text.map(lambda t: "/" + t),
                        st.builds(lambda a, b: f"/{a}{{{b}}}", odd_text, odd_text), odd_text)
    run(examples, seed + 6, st.tuples(odd_names, intents),
        lambda v: post("odd-sender-intent", encode_json({"sender": v[0], "message": v[1]}, "ascii")))
    run(examples, seed + 2, st.tuples(st.one_of(st.binary(max_size=300), json_values.map(lambda x: encode_json(
        x, "ascii"))), CONTENT_TYPES), lambda v: post("raw-body", v[0], v[1]))
    run(max(3, examples // 4), seed + 3,
        st.tuples(st.sampled_from([10, 1000, 5000, 100_000, 200_000]), st.sampled_from(["list", "dict", "metadata"])),
        lambda v: post("deep-nesting", nested(*v)))
    run(max(3, examples // 6), seed + 4,
        st.tuples(st.sampled_from([5001, 70_000, 1_000_000, 3_000_000]), st.sampled_from(["message", "junk"])),
        lambda v: post("huge", json.dumps({"sender": "huge", v[1]: "a" * v[0], **(
            {"message": "hi"} if v[1] == "junk" else {})}).encode()))
    methods = st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST", "TRACE", "PROPFIND"])
    paths = st.one_of(st.sampled_from([REST, "/webhooks/rest/", "/webhooks/rest", REST + "/", "/webhooks/", "/"]),
                      path_junk.map(lambda junk: f"/webhooks/rest/{junk}"))

    def other(value: Tuple[str, str, str, Optional[str], bytes]) -> None:
        method, path, query, content_type, body = value
        headers = {"Content-Type": content_type} if content_type else {}
        route = path if path in (REST, "/webhooks/rest/", "/webhooks/rest", "/") else "/webhooks/rest/<junk>"
        http.send("methods-paths", method, target.rasa + path + (f"?{query}" if query else ""), route,
                  data=body or None, headers=headers)

    run(examples, seed + 5, st.tuples(methods, paths, query_string(["sender", "message", "token", "q"]),
                                      CONTENT_TYPES, st.binary(max_size=100)), other)
