"""Runs the chosen endpoint groups against running servers, checks they still
answer after each, and counts tracebacks and fuzzed text in the servers' log."""
from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional

from scripts.fuzz.checks import ServerDown, Tally, Target
from scripts.fuzz.console import fuzz_console
from scripts.fuzz.engine_io import fuzz_engineio
from scripts.fuzz.rest import fuzz_rest
from scripts.fuzz.sms import fuzz_sms
from scripts.fuzz.strategies import MARKER
from scripts.fuzz.webchat import WEBCHAT_IO, fuzz_socketio

GROUPS = ("rest", "sms", "webchat", "engine.io", "console-in", "console-out")
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
