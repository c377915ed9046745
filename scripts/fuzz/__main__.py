"""The command line: `python -m scripts.fuzz [options]` (see the package's docstring)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import List, Optional

import scripts.fuzz
from scripts.fuzz.checks import Target
from scripts.fuzz.run import GROUPS, fuzz

DEFAULT_EXAMPLES = 400


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.fuzz",
                                     description=(scripts.fuzz.__doc__ or "").split("\n\n")[0])
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
