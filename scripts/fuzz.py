"""Fuzz the assistant's HTTP and socket.io endpoints with generated bad and odd input.

Hypothesis generates the input; every request and every answer is counted per
endpoint group:

* rest: POST /webhooks/rest/webhook (JSON of wrong shapes and types, odd
  unicode, binary, deep nesting, large bodies), other methods, paths and
  content types;
* sms: /webhooks/sms/webhook as Twilio would post it (unsigned, forged
  signature, correctly signed with odd values, junk forms);
* webchat: the widget's socket.io channel: connect, session_request,
  user_uttered and other events with odd payloads, over a real socket.io client
  (Rasa's stock channel at `/socket.io` is not served);
* engine.io: raw engine.io polling requests (junk query strings on the web
  chat's path and on the removed `/socket.io`, junk packets on a real handshake);
* console-out / console-in: the staff console logged out (junk paths, forms,
  cookies, the login form with forged or missing tokens) and logged in as an
  admin (junk query parameters, path segments and forms, forged CSRF).

A 5xx, a dropped connection, a request that times out, a socket.io message
that is never acknowledged, or a server process that stops is a finding; the
exit code is 1 when there is any. The report shows counts only, never text.

    python scripts/fuzz.py                        # start the assistant on free ports (as the tests do)
    python scripts/fuzz.py --examples 20 --seed 7
    python scripts/fuzz.py --rasa-url http://127.0.0.1:5005 --console-url http://127.0.0.1:8080 \\
        --database-url sqlite:///var/itb.db --twilio-token "$TWILIO_AUTH_TOKEN"
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import logging
import os
import re
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote, urlencode

import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python scripts/fuzz.py`: the project root is importable

from support.http import remember_cookies  # noqa: E402
from support.twilio import signature  # noqa: E402

REST = "/webhooks/rest/webhook"
SMS = "/webhooks/sms/webhook"
WEBCHAT_IO = "/webhooks/webchat/socket.io"
RASA_IO = "/socket.io"  # Rasa's stock socket.io channel: not served (must answer 404, never 5xx)
TIMEOUT = 30.0
ACK_TIMEOUT = 20.0
# The web chat answers `too_long` to a frame up to this size (channels/webchat.py's
# MAX_FRAME_BYTES), and engine.io closes a connection whose frame is larger: a refusal, not a crash.
FRAME_LIMIT = 1_000_000
CONSOLE_USER = "fuzz-admin"
CONSOLE_PASSWORD = "fuzzing-password-" + uuid.uuid4().hex[:12]
# Put into some generated messages; the servers' log must never contain it.
MARKER = "fuzzmark" + uuid.uuid4().hex[:10]
GROUPS = ("rest", "sms", "webchat", "engine.io", "console-in", "console-out")
DEFAULT_EXAMPLES = 400
UNSENT = "unsent(client-side)"


# --------------------------------------------------------------------- tally
@dataclass
class Finding:
    group: str
    case: str
    request: str  # method and route, never the query string or the body
    outcome: str


@dataclass
class Tally:
    """Requests and outcomes per group; findings are what must not happen."""

    counts: Dict[str, Counter] = field(default_factory=dict)
    findings: List[Finding] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    # The generated requests behind the findings (for --save-failing; never printed).
    failing: List[Dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, group: str, case: str, request: str, outcome: str, bad: bool) -> None:
        with self.lock:
            self.counts.setdefault(group, Counter())[outcome] += 1
            if bad:
                self.findings.append(Finding(group, case, request, outcome))

    def requests(self, group: Optional[str] = None) -> int:
        groups = [group] if group else list(self.counts)
        return sum(n for g in groups for outcome, n in self.counts.get(g, Counter()).items() if outcome != UNSENT)

    def five_xx(self, group: Optional[str] = None) -> int:
        groups = [group] if group else list(self.counts)
        return sum(n for g in groups for outcome, n in self.counts.get(g, Counter()).items()
                   if outcome.isdigit() and int(outcome) >= 500)

    def report(self) -> str:
        lines = [f"{'group':<12} {'requests':>8} {'5xx':>5} {'other findings':>14}  statuses (count)"]
        for group in self.counts:
            counts = self.counts[group]
            others = sum(1 for f in self.findings if f.group == group and not f.outcome.isdigit())
            seen = " ".join(f"{outcome}:{n}" for outcome, n in sorted(counts.items()))
            lines.append(f"{group:<12} {self.requests(group):>8} {self.five_xx(group):>5} {others:>14}  {seen}")
        lines.append(f"{'total':<12} {self.requests():>8} {self.five_xx():>5} "
                     f"{sum(1 for f in self.findings if not f.outcome.isdigit()):>14}")
        if self.findings:
            lines.append("")
            lines.append("findings (case, request, outcome; first 40 distinct):")
            seen_keys = Counter((f.group, f.case, f.request, f.outcome) for f in self.findings)
            for (group, case, request, outcome), n in list(seen_keys.items())[:40]:
                lines.append(f"  {group:<12} {case:<22} {request:<48} {outcome} x{n}")
        for note in self.notes:
            lines.append(note)
        lines.append(f"5xx: {self.five_xx()}")
        return "\n".join(lines)

    @property
    def failed(self) -> bool:
        return bool(self.findings)


# -------------------------------------------------------------------- target
class ServerDown(Exception):
    """A server stopped answering: the rest of the run would only count resets."""


@dataclass
class Target:
    rasa: str
    console: Optional[str] = None
    twilio_token: Optional[str] = None
    public_url: Optional[str] = None
    database_url: Optional[str] = None
    console_user: Optional[str] = None
    console_password: Optional[str] = None
    process: Any = None  # the started server group (subprocess.Popen), if we started it
    log: Optional[Path] = None

    @classmethod
    def from_servers(cls, servers: Dict[str, Any]) -> "Target":
        """From support.stack.running_assistant's (or the `servers` fixture's) dict."""
        env = servers["env"]
        return cls(
            rasa=str(servers["rasa"]),
            console=f"http://127.0.0.1:{env['CONSOLE_PORT']}",
            twilio_token=env.get("TWILIO_AUTH_TOKEN"),
            public_url=env.get("PUBLIC_BASE_URL") or str(servers["rasa"]),
            database_url=str(servers["database_url"]),
            process=servers.get("process"),
            log=Path(servers["log"]) if servers.get("log") else None,
        )

    def alive(self) -> List[str]:
        """What does not answer any more (empty: everything does)."""
        problems = []
        if self.process is not None and self.process.poll() is not None:
            problems.append(f"server group exited with code {self.process.returncode}")
        checks = [("rasa", self.rasa + "/"), ("rest", self.rasa + "/webhooks/rest/")]
        if self.console:
            checks.append(("console", self.console + "/healthz"))
        for name, url in checks:
            try:
                status = requests.get(url, timeout=10).status_code
                if status != 200:
                    problems.append(f"{name} answers {status}")
            except requests.RequestException as exc:
                problems.append(f"{name} does not answer ({type(exc).__name__})")
        return problems

    def check(self) -> None:
        """Raise ServerDown when a server no longer answers (after a dropped connection)."""
        problems = self.alive()
        if problems:
            raise ServerDown("; ".join(problems))

    def wait_for_console(self, timeout: float = 60) -> bool:
        if not self.console:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.console + "/healthz", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.3)
        return False


# ---------------------------------------------------------------- requests
def no_cookies() -> requests.Session:
    session = requests.Session()
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return session


class Http:
    """Sends one request and counts its outcome."""

    def __init__(self, tally: Tally, group: str, target: Target) -> None:
        self.tally, self.group, self.target = tally, group, target
        self.session = no_cookies()

    def send(self, case: str, method: str, url: str, route: str, **kwargs: Any) -> Optional[requests.Response]:
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        request = f"{method} {route}"
        try:
            response = self.session.request(method, url, **kwargs)
            response.content  # noqa: B018 - read the whole body
        except (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL):
            # requests itself refused to send it: nothing reached the server.
            self.tally.add(self.group, case, request, UNSENT, False)
            return None
        except requests.Timeout:
            self.tally.add(self.group, case, request, "timeout", True)
            self.keep(case, method, url, kwargs, "timeout")
            self.target.check()
            return None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            self.tally.add(self.group, case, request, f"reset({type(exc).__name__})", True)
            self.keep(case, method, url, kwargs, "reset")
            # A fresh connection for the next request.
            self.session.close()
            self.session = no_cookies()
            self.target.check()
            return None
        self.tally.add(self.group, case, request, str(response.status_code), response.status_code >= 500)
        if response.status_code >= 500:
            self.keep(case, method, url, kwargs, str(response.status_code))
        return response

    def keep(self, case: str, method: str, url: str, kwargs: Dict[str, Any], outcome: str) -> None:
        body = kwargs.get("data")
        with self.tally.lock:
            self.tally.failing.append({
                "group": self.group, "case": case, "outcome": outcome, "method": method, "url": url,
                "headers": dict(kwargs.get("headers") or {}),
                "body": repr(body[:4000]) if isinstance(body, (bytes, str)) else repr(body)[:4000],
            })


# -------------------------------------------------------------- strategies
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


# -------------------------------------------------------------------- REST
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


# --------------------------------------------------------------------- SMS
TWILIO_FIELDS = ["MessageSid", "SmsSid", "SmsMessageSid", "AccountSid", "From", "To", "Body", "NumMedia",
                 "NumSegments", "ApiVersion", "MediaUrl0", "FromCountry", "ToCountry"]


def sms_params(sid: str, phone: str, body: Optional[str], extra: Dict[str, str]) -> Dict[str, str]:
    params = {"MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
              "To": "+15555550199", "NumMedia": "0", "ApiVersion": "2010-04-01"}
    if body is not None:
        params["Body"] = body
    params.update(extra)
    return params


def form_bytes(params: Dict[str, str]) -> bytes:
    return urlencode(list(params.items()), encoding="utf-8", errors="surrogatepass").encode("ascii")


def fuzz_sms(target: Target, tally: Tally, examples: int, seed: int) -> None:
    http = Http(tally, "sms", target)
    url = target.rasa + SMS
    public = (target.public_url or target.rasa).rstrip("/") + SMS
    token = target.twilio_token or "no-token-given"
    form = "application/x-www-form-urlencoded"

    def post(case: str, body: bytes, headers: Dict[str, str], query: str = "") -> None:
        http.send(case, "POST", url + (f"?{query}" if query else ""), SMS, data=body, headers=headers)

    sids = st.one_of(st.just("auto"), utf8_text, st.sampled_from(["SM" + "0" * 32, "SM" + "g" * 32, "MM" + "a" * 32,
                                                                  "SM" + "0" * 31, "sm" + "0" * 32]))
    phones = st.one_of(
        st.integers(min_value=0, max_value=10**7 - 1).map(lambda n: f"+1555{n:07d}"),
        utf8_text, st.sampled_from(["", "+", "+0", "+1" + "5" * 20, "15555550100", "+1555555010\x00",
                                    "client:alice", "whatsapp:+15555550100", "+44 20 7946 0958"]),
    )
    extras = st.dictionaries(st.one_of(st.sampled_from(TWILIO_FIELDS), utf8_text), st.one_of(utf8_text, long_text(
        1600)), max_size=4)

    def params_of(value: Tuple[str, str, Optional[str], Dict[str, str]]) -> Dict[str, str]:
        sid, phone, body, extra = value
        return sms_params("SM" + uuid.uuid4().hex if sid == "auto" else sid, phone, body, extra)

    fields = st.tuples(sids, phones, st.one_of(st.none(), message_text(1600, surrogates=False)), extras)

    run(examples, seed, fields, lambda v: post("unsigned", form_bytes(params_of(v)), {"Content-Type": form}))
    run(examples, seed + 1, st.tuples(fields, st.one_of(utf8_text.filter(lambda s: s.isprintable()), st.sampled_from(
        ["", "=", "AAAA", "x" * 2000]))),
        lambda v: post("forged-signature", form_bytes(params_of(v[0])),
                       {"Content-Type": form, "X-Twilio-Signature": v[1].encode("utf-8").decode("latin-1").strip()}))

    def signed(value: Tuple[Tuple[str, str, Optional[str], Dict[str, str]], str, str]) -> None:
        fields_value, query, content_type = value
        params = params_of(fields_value)
        signed = signature(token, public + (f"?{query}" if query else ""), params)
        post("signed-odd-values", form_bytes(params), {"Content-Type": content_type, "X-Twilio-Signature": signed},
             query)

    run(examples * 2, seed + 2, st.tuples(fields, st.one_of(st.just(""), query_string(["a", "b"])),
                                          st.sampled_from([form, form + "; charset=utf-8", "APPLICATION/X-WWW-FORM-"
                                                           "URLENCODED"])), signed)

    def replay(value: Tuple[str, str]) -> None:
        phone, body = value
        params = sms_params("SM" + uuid.uuid4().hex, phone, body, {})
        headers = {"Content-Type": form, "X-Twilio-Signature": signature(token, public, params)}
        for _ in range(2):  # Twilio's retry: the same MessageSid again
            post("signed-retry", form_bytes(params), headers)

    run(max(2, examples // 4), seed + 3, st.tuples(phones.filter(lambda p: p.startswith("+1555")),
                                                   message_text(1600, surrogates=False)), replay)

    def junk(value: Tuple[bytes, Optional[str], bool]) -> None:
        body, content_type, sign = value
        headers = {"Content-Type": content_type} if content_type else {}
        if sign:
            headers["X-Twilio-Signature"] = signature(token, public, {})
        post("junk-form", body, headers)

    junk_bodies = st.one_of(
        st.binary(max_size=300), pct_bytes.map(lambda s: f"Body={s}&From=%2B15555550100".encode()),
        st.sampled_from([b"a=1&a=2", b"&&&", b"=", b"%", b"Body", b"x" * 70_000, b"Body=" + b"%F0" * 10,
                         b"From=%2B15555550100&Body=%00&MessageSid=SM" + b"0" * 32]),
    )
    run(examples, seed + 4, st.tuples(junk_bodies, st.one_of(st.just(form), CONTENT_TYPES), st.booleans()), junk)

    def other(value: Tuple[str, str, str]) -> None:
        method, junk_path, query = value
        path = SMS if not junk_path else f"/webhooks/sms/{junk_path}"
        http.send("methods-paths", method, target.rasa + path + (f"?{query}" if query else ""),
                  SMS if not junk_path else "/webhooks/sms/<junk>")

    run(max(2, examples // 2), seed + 5, st.tuples(st.sampled_from(["GET", "PUT", "DELETE", "OPTIONS", "HEAD"]),
                                                   st.one_of(st.just(""), path_junk), query_string(["Body", "From"])),
        other)


# ----------------------------------------------------------------- webchat
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


# --------------------------------------------------------------- engine.io
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


# ----------------------------------------------------------------- console
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LOGIN_TOKEN = re.compile(r'name="login_token" value="([^"]+)"')
CONSOLE_GET = ["/", "/conversations", "/conversations/{id}", "/inbox", "/appointments", "/appointments/{id}",
               "/dashboard", "/account", "/admin/users", "/admin/audit", "/admin/settings", "/login", "/healthz",
               "/static/{junk}", "/{junk}", "/conversations/{junk}", "/appointments/{junk}/x"]
CONSOLE_POST = ["/login", "/logout", "/session/ping", "/account/password", "/conversations/{id}/reveal",
                "/conversations/{id}/tags", "/conversations/{id}/notes", "/conversations/{id}/review",
                "/conversations/{id}/export", "/conversations/export", "/inbox/{id}", "/inbox/export",
                "/appointments/{id}/status", "/appointments/{id}/reveal", "/appointments/export",
                "/admin/users", "/admin/users/{id}", "/admin/audit/export", "/admin/settings", "/{junk}"]
CONSOLE_PARAMS = ["q", "from", "to", "channel", "intent", "tag", "reviewed", "low", "fallback", "emergency",
                  "handoff", "appointment", "before", "after", "offset", "status", "notice", "next", "reason",
                  "action", "user", "format", "reveal", "decision", "text", "body", "remove", "role", "username",
                  "password", "again", "current", "new", "retention_days", "low_confidence", "back", "csrf_token",
                  "login_token", "event_id", "id"]
# The parameters each route reads (the rest of CONSOLE_PARAMS and junk names are tried too).
ROUTE_PARAMS = {
    "/conversations": ["q", "from", "to", "channel", "intent", "tag", "reviewed", "low", "fallback", "emergency",
                       "handoff", "appointment", "before", "after", "notice"],
    "/inbox": ["before", "notice"], "/appointments": ["status", "offset", "notice"], "/dashboard": ["from", "to"],
    "/admin/audit": ["action", "user", "from", "to", "before"], "/login": ["next", "reason"],
    "/account/password": ["current", "new", "again"], "/conversations/{id}/tags": ["tag", "remove"],
    "/conversations/{id}/notes": ["body"], "/conversations/{id}/review": ["action"],
    "/conversations/{id}/export": ["format", "reveal"],
    "/conversations/export": ["format", "reveal", "q", "from", "to", "channel", "intent", "tag", "reviewed", "low"],
    "/inbox/{id}": ["decision", "intent", "text"], "/appointments/{id}/status": ["status", "back"],
    "/appointments/export": ["status", "reveal"], "/admin/users": ["username", "role", "password", "again"],
    "/admin/users/{id}": ["action", "role", "password"], "/admin/audit/export": ["action", "user", "from", "to"],
    "/admin/settings": ["retention_days", "low_confidence"], "/logout": ["reason"],
}
EXTREMES = ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2024-02-30", "10000-01-01", "1970-01-01",
            "9999-12-31T23:59:59.999999_1", "0001-01-01T00:00:00_-1", "2024-01-01T00:00:00+14:00_9223372036854775808",
            "2024-01-01T00:00:00_99999999999999999999999", "0001-01-01T00:00:00-12:00_1", "_", "x_1",
            str(2**63), str(2**63 - 1), str(10**30), str(-(2**63) - 1), "1" * 5000]
dates = st.dates().map(lambda d: d.isoformat())
cursors = st.builds(lambda at, n: f"{at.isoformat()}_{n}", st.datetimes(timezones=st.one_of(
    st.none(), st.timezones())), big_ints)
param_values = st.one_of(utf8_text, dates, cursors, big_ints.map(str), pct_bytes, st.sampled_from(EXTREMES),
                         st.sampled_from(EXTREMES), st.sampled_from(
    ["", "1", "0", "-1", "yes", "on", "web", "sms", "new", "closed", "json", "csv", "label", "skip",
     "out_of_scope", "greet", "admin", "reviewer", "disable", "enable", "role", "password", "unmark",
     "nan", "inf", "-inf", "1e309", "0.5", "//evil.example", "/conversations", "\\\\evil", "%0d%0aX: y"]))


def route_pairs(template: str) -> st.SearchStrategy[List[Tuple[str, str]]]:
    own = ROUTE_PARAMS.get(template) or CONSOLE_PARAMS
    name = st.one_of(st.sampled_from(own), st.sampled_from(own), st.sampled_from(CONSOLE_PARAMS), utf8_text)
    return st.lists(st.tuples(name, param_values), max_size=6)


class ConsoleClient:
    """Signs in like a browser; keeps cookies by hand (the session cookie is Secure)."""

    def __init__(self, base: str, http: Http) -> None:
        self.base, self.http = base, http
        self.cookies: Dict[str, str] = {}
        self.csrf: Optional[str] = None
        self.login_status: Optional[int] = None

    def remember(self, response: requests.Response) -> None:
        remember_cookies(self.cookies, response)

    def send(self, case: str, method: str, path: str, route: str, extra_cookies: str = "",
             **kwargs: Any) -> Optional[requests.Response]:
        headers = dict(kwargs.pop("headers", {}) or {})
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if extra_cookies:
            cookie = "; ".join(filter(None, [cookie, extra_cookies]))
        if cookie:
            headers["Cookie"] = cookie
        response = self.http.send(case, method, self.base + path, route, headers=headers, **kwargs)
        if response is not None:
            self.remember(response)
            if "text/html" in response.headers.get("content-type", ""):
                match = CSRF.search(response.text)
                if match:
                    self.csrf = match.group(1)
        return response

    def login(self, username: str, password: str) -> bool:
        page = self.send("login", "GET", "/login", "/login")
        match = LOGIN_TOKEN.search(page.text) if page is not None else None
        if match is None:
            return False
        answer = self.send("login", "POST", "/login", "/login", data={
            "username": username, "password": password, "login_token": match.group(1), "next": "/conversations"})
        self.login_status = answer.status_code if answer is not None else None
        if answer is None or answer.status_code != 303:
            return False
        self.send("login", "GET", "/account", "/account")
        return self.csrf is not None


def console_account(target: Target) -> Optional[Tuple[str, str]]:
    """The admin account to log in with: given, or created in the console's database."""
    if target.console_user and target.console_password:
        return target.console_user, target.console_password
    if not target.database_url:
        return None
    from console import auth
    from itb import db

    with db.session(target.database_url) as session:
        user = auth.find_user(session, CONSOLE_USER)
        if user is None:
            auth.create_user(session, CONSOLE_USER, CONSOLE_PASSWORD, "admin", created_by="fuzz")
        else:
            auth.set_password(session, user, CONSOLE_PASSWORD)
            auth.set_active(session, user, True)
            user.role = "admin"
        if auth.find_user(session, CONSOLE_USER + "-2") is None:
            auth.create_user(session, CONSOLE_USER + "-2", CONSOLE_PASSWORD, "reviewer", created_by="fuzz")
    return CONSOLE_USER, CONSOLE_PASSWORD


def fill(template: str, ident: str, junk: str) -> Tuple[str, str]:
    """A concrete path, and the route it stands for."""
    return template.replace("{id}", ident).replace("{junk}", junk), template


def console_requests(ids: st.SearchStrategy[str]) -> st.SearchStrategy:
    def get(method: str, template: str) -> st.SearchStrategy:
        query = st.one_of(route_pairs(template).map(urlencode), query_string(CONSOLE_PARAMS))
        return st.tuples(st.just(method), st.just(template), ids, path_junk, query, st.just(("none", b"")),
                         st.just(None))

    def post(method: str, template: str) -> st.SearchStrategy:
        body = st.one_of(route_pairs(template).map(lambda pairs: ("form", urlencode(pairs).encode())),
                         route_pairs(template).map(lambda pairs: ("form", urlencode(pairs).encode())),
                         st.binary(max_size=200).map(lambda raw: ("raw", raw)))
        return st.tuples(st.just(method), st.just(template), ids, path_junk, st.just(""), body,
                         st.one_of(st.none(), st.none(), CONTENT_TYPES))

    odd = st.sampled_from(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
    return st.one_of(
        st.sampled_from(CONSOLE_GET).flatmap(lambda t: get("GET", t)),
        st.sampled_from(CONSOLE_GET).flatmap(lambda t: get("GET", t)),
        st.sampled_from(CONSOLE_POST).flatmap(lambda t: post("POST", t)),
        st.sampled_from(CONSOLE_POST).flatmap(lambda t: post("POST", t)),
        st.tuples(odd, st.sampled_from(CONSOLE_GET + CONSOLE_POST)).flatmap(lambda v: post(*v)),
    )


def fuzz_console(target: Target, tally: Tally, examples: int, seed: int, logged_in: bool) -> None:
    group = "console-in" if logged_in else "console-out"
    http = Http(tally, group, target)
    if not target.wait_for_console():
        tally.notes.append(f"{group}: skipped (no console answering)")
        return
    assert target.console is not None
    client = ConsoleClient(target.console, http)
    account = console_account(target) if logged_in else None
    if logged_in:
        if account is None:
            tally.notes.append(f"{group}: skipped (give --database-url, or --console-user and --console-password)")
            return
        if not client.login(*account):
            if client.login_status == 429:  # sign-ins from this address are locked for 15 minutes
                tally.notes.append(f"{group}: skipped (the console's sign-in rate limit answered 429)")
            else:
                tally.add(group, "login", "POST /login", "login-failed", True)
            return
    ids = st.one_of(st.integers(min_value=0, max_value=40).map(str), big_ints.map(str), path_junk)
    csrf_modes = st.sampled_from(["valid", "valid", "valid", "missing", "forged", "header", "foreign-origin"])
    junk_cookies = st.one_of(st.just(""), st.builds(
        lambda name, value: f"{name}={value}",
        st.sampled_from(["itb_console", "__Host-itb_console", "itb_console_login", "__Host-itb_console_login", "x"]),
        st.one_of(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e, exclude_characters=";,\\\""),
                          max_size=60), st.just("a" * 5000))))

    gave_up: List[str] = []

    def signed_in_again() -> bool:
        """After a fuzzed request ended the session (logout, a new password or role for
        oneself): reset the account (when the database is known) and sign in again."""
        nonlocal account
        account = console_account(target) or account
        return account is not None and client.login(*account)

    def act(value: Tuple[Tuple[Any, ...], str, str]) -> None:
        if gave_up:
            return
        (method, template, ident, junk, query, (kind, body), content_type), csrf_mode, cookies = value
        path, route = fill(template, ident, junk)
        if not path.startswith("/"):
            path = "/" + path
        headers: Dict[str, str] = {}
        if kind == "form":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if method == "POST" and logged_in and client.csrf:
                token = {"valid": client.csrf, "forged": "0" * len(client.csrf), "missing": None,
                         "header": None, "foreign-origin": client.csrf}[csrf_mode]
                if token is not None:
                    body += ("&" if body else "").encode() + urlencode({"csrf_token": token}).encode()
                if csrf_mode == "header":
                    headers["X-CSRF-Token"] = client.csrf
                if csrf_mode == "foreign-origin":
                    headers["Origin"] = "http://evil.example"
        if content_type is not None:
            headers["Content-Type"] = content_type
        client.send("requests", method, path + (f"?{query}" if query else ""), route,
                    extra_cookies="" if logged_in else cookies, data=body or None, headers=headers)
        if logged_in and not {"itb_console", "__Host-itb_console"} & set(client.cookies):
            if not signed_in_again():
                gave_up.append(f"{group}: stopped early (could not sign in again, HTTP {client.login_status})")
                tally.notes.append(gave_up[0])

    run(examples * 3, seed, st.tuples(console_requests(ids), csrf_modes, junk_cookies), act)

    if logged_in:
        # Every conversation the fuzzing created, as the console shows it (odd text, masking).
        for number in range(1, 200):
            answer = client.send("transcripts", "GET", f"/conversations/{number}", "/conversations/<id>")
            if answer is not None and answer.status_code == 404:
                break
        for page in ("/conversations", "/inbox", "/dashboard", "/admin/audit"):
            client.send("pages", "GET", page, page)
    else:
        def login_junk(value: Tuple[str, str, str, str, str]) -> None:
            username, password, next_url, token_mode, origin = value
            fresh = ConsoleClient(target.console or "", http)
            page = fresh.send("login-form", "GET", "/login", "/login")
            match = LOGIN_TOKEN.search(page.text) if page is not None else None
            token = match.group(1) if match else ""
            supplied = {"valid": token, "missing": None, "forged": token[::-1] or "x", "no-cookie": token}[token_mode]
            if token_mode == "no-cookie":
                fresh.cookies.clear()
            form = {"username": username, "password": password, "next": next_url}
            if supplied is not None:
                form["login_token"] = supplied
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if origin:
                headers["Origin"] = origin
            fresh.send("login-junk", "POST", "/login", "/login", headers=headers,
                       data=urlencode(form, encoding="utf-8", errors="surrogatepass").encode())

        run(examples, seed + 1, st.tuples(
            st.one_of(odd_text, st.sampled_from([CONSOLE_USER, "admin", "", " " * 100, "a" * 5000])),
            st.one_of(odd_text, long_text(1000)), st.one_of(param_values, st.just("/admin/users")),
            st.sampled_from(["valid", "missing", "forged", "no-cookie", "missing", "forged"]),
            st.sampled_from(["", "", "null", "http://evil.example", "\x7f"])), login_junk)


# -------------------------------------------------------------------- main
FUZZERS: Dict[str, Callable[[Target, Tally, int, int], None]] = {
    "rest": fuzz_rest,
    "sms": fuzz_sms,
    "webchat": lambda target, tally, n, seed: fuzz_socketio(target, tally, n, seed, "webchat", WEBCHAT_IO),
    "engine.io": fuzz_engineio,
    "console-in": lambda target, tally, n, seed: fuzz_console(target, tally, n, seed, logged_in=True),
    "console-out": lambda target, tally, n, seed: fuzz_console(target, tally, n, seed, logged_in=False),
}


def log_checks(target: Target, tally: Tally, offset: int = 0) -> None:
    """Counts only: tracebacks in the servers' log, and whether any fuzzed text reached it."""
    if target.log is None or not target.log.is_file():
        return
    text = target.log.read_bytes()[offset:].decode("utf-8", "replace")
    tracebacks = text.count("Traceback (most recent call last)")
    # Tracebacks are counted, not failed: python-engineio and python-socketio log the junk
    # packets they drop (a 200 or 400 was answered all the same).
    tally.notes.append(f"server log: {tracebacks} tracebacks")
    if MARKER in text:
        tally.add("server-log", "log", "LOG", "fuzzed-text-in-log", True)


def fuzz(target: Target, examples: int, seed: int, groups: Optional[List[str]] = None,
         tally: Optional[Tally] = None, check_log: bool = True) -> Tally:
    """Run the chosen groups against a running assistant; the tally says what happened."""
    tally = tally or Tally()
    offset = target.log.stat().st_size if target.log is not None and target.log.is_file() else 0
    for group in groups or list(GROUPS):
        started = time.monotonic()
        try:
            FUZZERS[group](target, tally, examples, seed + 100 * GROUPS.index(group))
        except ServerDown as exc:
            tally.add(group, "server-down", "HEALTH", f"stopped answering ({exc})", True)
            break
        elapsed = time.monotonic() - started
        tally.notes.append(f"{group}: {tally.requests(group)} requests in {elapsed:.1f} s")
        problems = target.alive()
        if problems:
            for problem in problems:
                tally.add(group, "health-after", "HEALTH", problem, True)
            break
    if check_log:
        time.sleep(0.5)
        log_checks(target, tally, offset)
    return tally


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES,
                        help=f"generated examples per strategy (default {DEFAULT_EXAMPLES}, about 3 minutes)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the generated input (default 0)")
    parser.add_argument("--groups", default=",".join(GROUPS), help=f"comma-separated, of: {', '.join(GROUPS)}")
    parser.add_argument("--rasa-url", help="fuzz this running Rasa server instead of starting one")
    parser.add_argument("--console-url", help="the running staff console (with --rasa-url)")
    parser.add_argument("--twilio-token", default=os.environ.get("TWILIO_AUTH_TOKEN"),
                        help="signs SMS webhooks (default: TWILIO_AUTH_TOKEN)")
    parser.add_argument("--public-url", default=os.environ.get("PUBLIC_BASE_URL"),
                        help="the address SMS signatures are made over (default: PUBLIC_BASE_URL, else --rasa-url)")
    parser.add_argument("--database-url", help="the console's database, to create a fuzzing admin account")
    parser.add_argument("--console-user", help="log in to the console as this admin instead")
    parser.add_argument("--console-password", default=os.environ.get("FUZZ_CONSOLE_PASSWORD"))
    parser.add_argument("--keep", action="store_true", help="keep the started servers' working directory")
    parser.add_argument("--save-failing", metavar="FILE",
                        help="write the generated requests behind the findings to FILE (JSON lines)")
    args = parser.parse_args(argv)
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown groups: {', '.join(unknown)}")

    started = time.monotonic()
    with ExitStack() as stack:
        if args.rasa_url:
            target = Target(rasa=args.rasa_url.rstrip("/"), console=(args.console_url or "").rstrip("/") or None,
                            twilio_token=args.twilio_token, public_url=args.public_url or args.rasa_url,
                            database_url=args.database_url, console_user=args.console_user,
                            console_password=args.console_password)
        else:
            from support.stack import running_assistant

            workdir = Path(tempfile.mkdtemp(prefix="itb-fuzz-"))
            if not args.keep:
                stack.callback(remove_tree, workdir)  # runs after the servers have stopped
            print(f"Starting the assistant on free ports (working directory {workdir}) ...", flush=True)
            servers = stack.enter_context(running_assistant(workdir))
            target = Target.from_servers(servers)
        print(f"Fuzzing {', '.join(groups)} with {args.examples} examples per strategy, seed {args.seed} ...",
              flush=True)
        tally = fuzz(target, args.examples, args.seed, groups)
    print(tally.report())
    if args.save_failing:
        with open(args.save_failing, "w", encoding="utf-8") as handle:
            for item in tally.failing:
                handle.write(json.dumps(item) + "\n")
        print(f"{len(tally.failing)} failing requests written to {args.save_failing}")
    print(f"time: {time.monotonic() - started:.0f} s")
    return 1 if tally.failed else 0


def remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
