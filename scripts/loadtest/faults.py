"""The fault run: steady traffic while one replica crashes (SIGKILL) and, once
it is back, another is stopped as a redeploy does (SIGTERM); the launcher
restarts both. The phases before, during and after each fault are timed so
that every message can be counted in the phase it was sent in."""
from __future__ import annotations

import argparse
import signal
import time
from collections import Counter, defaultdict
from typing import Dict, List, Tuple

from scripts.loadtest.checks import verify
from scripts.loadtest.production import WORKDIR, Stack
from scripts.loadtest.report import PHASES, percentile
from scripts.loadtest.traffic import Recorder, Sent, Users


def replica_crash(stack: Stack) -> Tuple[float, float]:
    """Kill the first replica (SIGKILL); when it was hit and when it answered again."""
    victim = stack.replica_ports[0]
    print(f"Killing the replica on port {victim} (SIGKILL) ...", flush=True)
    crash, crash_back = stack.hit(victim, signal.SIGKILL)
    print(f"  back after {crash_back - crash:.1f} s", flush=True)
    return crash, crash_back


def replica_redeploy(stack: Stack) -> Tuple[float, float]:
    """Stop the last replica as a redeploy does (SIGTERM); when it was hit and when it answered again."""
    redeployed = stack.replica_ports[-1]
    print(f"Stopping the replica on port {redeployed} (SIGTERM, as a redeploy) ...", flush=True)
    redeploy, redeploy_back = stack.hit(redeployed, signal.SIGTERM)
    print(f"  back after {redeploy_back - redeploy:.1f} s", flush=True)
    return redeploy, redeploy_back


def phase_of(started: float, marks: Dict[str, float]) -> str:
    if started < marks["crash"]:
        return "before"
    if started < marks["crash_back"]:
        return "crash"
    if started < marks["redeploy"]:
        return "between"
    if started < marks["redeploy_back"]:
        return "redeploy"
    return "after"


def fault_run(args: argparse.Namespace, database_url: str, token: str) -> Dict[str, object]:
    """Traffic through every phase, then the database check and the counts for the report."""
    recorder = Recorder()
    with Stack(args.replicas, database_url, WORKDIR, token) as stack:
        users = Users(stack.proxy, token, args.users, args.rate, args.max_messages, recorder)
        started = time.monotonic()
        print(f"Traffic: {args.users} users, about {args.rate}/s, through nginx on {stack.proxy}", flush=True)
        users.start()
        time.sleep(args.before)
        crash, crash_back = replica_crash(stack)
        time.sleep(args.between)
        redeploy, redeploy_back = replica_redeploy(stack)
        time.sleep(args.after)
        users.finish()
        ended = time.monotonic()
    marks = {"crash": crash, "crash_back": crash_back, "redeploy": redeploy, "redeploy_back": redeploy_back}
    result = verify(database_url, recorder)
    by_phase: Dict[str, List[Sent]] = defaultdict(list)
    for record in recorder.sent:
        by_phase[phase_of(record.started, marks)].append(record)
    phases = {}
    for name in PHASES:
        records = by_phase.get(name, [])
        ok = [r.latency for r in records if r.accepted]
        phases[name] = {
            "messages": len(records), "accepted": len(ok),
            "p50_ms": percentile(ok, 0.5) * 1000, "p95_ms": percentile(ok, 0.95) * 1000,
            "server_errors": sum(r.server_errors for r in records),
            "retried": sum(1 for r in records if r.attempts > 1),
        }
    channels = Counter(record.channel for record in recorder.sent)
    return {
        "seconds": ended - started,
        "sent": len(recorder.sent),
        "accepted": sum(1 for r in recorder.sent if r.accepted),
        "not_accepted": sum(1 for r in recorder.sent if not r.accepted),
        "server_errors": sum(r.server_errors for r in recorder.sent),
        "connection_errors": sum(r.other_errors for r in recorder.sent),
        "retried": sum(1 for r in recorder.sent if r.attempts > 1),
        "unexpected_replies": recorder.unexpected,
        "by_channel": dict(channels),
        "crash_window_s": crash_back - crash,
        "redeploy_window_s": redeploy_back - redeploy,
        "phases": phases,
        **result,
    }
