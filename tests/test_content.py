"""The content the clinic owns: sources and sign-off of every answer (no model needed)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from itb.content import review

ROOT = Path(__file__).resolve().parent.parent


def test_every_answer_names_known_sources_and_no_approval_is_stale():
    assert review.problems() == []


def test_there_are_at_least_100_answers():
    assert len(review.answers()) >= 100


def test_content_report_prints_one_json_object_per_answer():
    output = subprocess.run(
        [sys.executable, "-m", "itb.content.review"], cwd=ROOT, capture_output=True, text=True,
        check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    ).stdout.splitlines()
    rows = [json.loads(line) for line in output]
    assert len(rows) == len(review.answers())
    for row in rows:
        assert set(row) >= {"name", "text", "sources", "status", "approved_by", "approved_at"}
        assert row["status"] in ("approved", "draft")
        assert row["sources"]


RESPONSES = {
    "utter_ask_x": [{"text": "Pumps are refilled every 1 to 6 months.", "metadata": {"sources": ["MDT-PUMP"]}}],
    "utter_greet": [{"text": "Hi!"}],
}


def test_an_approved_answer_goes_back_to_draft_when_its_text_changes():
    version = review.answers(RESPONSES, records=[])[0].version
    record = {"name": "utter_ask_x", "version": version, "approved_by": "Dr. A", "approved_at": "2026-12-01"}
    (answer,) = review.answers(RESPONSES, records=[record])
    assert answer.status == "approved" and answer.approved_by == "Dr. A"
    changed = {"utter_ask_x": [{"text": "Pumps are refilled often.", "metadata": {"sources": ["MDT-PUMP"]}}]}
    (answer,) = review.answers(changed, records=[record])
    assert answer.status == "draft"
    problems = review.problems(review.answers(changed, records=[record]), records=[record])
    assert any("changed after its approval" in problem for problem in problems)


def test_an_answer_without_a_source_or_with_an_unknown_one_fails():
    bad = {
        "utter_ask_a": [{"text": "No source here."}],
        "utter_ask_b": [{"text": "Made up.", "metadata": {"sources": ["NOT-A-SOURCE"]}}],
    }
    problems = review.problems(review.answers(bad, records=[]), records=[])
    assert "utter_ask_a: no source" in problems
    assert any("unknown source id 'NOT-A-SOURCE'" in problem for problem in problems)
