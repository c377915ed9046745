"""Measure the SMS webhook: latency of sequential texts, and reply lengths.

Starts its own assistant (`python -m launcher` with throw-away databases in a
temporary folder and free ports on 127.0.0.1), or uses a running one with
--server and --token. Sends N signed texts one after another (questions,
option numbers, HELP, an emergency) from a handful of numbers, and prints the
webhook's p50/p95/max round-trip times. Then prints how many SMS segments
each reply in domain.yml takes as the channel sends it: a report, no assertion.

    python scripts/bench_sms.py            # 200 messages
    python scripts/bench_sms.py -n 500
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python scripts/bench_sms.py`: the project root is importable

from sms_simulator import new_params, send  # noqa: E402  (scripts/ is sys.path[0] when run as a script)

from channels.sms import Texts  # noqa: E402
from channels.sms_text import Reply, compose, dialable, paginate, plain, segments  # noqa: E402
from itb import settings  # noqa: E402
from support.stack import free_port, stop_process_group  # noqa: E402

TOKEN = "bench-twilio-token"
SCRIPT = [
    "what is spasticity", "1", "2", "what is a baclofen pump", "how long does the trial take",
    "HELP", "my pump is beeping and I feel itchy and hot", "how often is the pump refilled",
    "can I get an MRI with a pump", "should I stop my baclofen", "how much does it cost", "thanks",
]


def start_server(workdir: Path) -> Tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(port), ACTION_PORT=str(free_port()),
        TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}",
        DATABASE_URL=f"sqlite:///{workdir / 'itb.db'}",
        TWILIO_AUTH_TOKEN=TOKEN, PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        RASA_API_TOKEN="", LOG_LEVEL="INFO",
    )
    env.pop("ACTION_ENDPOINT_URL", None)
    log = open(workdir / "serve.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "launcher"], cwd=ROOT, env=env,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early: see {workdir / 'serve.log'}")
        try:
            if requests.get(f"http://127.0.0.1:{env['ACTION_PORT']}/health", timeout=2).ok and \
                    requests.get(server + "/webhooks/sms/", timeout=2).ok:
                return process, server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError("the server did not start within 300 s")


def messages(count: int, numbers: int = 10) -> Iterator[Tuple[str, str]]:
    """(phone, text) pairs: each number works through the script in turn."""
    for index in range(count):
        phone = f"+1555555{index % numbers:04d}"
        yield phone, SCRIPT[(index // numbers) % len(SCRIPT)]


def percentile(values: List[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def bench(server: str, token: str, count: int) -> Dict[str, float]:
    url = server + "/webhooks/sms/webhook"
    for phone, text in messages(5, numbers=5):  # warm-up, not measured
        send(server, url, token, new_params("+1555444" + phone[-4:], text))
    timings: List[float] = []
    failures = 0
    for phone, text in messages(count):
        params = new_params(phone, text)
        started = time.perf_counter()
        status, _ = send(server, url, token, params)
        timings.append((time.perf_counter() - started) * 1000)
        failures += status != 200
    return {
        "count": len(timings), "failures": failures,
        "p50": percentile(timings, 0.50), "p95": percentile(timings, 0.95),
        "max": max(timings), "mean": statistics.fmean(timings),
    }


def domain_replies() -> List[Tuple[str, str, str]]:
    """(response name, as written in domain.yml, as the SMS channel sends it)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    clinic = settings.clinic()
    phones = {clinic.phone: dialable(clinic.phone)}
    replies = []
    for name, variations in (domain.get("responses") or {}).items():
        for variation in variations:
            reply: Reply = compose([variation], phones)
            replies.append((name, variation.get("text", ""), reply.full_text()))
    return replies


def report_replies() -> None:
    texts = Texts(settings.clinic())
    rows = []
    for name, written, sent in domain_replies():
        first = plain(f"{texts.intro}\n{sent}")
        rows.append((segments(sent), name, written, sent, first))
    rows.sort(key=lambda row: (row[0].count, row[0].units), reverse=True)
    size, name, written, sent, first = rows[0]
    raw = segments(written)
    first_size = segments(first)
    print(f"\nReplies in domain.yml: {len(rows)}")
    print(
        f"Longest as sent: {name}: {size.units} {size.encoding} units with its options line, "
        f"{size.count} segment(s) (as written, without options: {raw.units} units, "
        f"{raw.count} segment(s))"
    )
    print(
        f"  as a number's first reply (with the intro): {first_size.units} units, "
        f"{first_size.count} segment(s) -> {len(paginate(first))} page(s) of <= 3 segments"
    )
    disclosure = next((sent for name, _, sent in domain_replies() if name == "utter_disclosure"), "")
    if disclosure:
        later = plain(f"{sent}\n{disclosure}")  # the first answer of a later session
        print(
            f"  with the assistant's disclosure (first answer of a later session): "
            f"{segments(later).units} units, {segments(later).count} segment(s) -> "
            f"{len(paginate(later))} page(s)"
        )
    over = [row[1] for row in rows if row[0].count > 3]
    print(f"Replies over 3 segments (sent in pages with MORE): {over or 'none'}")
    for size, name, *_ in rows[:5]:
        print(f"  {name:32} {size.units:4d} units  {size.count} segment(s)  {size.encoding}")


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=200, help="messages to time")
    parser.add_argument("--server", help="a running server (default: start one)")
    parser.add_argument("--token", default=None, help="its TWILIO_AUTH_TOKEN (with --server)")
    args = parser.parse_args(argv)

    if args.server:
        token = args.token or settings.twilio_auth_token()
        result = bench(args.server.rstrip("/"), token, args.count)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-sms-") as workdir:
            print("Starting the assistant (throw-away databases) ...", flush=True)
            process, server = start_server(Path(workdir))
            try:
                result = bench(server, TOKEN, args.count)
            finally:
                stop_process_group(process)
    print(
        f"SMS webhook, {int(result['count'])} sequential messages "
        f"({int(result['failures'])} not 200): p50 {result['p50']:.1f} ms, "
        f"p95 {result['p95']:.1f} ms, max {result['max']:.1f} ms, mean {result['mean']:.1f} ms"
    )
    report_replies()
    return 0


if __name__ == "__main__":
    sys.exit(main())
