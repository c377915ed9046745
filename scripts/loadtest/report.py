"""The report: the fault run's counts, latency by phase, and the throughput per replica count."""
from __future__ import annotations

from typing import Dict, List

# The fault run's phases (faults.py), in order: traffic before the crash, while the
# killed replica is away, between, while the redeployed one is away, after.
PHASES = ("before", "crash", "between", "redeploy", "after")


def percentile(values: List[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(fault: Dict[str, object], rates: List[Dict[str, float]]) -> str:
    lines = ["", "Load and fault test (production profile, loopback)", ""]
    channels = ", ".join(f"{k} {v}" for k, v in sorted(dict(fault["by_channel"]).items()))  # type: ignore[arg-type]
    lines += [
        f"  duration                {fault['seconds']:.0f} s",
        f"  messages sent           {fault['sent']} ({channels})",
        f"  accepted                {fault['accepted']}",
        f"  stored                  {fault['stored']}",
        f"  lost                    {fault['lost']}",
        f"  doubled                 {fault['doubled']}",
        f"  interleaved turns       {fault['interleaved']}",
        f"  never accepted          {fault['not_accepted']}",
        f"  5xx responses           {fault['server_errors']}",
        f"  dropped connections     {fault['connection_errors']}",
        f"  messages resent         {fault['retried']}",
        f"  unexpected replies      {fault['unexpected_replies']}",
        f"  appointment requests    {fault['appointments_confirmed']} confirmed, "
        f"{fault['appointments_stored_once']} stored exactly once",
        f"  replica back after      crash {fault['crash_window_s']:.1f} s, "
        f"redeploy {fault['redeploy_window_s']:.1f} s",
        "",
        f"  {'phase':<10}{'messages':>10}{'accepted':>10}{'p50 ms':>10}{'p95 ms':>10}{'5xx':>6}{'resent':>8}",
    ]
    phases = fault["phases"]
    assert isinstance(phases, dict)
    for name in PHASES:
        row = phases[name]
        lines.append(
            f"  {name:<10}{row['messages']:>10}{row['accepted']:>10}{row['p50_ms']:>10.0f}"
            f"{row['p95_ms']:>10.0f}{row['server_errors']:>6}{row['retried']:>8}"
        )
    if rates:
        lines += ["", f"  {'replicas':<10}{'msgs/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'failed':>8}"]
        for row in rates:
            lines.append(
                f"  {row['replicas']:<10}{row['messages_per_second']:>10.1f}{row['p50_ms']:>10.0f}"
                f"{row['p95_ms']:>10.0f}{row['failures']:>8}"
            )
    return "\n".join(lines)
