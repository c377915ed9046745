"""The command line: `python -m scripts.loadtest [options]` (see the package's docstring)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
import uuid
from typing import List, Optional

import scripts.loadtest
from scripts.loadtest.faults import fault_run
from scripts.loadtest.production import WORKDIR, drop_database, scratch_database
from scripts.loadtest.report import report
from scripts.loadtest.throughput import throughput
from support.stack import MODEL, ROOT


def parse(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.loadtest",
                                     description=(scripts.loadtest.__doc__ or "").split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="replicas in the fault run (at least 2)")
    parser.add_argument("--users", type=int, default=12, help="virtual users (REST, booking, web chat, SMS)")
    parser.add_argument("--rate", type=float, default=6.0, help="messages a second, all users together")
    parser.add_argument("--before", type=float, default=20.0, help="seconds of traffic before the crash")
    parser.add_argument("--between", type=float, default=10.0, help="seconds between crash and redeploy")
    parser.add_argument("--after", type=float, default=20.0, help="seconds of traffic after the redeploy")
    parser.add_argument("--max-messages", type=int, default=2000, help="cap on messages in the fault run")
    parser.add_argument("--throughput-seconds", type=float, default=20.0,
                        help="measured seconds per replica count (0: skip)")
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop REST users for throughput")
    parser.add_argument("--keep-database", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    if args.replicas < 2:
        parser.error("--replicas must be at least 2 (one is killed)")
    for name in ("before", "between", "after", "rate"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name} must be positive")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse(argv)
    # A socket closed under a client by a stopped replica is expected here, and
    # counted as a dropped connection: not an error to print.
    for name in ("engineio.client", "socketio.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if not MODEL.is_file():
        print("No trained model at models/current.tar.gz: run `make train` first.", file=sys.stderr)
        return 1
    WORKDIR.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    database_url = scratch_database()
    try:
        fault = fault_run(args, database_url, token)
        rates = []
        if args.throughput_seconds > 0:
            for replicas in (1, 2):
                print(f"Throughput with {replicas} replica(s) ...", flush=True)
                rates.append(throughput(replicas, database_url, WORKDIR, token,
                                        args.concurrency, args.throughput_seconds))
    finally:
        if args.keep_database:
            print(f"Database kept: {database_url}")
        else:
            drop_database(database_url)
    print(report(fault, rates))
    (WORKDIR / "report.json").write_text(json.dumps(
        {"fault": fault, "throughput": rates, "settings": vars(args)}, indent=2, default=str
    ))
    print(f"\n  (also in {(WORKDIR / 'report.json').relative_to(ROOT)})")
    problems = [name for name in ("lost", "doubled", "interleaved", "appointment_problems") if fault[name]]
    if problems:
        print(f"FAILED: {', '.join(problems)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
