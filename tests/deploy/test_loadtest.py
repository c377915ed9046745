"""`make loadtest` in small: `python -m scripts.loadtest` against the real production
profile (2 replicas behind nginx, PostgreSQL, Redis), one replica killed and one
stopped mid-traffic; its database check must find every accepted message."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_load_and_fault_run_loses_nothing(nginx):
    result = subprocess.run(
        [sys.executable, "-m", "scripts.loadtest", "--users", "8", "--rate", "5",
         "--before", "6", "--between", "3", "--after", "6", "--throughput-seconds", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=420,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "lost                    0" in result.stdout
    report = json.loads((ROOT / "var" / "loadtest" / "report.json").read_text())["fault"]
    assert report["accepted"] >= 40 and report["lost"] == 0 and report["doubled"] == 0
    assert report["stored"] == report["accepted"] and report["interleaved"] == 0
    assert set(report["by_channel"]) == {"rest", "webchat", "sms"}
    assert all(report["phases"][phase]["messages"] > 0 for phase in ("before", "crash", "after"))
    assert report["appointment_problems"] == 0
