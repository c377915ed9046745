"""Rasa's own checks: data validation and the test stories."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.test_one_home import code_named_responses

ROOT = Path(__file__).resolve().parent.parent


def rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
    )


# Responses used by code rather than by a rule: the form's questions (asked by
# the form itself), the disclosure (added by SafetyPolicy), and every response
# an action, a channel or the widget names (actions/, channels/, itb/, widget/:
# tests/test_one_home.py finds them). Rasa's validator only looks for responses
# in stories and rules, so it reports these; nothing else may be reported.
USED_BY_CODE = {
    "utter_ask_appt_name", "utter_ask_appt_reason", "utter_ask_appt_times",
    "utter_ask_appt_may_text", "utter_ask_appt_note", "utter_disclosure",
} | code_named_responses()
# Responses that code names (`response="utter_..."`, `text("utter_...")`), or
# a family that code names by its prefix ("utter_widget_").
_NAMED = re.compile(r"""["'](utter_[a-z0-9_/]*)["']""")
NAMED_IN_CODE = {
    name
    for folder in ("actions", "channels", "itb", "console")
    for path in (ROOT / folder).rglob("*.py")
    for name in _NAMED.findall(path.read_text(encoding="utf-8"))
}


def used_by_code(name: str) -> bool:
    return name in USED_BY_CODE or name in NAMED_IN_CODE or any(
        prefix.endswith("_") and name.startswith(prefix) for prefix in NAMED_IN_CODE
    )


def test_training_data_and_domain_validate_cleanly():
    result = rasa("data", "validate")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    warnings = [
        line for line in output.splitlines()
        if "UserWarning" in line or "is not used" in line or "multiple different intents" in line
    ]
    unused = re.compile(r"'(utter_[^']*)' is not used in any story or rule")
    unexpected = [
        line for line in warnings
        if not (unused.search(line) and used_by_code(unused.search(line).group(1)))
        # Rasa adds a retrieval intent from the NLU data to the domain's own entry
        # (which the rules need) and then reports the two as duplicates.
        and not line.rstrip().endswith("duplicated intents have been found across multiple domain files: faq")
    ]
    assert unexpected == []


def test_stories_pass(tmp_path):
    result = rasa(
        "test", "core", "--model", "models/current.tar.gz", "--stories", "tests/stories",
        "--fail-on-prediction-errors", "--out", str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
