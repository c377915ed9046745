"""The content itself: reading level, safety wording, coverage of the data."""
from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import textstat
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
RESPONSES = {
    name: variant["text"]
    for name, variants in DOMAIN["responses"].items()
    for variant in variants
}
# Phone numbers and "800.775.PAIN" are not words; they would skew the formula.
NUMBER = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN")


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(NUMBER.sub("", text))


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_each_response_is_at_most_8th_grade(name):
    assert grade(RESPONSES[name]) <= 8, RESPONSES[name]


def test_median_reading_level_is_6th_grade_or_lower():
    assert statistics.median(grade(text) for text in RESPONSES.values()) <= 6


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_responses_are_short(name):
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", RESPONSES[name]) if s.strip()]
    assert len(sentences) <= 5


FORBIDDEN = [
    r"\byou (will|'ll) qualify\b", r"\byou are a (good )?candidate\b", r"\bguarantee",
    r"\bstop taking\b", r"\bskip (your|the) (dose|medicine|pills)\b", r"\bdo not eat\b",
    r"\bMRI is (fine|safe)\b", r"\bwill cure\b", r"\$\d",
]


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_no_response_instructs_or_promises(pattern):
    offending = [name for name, text in RESPONSES.items() if re.search(pattern, text, re.I)]
    assert offending == []


def nlu_examples(folder: Path) -> dict:
    examples: dict = {}
    for path in folder.glob("*.yml"):
        for item in yaml.safe_load(path.read_text()).get("nlu", []):
            lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip().startswith("- ")]
            examples.setdefault(item["intent"], []).extend(lines)
    return examples


TRAINING = nlu_examples(ROOT / "data" / "nlu")
TESTING = nlu_examples(ROOT / "tests" / "nlu")
ANSWERED_INTENTS = [intent for intent in DOMAIN["intents"] if intent != "nlu_fallback"]


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
def test_each_intent_has_enough_varied_training_examples(intent):
    assert len(set(TRAINING.get(intent, []))) >= 25


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
def test_each_intent_has_its_own_test_examples(intent):
    tests = TESTING.get(intent, [])
    assert len(tests) >= 8
    training = {text.lower() for texts in TRAINING.values() for text in texts}
    assert [text for text in tests if text.lower() in training] == []


def test_every_intent_is_answered_by_a_rule():
    answered = set()
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            answered |= {step["intent"] for step in rule["steps"] if "intent" in step}
    assert set(DOMAIN["intents"]) <= answered
