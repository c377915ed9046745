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


def _language(variant: dict) -> str:
    for condition in variant.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return "en"


# The English texts (each response's variations without a language condition);
# the Spanish ones are checked in tests/content/test_spanish.py.
RESPONSES = {
    name: variant["text"]
    for name, variants in DOMAIN["responses"].items()
    for variant in variants
    if _language(variant) == "en"
}
# Phone numbers and "800.775.PAIN" are not words; they would skew the formula.
# Nor are placeholders ({clinic_phone}, {reference}): the values they stand for.
NUMBER = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN|\{[A-Za-z_]+\}")
# A line without an end of sentence ("Name: {appt_name}") is read on its own.
UNENDED_LINE = re.compile(r"(?<![.!?:])\n")
# Under five words (a button, a label: "Start over", "Conversation") the formula
# says nothing: one long word is "grade 30". Such texts are checked for length.
LABEL_WORDS = 5
PROSE = {name: text for name, text in RESPONSES.items() if len(NUMBER.sub("", text).split()) >= LABEL_WORDS}


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(UNENDED_LINE.sub(".\n", NUMBER.sub("", text)))


@pytest.mark.parametrize("name", sorted(PROSE))
def test_each_response_is_at_most_8th_grade(name):
    assert grade(PROSE[name]) <= 8, PROSE[name]


def test_median_reading_level_is_6th_grade_or_lower():
    assert statistics.median(grade(text) for text in PROSE.values()) <= 6


@pytest.mark.parametrize("name", sorted(set(RESPONSES) - set(PROSE)))
def test_labels_are_one_line(name):
    assert "\n" not in RESPONSES[name].strip()


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
    """The English examples of the NLU files in `folder` (not its subfolders, not *_es.yml)."""
    examples: dict = {}
    for path in folder.glob("*.yml"):
        if path.stem.endswith("_es"):
            continue
        for item in yaml.safe_load(path.read_text()).get("nlu", []):
            lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip().startswith("- ")]
            examples.setdefault(item["intent"], []).extend(lines)
    return examples


TRAINING = nlu_examples(ROOT / "data" / "nlu")
TESTING = nlu_examples(ROOT / "tests" / "nlu")
RETRIEVAL_INTENTS = {name.split("/")[0] for name in TRAINING if "/" in name}
# set_language is decided by code (itb/language.choice), never by the classifier alone.
DECIDED_BY_CODE = {"set_language"}
ANSWERED_INTENTS = [
    intent for intent in DOMAIN["intents"]
    if intent != "nlu_fallback" and intent not in RETRIEVAL_INTENTS and intent not in DECIDED_BY_CODE
]
# A retrieval intent (faq/<answer>) is one precise answer of a topic: fewer examples each.
ANSWERS = sorted(name for name in TRAINING if "/" in name)


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
def test_each_intent_has_enough_varied_training_examples(intent):
    assert len(set(TRAINING.get(intent, []))) >= 25


@pytest.mark.parametrize("answer", ANSWERS)
def test_each_retrieval_answer_has_examples_tests_and_a_response(answer):
    assert len(set(TRAINING[answer])) >= 15
    assert len(TESTING.get(answer, [])) >= 4
    assert f"utter_{answer}" in DOMAIN["responses"]


@pytest.mark.parametrize("intent", ANSWERED_INTENTS)
def test_each_intent_has_its_own_test_examples(intent):
    tests = TESTING.get(intent, [])
    assert len(tests) >= 8
    training = {text.lower() for texts in TRAINING.values() for text in texts}
    assert [text for text in tests if text.lower() in training] == []


def test_every_language_choice_example_is_decided_by_code():
    from itb import language

    assert TRAINING["set_language"] and [line for line in TRAINING["set_language"] if not language.choice(line)] == []


def test_no_test_line_of_an_answer_is_a_training_line():
    training = {text.lower() for texts in TRAINING.values() for text in texts}
    copied = [text for answer in ANSWERS for text in TESTING.get(answer, []) if text.lower() in training]
    assert copied == []


def test_every_intent_is_answered_by_a_rule():
    answered = set()
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            answered |= {step["intent"] for step in rule["steps"] if "intent" in step}
    assert set(DOMAIN["intents"]) <= answered
