"""The generated input shared by every endpoint group: odd text, JSON of every
shape, content types, junk paths and query strings (Hypothesis strategies),
and `run`, which feeds a strategy's examples to an action without shrinking."""
from __future__ import annotations

import json
import uuid
from typing import Any, Callable, List
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from scripts.fuzz.checks import ServerDown

# Put into some generated messages; the servers' log must never contain it.
MARKER = "fuzzmark" + uuid.uuid4().hex[:10]


# Text with every kind of character: controls, bidi marks, combining marks,
# lone surrogates (valid in JSON escapes, not in UTF-8), astral planes.
ODD_CHARS = st.one_of(
    st.characters(exclude_categories=()),
    st.sampled_from(list("\x00\x01\x1b\x7f\u0085\u00a0\u200b\u200d\u202e\u2028\u2029\ufeff\ufffd\ufffe"
                         "\U0001f600\U0010ffff\ud800\udfff\u0301'\"<>&%;/\\{}[]")),
)
odd_text = st.text(ODD_CHARS, max_size=60)
odd_names = st.one_of(odd_text, st.sampled_from(
    ["\ud800", "a\udfffb", "a\x00b", "\x00", "\t", " x ", "\u202eevil", "x" * 128, "\U0001f600" * 128, "../../etc",
     "null", "default", "%00", "' OR 1=1 --", "\ufeff", "\U0010ffff"]))
utf8_text = st.text(st.characters(codec="utf-8"), max_size=60)
KEYWORDS = ["STOP", "stop", "START", "HELP", "INFO", "MORE", "YES", "1", "2", "0", "99", " ", "",
            "/greet", "/request_appointment", "/restart", "/session_start", "/", "/x{\"a\":",
            "/ask_clinic_contact{\"x\": [1, {}]}", "/greet@2", "what is ITB", "my pump is alarming",
            "I want to hurt myself", "book the trial"]


def long_text(limit: int) -> st.SearchStrategy[str]:
    return st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", "🙂", " ", "\n", "ab "]),
                     st.sampled_from([limit - 1, limit, limit + 1, limit * 3]))


def message_text(limit: int, surrogates: bool = True) -> st.SearchStrategy[str]:
    base = odd_text if surrogates else utf8_text
    return st.one_of(
        base, st.sampled_from(KEYWORDS), long_text(limit),
        st.builds(lambda a, b: f"{a}{MARKER}{b}", base, base),
        st.builds(lambda k, t: k + t, st.sampled_from(KEYWORDS), base),
    )


big_ints = st.one_of(st.integers(), st.integers(min_value=-(2**80), max_value=2**80),
                     st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]))
json_scalars = st.one_of(
    st.none(), st.booleans(), big_ints, st.floats(allow_nan=True, allow_infinity=True), odd_text,
)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(odd_text, inner, max_size=4)), max_leaves=12)


def encode_json(value: Any, how: str) -> bytes:
    """As JSON: escaped ASCII, raw UTF-8, or with lone surrogates as bytes (invalid UTF-8)."""
    if how == "ascii":
        return json.dumps(value).encode("ascii")
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def nested(depth: int, kind: str) -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    if kind == "dict":
        return b'{"a":' * depth + b"1" + b"}" * depth
    inner = b"[" * depth + b"]" * depth
    return b'{"sender":"deep","message":"hi","metadata":{"x":' + inner + b"}}"


CONTENT_TYPES = st.sampled_from([
    None, "application/json", "application/json; charset=latin-1", "text/plain", "application/octet-stream",
    "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=xyz",
    "application/xml", "*/*", "junk", "application/json; charset=utf-16", "text/html; charset=\x7f",
])
# Percent-encoded bytes of every kind (invalid UTF-8, NUL, overlong forms).
pct_bytes = st.binary(max_size=24).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw))
path_junk = st.one_of(
    st.sampled_from(["", "x", "..", "%2e%2e", "%00", "%FF", "-1", "0", "99999999999999999999999", "1e5",
                     "%2F", "//", "a/b", "%E2%80%AE", ";", "~", "9223372036854775808", "-9223372036854775809"]),
    big_ints.map(str), pct_bytes, utf8_text.map(lambda text: quote(text, safe="")),
)


def query_string(names: List[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(st.one_of(st.sampled_from(names), utf8_text),
                     st.one_of(utf8_text, big_ints.map(str), st.sampled_from(["", "1", "yes", "%"])))
    structured = st.lists(pair, max_size=5).map(lambda pairs: urlencode(pairs))
    raw = st.lists(st.tuples(st.sampled_from(names), pct_bytes), max_size=3).map(
        lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
    return st.one_of(structured, raw, st.sampled_from(["", "&&&", "=", "a=1&a=2&a=3", "%", "%zz", "?"]))


# ------------------------------------------------------------------ runner
def run(examples: int, seed: int, strategy: st.SearchStrategy, action: Callable[[Any], None]) -> None:
    """Call `action` on `examples` generated values (no shrinking: every finding is counted)."""

    down: List[ServerDown] = []

    @hypothesis_seed(seed)
    @settings(max_examples=max(1, examples), database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(strategy)
    def inner(value: Any) -> None:
        if down:
            return
        try:
            action(value)
        except ServerDown as exc:
            down.append(exc)

    inner()
    if down:
        raise down[0]
