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


# Responses used by code rather than by a rule: the form's questions (asked by
# the form itself), the disclosure (added by SafetyPolicy) and the form's
# cancel message (sent by action_cancel_appointment). Rasa's validator only
# looks for responses in stories and rules, so it reports these; nothing else
# may be reported.
USED_BY_CODE = {
    "utter_ask_appt_name", "utter_ask_appt_reason", "utter_ask_appt_times",
    "utter_ask_appt_may_text", "utter_ask_appt_note", "utter_disclosure",
    "utter_appointment_cancelled", "utter_action_failed",
}


def test_training_data_and_domain_validate_cleanly():
    result = rasa("data", "validate")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    warnings = [
        line for line in output.splitlines()
        if "UserWarning" in line or "is not used" in line or "multiple different intents" in line
    ]
    unexpected = [
        line for line in warnings
        if not any(f"'{name}' is not used in any story or rule" in line for name in USED_BY_CODE)
    ]
    assert unexpected == []


def test_stories_pass(tmp_path):
    result = rasa(
        "test", "core", "--model", "models/current.tar.gz", "--stories", "tests/stories",
        "--fail-on-prediction-errors", "--out", str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
