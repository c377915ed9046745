"""Text the running assistant from a terminal, as Twilio would deliver the texts.

Each line you type is sent to the SMS channel (`/webhooks/sms/webhook`) as a
form-encoded Twilio webhook, signed with TWILIO_AUTH_TOKEN over
PUBLIC_BASE_URL + path (both from `.env`, as the server reads them), and the
TwiML reply is shown with its SMS segment count. Start the assistant first
(`make run`), then `make sms`.

    python scripts/sms_simulator.py                      # chat
    python scripts/sms_simulator.py --from +15555550123  # as another number
    python scripts/sms_simulator.py -m "what is ITB"     # one message, then exit

While chatting: `:retry` sends the last message again with the same
MessageSid (as Twilio does on a timeout), `:quit` (or Ctrl-D) ends.
"""
from __future__ import annotations

import argparse
import os
import sys
import uuid
from pathlib import Path
from typing import Dict, Optional, Tuple

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python scripts/sms_simulator.py`: the project root is importable

from channels.sms_text import segments  # noqa: E402
from itb import settings  # noqa: E402  (loads .env)
from support.twilio import PATH, reply_text, signature  # noqa: E402

DEFAULT_FROM = "+15555550100"  # a fictional number
DEFAULT_TO = "+15555550199"


def new_params(phone: str, text: str) -> Dict[str, str]:
    """The parameters Twilio posts for an incoming SMS."""
    return {
        "ToCountry": "US",
        "SmsMessageSid": (sid := "SM" + uuid.uuid4().hex),
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": text,
        "To": DEFAULT_TO,
        "NumSegments": str(max(1, segments(text).count)),
        "MessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": phone,
        "ApiVersion": "2010-04-01",
    }


def send(
    server: str, signed_url: str, token: str, params: Dict[str, str], timeout: float = 30
) -> Tuple[int, str]:
    """POST a signed webhook; (status, reply text or error)."""
    answer = requests.post(
        server + PATH, data=params, headers={"X-Twilio-Signature": signature(token, signed_url, params)},
        timeout=timeout,
    )
    if answer.status_code != 200:
        return answer.status_code, answer.text
    return 200, reply_text(answer.text)


def describe(text: str) -> str:
    size = segments(text)
    return f"[{size.count} segment{'s' if size.count != 1 else ''}, {size.encoding}, {size.units} units]"


def show(status: int, text: str) -> None:
    if status != 200:
        print(f"  !! HTTP {status}: {text}")
    elif not text:
        print("  (no reply: an opted-out number gets nothing; text START to opt in)")
    else:
        print("bot> " + text.replace("\n", "\n     "))
        print("     " + describe(text))


def main(argv: Optional[list] = None) -> int:
    port = os.environ.get("RASA_PORT", "").strip() or "5005"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=f"http://127.0.0.1:{port}", help="where the Rasa server listens")
    parser.add_argument(
        "--public-url", default=None,
        help="the address to sign (default: PUBLIC_BASE_URL, else --server)",
    )
    parser.add_argument("--from", dest="phone", default=DEFAULT_FROM, help="your phone number (E.164)")
    parser.add_argument("--token", default=None, help="default: TWILIO_AUTH_TOKEN")
    parser.add_argument("-m", "--message", action="append", help="send this and exit (repeatable)")
    args = parser.parse_args(argv)

    token = args.token or settings.twilio_auth_token()
    if not token:
        print(
            "TWILIO_AUTH_TOKEN is not set. For local tries put any value in .env "
            "(TWILIO_AUTH_TOKEN=local-test), restart `make run`, and try again.",
            file=sys.stderr,
        )
        return 2
    server = args.server.rstrip("/")
    signed_url = (args.public_url or settings.public_base_url() or server).rstrip("/") + PATH

    def exchange(params: Dict[str, str]) -> None:
        try:
            show(*send(server, signed_url, token, params))
        except requests.RequestException as exc:
            print(f"  !! cannot reach {server} ({type(exc).__name__}): is `make run` running?")

    if args.message:
        for text in args.message:
            print("you> " + text)
            exchange(new_params(args.phone, text))
        return 0

    print(f"Texting {server}{PATH} as {args.phone}. :retry resends, :quit ends.")
    last: Optional[Dict[str, str]] = None
    while True:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.strip() == ":quit":
            return 0
        if text.strip() == ":retry":
            if last is None:
                print("  (nothing to resend yet)")
            else:
                exchange(last)
            continue
        last = new_params(args.phone, text)
        exchange(last)


if __name__ == "__main__":
    sys.exit(main())
