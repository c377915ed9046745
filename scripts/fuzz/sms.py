"""sms: /webhooks/sms/webhook as Twilio would post it (unsigned, forged
signature, correctly signed with odd values, junk forms)."""
from __future__ import annotations

from typing import Dict, Optional, Tuple
from urllib.parse import urlencode

from hypothesis import strategies as st

from scripts.fuzz.checks import Http, Tally, Target
from scripts.fuzz.strategies import (
    CONTENT_TYPES, long_text, message_text, path_junk, pct_bytes, query_string, run, utf8_text,
)
from support.twilio import PATH as SMS  # /webhooks/sms/webhook
from support.twilio import new_sid, signature

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
        return sms_params(new_sid() if sid == "auto" else sid, phone, body, extra)

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
        params = sms_params(new_sid(), phone, body, {})
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
