"""The deterministic red-flag check on its own (no model needed)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from itb import redflags

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASE_FILES = ["red_flag_cases.yml", "red_flag_holdout.yml"]


def load_cases(key: str) -> list:
    cases = []
    for name in CASE_FILES:
        cases += yaml.safe_load((HERE / name).read_text())[key]
    return cases


def training_examples() -> dict:
    examples = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text())["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    examples[line.strip()[2:].strip().lower()] = item["intent"]
    return examples


EMERGENCIES = load_cases("must_trigger")
NOT_EMERGENCIES = load_cases("must_not_trigger")


def test_case_sets_are_large_and_not_in_training_data():
    assert len(EMERGENCIES) >= 150 and len(NOT_EMERGENCIES) >= 100
    training = training_examples()
    copied = [case["text"] for case in EMERGENCIES if case["text"].lower() in training]
    assert copied == []


@pytest.mark.parametrize("case", EMERGENCIES, ids=lambda c: c["text"][:60])
def test_emergency_is_detected(case):
    finding = redflags.check(case["text"])
    assert finding is not None
    if case.get("kind") == "self_harm":
        assert finding.kind == redflags.SELF_HARM


@pytest.mark.parametrize("text", NOT_EMERGENCIES, ids=lambda t: t[:60])
def test_ordinary_question_is_not_an_emergency(text):
    assert redflags.check(text) is None


def test_no_ordinary_training_example_looks_like_an_emergency():
    flagged = [
        (text, intent) for text, intent in training_examples().items()
        if not intent.startswith("emergency") and redflags.check(text)
    ]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    ["MY SON IS HAVING A SEIZURE", "my son is having a seizure!!!", "my son is having a siezure",
     "my sons havin a seizur rite now", "my   son is\thaving\na seizure"],
)
def test_case_spacing_and_typos_do_not_matter(text):
    assert redflags.check(text) is not None


@pytest.mark.parametrize("text", [None, "", "   ", 42, b"\x00\xff", ["a"], "\x00\x01\x02", "🙂" * 50])
def test_odd_input_is_not_an_emergency_and_does_not_crash(text):
    assert redflags.check(text) is None


def test_huge_message_is_checked_quickly():
    text = ("tell me about the pump " * 20000) + "i cant breathe"
    start = time.perf_counter()
    redflags.check(text)
    # Only the first MAX_TOKENS words are read: a huge message cannot stall the server.
    assert time.perf_counter() - start < 5


MEDICINE_QUESTIONS = [
    "can I stop my baclofen before the trial",
    "should I skip my morning pills on trial day",
    "I forgot my dose, should I double up",
    "is it ok to take an extra tizanidine tonight",
    "do I need to hold my blood thinner",
    "can I eat breakfast before the test dose",
    "should my son keep taking his valium after the pump",
    "I want to stop taking zanaflex",
]


@pytest.mark.parametrize("text", MEDICINE_QUESTIONS)
def test_medicine_change_questions_are_recognised(text):
    assert redflags.is_medicine_change_question(text)


@pytest.mark.parametrize(
    "text",
    ["what is baclofen", "is the dose lower with the pump than with pills",
     "can a child get a baclofen pump", "how often is the pump refilled"],
)
def test_medicine_topics_are_not_change_questions(text):
    assert not redflags.is_medicine_change_question(text)
