"""Rasa's own checks: data validation and the test stories."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
    )


def test_training_data_and_domain_validate_without_warnings():
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_stories_pass(tmp_path):
    result = rasa(
        "test", "core", "--model", "models/current.tar.gz", "--stories", "tests/stories",
        "--fail-on-prediction-errors", "--out", str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
