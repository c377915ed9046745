"""The safety check on its own (no trained assistant needed): each layer and the verdict."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from itb import safety
from itb.safety.report import word_list_fires
from support.nlu import examples_in

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CASE_FILES = ["red_flag_cases.yml", "red_flag_holdout.yml"]


def load_cases(key: str) -> list:
    cases = []
    for name in CASE_FILES:
        cases += yaml.safe_load((HERE / name).read_text())[key]
    return cases


def training_examples() -> dict:
    return {text.lower(): intent for text, intent in examples_in(sorted((ROOT / "data" / "nlu").glob("*.yml")))}


EMERGENCIES = load_cases("must_trigger")
NOT_EMERGENCIES = load_cases("must_not_trigger")


def test_case_sets_are_large_and_not_in_training_data():
    assert len(EMERGENCIES) >= 150 and len(NOT_EMERGENCIES) >= 100
    training = training_examples()
    copied = [case["text"] for case in EMERGENCIES if case["text"].lower() in training]
    assert copied == []


@pytest.mark.parametrize("case", EMERGENCIES, ids=lambda c: c["text"][:60])
def test_emergency_is_detected_by_the_word_list_alone(case):
    # The reviewed list keeps catching every listed phrasing on its own.
    assert word_list_fires(case["text"])
    verdict = safety.assess(case["text"])
    assert verdict.emergency is not None
    if case.get("kind") == "self_harm":
        assert verdict.emergency == safety.SELF_HARM


@pytest.mark.parametrize("text", NOT_EMERGENCIES, ids=lambda t: t[:60])
def test_ordinary_question_is_not_an_emergency_for_the_word_list(text):
    assert not word_list_fires(text)


def test_ordinary_questions_rarely_alarm_any_layer():
    alarmed = [text for text in NOT_EMERGENCIES if safety.assess(text).emergency]
    assert len(alarmed) <= len(NOT_EMERGENCIES) * 0.02, alarmed


def test_no_ordinary_training_example_looks_like_an_emergency():
    flagged = [
        (text, intent) for text, intent in training_examples().items()
        if not intent.startswith("emergency") and word_list_fires(text)
    ]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    ["MY SON IS HAVING A SEIZURE", "my son is having a seizure!!!", "my son is having a siezure",
     "my sons havin a seizur rite now", "my   son is\thaving\na seizure"],
)
def test_case_spacing_and_typos_do_not_matter(text):
    assert safety.assess(text).emergency is not None


@pytest.mark.parametrize("text", [None, "", "   ", 42, b"\x00\xff", ["a"], "\x00\x01\x02", "🙂" * 50])
def test_odd_input_is_not_an_emergency_and_does_not_crash(text):
    assert safety.assess(text).emergency is None


def test_huge_message_is_checked_quickly():
    text = ("tell me about the pump " * 20000) + "i cant breathe"
    start = time.perf_counter()
    safety.assess(text)
    # Only the first MAX_TOKENS words are read: a huge message cannot stall the server.
    assert time.perf_counter() - start < 5


MEDICINE_QUESTIONS = [
    "can I stop my baclofen before the trial",
    "should I skip my morning pills on trial day",
    "I forgot my dose, should I double up",
    "is it ok to take an extra tizanidine tonight",
    "do I need to hold my blood thinner",
    "should my son keep taking his valium after the pump",
    "I want to stop taking zanaflex",
]


@pytest.mark.parametrize("text", MEDICINE_QUESTIONS)
def test_medicine_change_questions_are_recognised(text):
    assert safety.assess(text).medicine


@pytest.mark.parametrize(
    "text",
    ["what is baclofen", "is the dose lower with the pump than with pills",
     "can a child get a baclofen pump", "how often is the pump refilled"],
)
def test_medicine_topics_are_not_change_questions(text):
    assert not safety.assess(text).medicine


@pytest.mark.parametrize("text", [
    "can I eat breakfast before the test dose",
    "do i need to fast before the trial",
    "is it nothing by mouth after midnight before the pump surgery",
    "can my son drink water the morning of his refill",
])
def test_fasting_questions_are_recognised(text):
    assert safety.assess(text).fasting


@pytest.mark.parametrize("text", [
    "my prescription for baclofen ran out, can i use my wife's till monday",
    "can i borrow my husbands baclofen",
    "i ran out of my baclofen pills yesterday",
    "i feel way too loose and weak, can i turn my pump down myself or take less?",
    "i'm thinking of lowering my zanaflex to half on my own to see if the pump is enough, good idea?",
])
def test_sharing_running_out_and_self_adjusting_are_medicine_questions(text):
    verdict = safety.assess(text)
    assert verdict.medicine and verdict.emergency is None


@pytest.mark.parametrize("text", [
    "missed my refill appointment and now i have withdrawal symptoms",
    "pump has been beeping since yesterday and now she is itchy all over",
    "refill is a week overdue and he is confused and running a temp",
    "got his refill this morning and now hes so drowsy",
    "ran out of baclofen pills 2 days ago, now my legs are rigid and I feel feverish",
])
def test_a_pump_state_with_a_symptom_is_an_emergency(text):
    verdict = safety.assess(text)
    assert verdict.emergency == safety.GENERAL
    assert safety.COMBINATION in verdict.layers


@pytest.mark.parametrize("text", [
    "hubby ran out of his baclofen pills, no symptoms at all, pharmacy opens at 9",
    "what happens if my refill is late and i get a fever?",
])
def test_a_combination_needs_a_symptom_that_is_there(text):
    assert safety.COMBINATION not in safety.assess(text).layers


def test_the_detector_catches_what_no_list_names():
    text = "he's burning up and clawing at his skin since the thing in his belly started chirping"
    verdict = safety.assess(text)
    assert verdict.emergency == safety.GENERAL
    assert safety.DETECTOR in verdict.layers


def test_the_detector_report_shows_recall_and_its_lines_are_kept_apart_from_tests():
    from itb.safety import detector

    report = detector.load().report
    assert report["out_of_fold_recall"] >= 0.95
    training = {line.lower() for line in detector.training_lines()[0]}
    own = {
        line.lower() for lines in yaml.safe_load(detector.DATA.read_text()).values() for line in lines
    }
    for name in CASE_FILES + ["red_flag_blind_2.yml", "red_flag_es_blind.yml"]:
        data = yaml.safe_load((HERE / name).read_text())
        red = [c["text"] for c in data.get("must_trigger", data.get("red_flags", []))]
        ordinary = [c if isinstance(c, str) else c["text"]
                    for c in data.get("must_not_trigger", data.get("ordinary", []))]
        # No red flag of a test set is a training line; ordinary test lines may
        # repeat a short NLU example ("hi"), never a line of the detector's own.
        assert [t for t in red if t.lower() in training] == [], name
        assert [t for t in ordinary if t.lower() in own] == [], name
