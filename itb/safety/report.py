"""Recall and false alarms of each safety layer, together, and through the bot.

`python -m itb.safety.report` (or `make safety-report`) reads the red-flag
test sets under `tests/safety/` and prints, per set, for every layer on its
own (word list, clinical combinations, learned detector), for all of them
together (`itb.safety.assess`) and end to end through the trained assistant
(the first line of the first reply says 911 or 988): the share of red flags
caught (recall) and the share of ordinary messages that got an emergency
reply (false alarms). `--json` prints one JSON object instead.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

from itb import safety
from itb.content import texts
from itb.language import SUPPORTED
from itb.safety import detector, layers
from itb.safety.matcher import normalise

ROOT = Path(__file__).resolve().parent.parent.parent
SETS = ROOT / "tests" / "safety"


def _starts(name: str, words: int) -> tuple:
    """The first `words` words of a response in each language: how a reply is recognised."""
    return tuple(" ".join(texts.text(name, language=code).split()[:words]) for code in SUPPORTED)


CRISIS_STARTS = _starts("utter_emergency_self_harm", 4)  # "Please call or text", "Llame o envíe un"
EMERGENCY_STARTS = _starts("utter_emergency", 3) + CRISIS_STARTS  # "Call 911 or", "Llame al 911"
MEDICINE_MARKS = _starts("utter_medicine_change", 6)
FASTING_MARKS = _starts("utter_fasting", 7)
BLIND_SETS = ("red_flag_blind_2", "red_flag_es_blind")


@dataclass
class Case:
    text: str
    red_flag: bool
    kind: str = ""  # "self_harm" or "general" for red flags
    expect: str = "answer"  # for ordinary messages: answer, medicine or fasting


@dataclass
class CaseSet:
    name: str
    cases: List[Case] = field(default_factory=list)

    @property
    def red_flags(self) -> List[Case]:
        return [case for case in self.cases if case.red_flag]

    @property
    def ordinary(self) -> List[Case]:
        return [case for case in self.cases if not case.red_flag]


def load_sets() -> List[CaseSet]:
    """The acceptance set, the first held-out set and the blind sets (English, Spanish)."""
    sets = []
    for name in ("red_flag_cases", "red_flag_holdout"):
        data = yaml.safe_load((SETS / f"{name}.yml").read_text(encoding="utf-8"))
        cases = [
            Case(item["text"], True, "self_harm" if item.get("kind") == "self_harm" else "general")
            for item in data["must_trigger"]
        ] + [Case(text, False) for text in data["must_not_trigger"]]
        sets.append(CaseSet(name, cases))
    for name in BLIND_SETS:
        blind = yaml.safe_load((SETS / f"{name}.yml").read_text(encoding="utf-8"))
        sets.append(CaseSet(name, [
            Case(item["text"], True, "self_harm" if item["kind"] == "self_harm" else "general")
            for item in blind["red_flags"]
        ] + [Case(item["text"], False, expect=item.get("expect", "answer")) for item in blind["ordinary"]]))
    return sets


def word_list_fires(text: str) -> bool:
    """Layer 1 alone: a self-harm or general phrasing of the word list."""
    tokens = normalise(text)
    info = layers.is_information_question(tokens)
    return bool(tokens) and bool(layers.self_harm_words(tokens) or layers.word_list(tokens, info))


def _combination(text: str) -> bool:
    tokens = normalise(text)
    return bool(tokens) and bool(layers.combination(tokens, layers.is_information_question(tokens)))


def _detector(text: str) -> bool:
    return safety.DETECTOR in safety.assess(text).layers


def _together(text: str) -> bool:
    return safety.assess(text).emergency is not None


LAYERS: Dict[str, Callable[[str], bool]] = {
    "word list": word_list_fires,
    "combinations": _combination,
    "detector": _detector,
    "together": _together,
}


def bot_replies(texts: List[str]) -> List[List[str]]:
    """Each text in a new conversation with the trained assistant (models/current.tar.gz)."""
    from rasa.core.agent import Agent

    from itb.content import nlg

    # The responses as the Rasa server makes them (endpoints.yml's generator).
    agent = Agent.load(str(ROOT / "models" / "current.tar.gz"), generator=nlg.endpoint())
    loop = asyncio.new_event_loop()
    replies = []
    try:
        for index, text in enumerate(texts):
            answer = loop.run_until_complete(agent.handle_text(text, sender_id=f"safety-report-{index}"))
            replies.append([str(reply.get("text") or "") for reply in answer or []])
    finally:
        loop.close()
    return replies


def first_line(replies: List[str]) -> str:
    return replies[0].splitlines()[0] if replies and replies[0] else ""


def rate(hits: int, total: int) -> Optional[float]:
    return round(hits / total, 4) if total else None


def evaluate(case_set: CaseSet, replies: Optional[Dict[str, List[str]]] = None) -> Dict[str, object]:
    """Per layer and end to end: recall on red flags, false alarms on ordinary messages."""
    red, ordinary = case_set.red_flags, case_set.ordinary
    result: Dict[str, object] = {"set": case_set.name, "red_flags": len(red), "ordinary": len(ordinary)}
    for name, fires in LAYERS.items():
        caught = [case for case in red if fires(case.text)]
        alarms = [case.text for case in ordinary if fires(case.text)]
        result[name] = {
            "recall": rate(len(caught), len(red)),
            "false_alarms": rate(len(alarms), len(ordinary)),
            "missed": [case.text for case in red if case not in caught],
            "alarmed": alarms,
        }
    if replies is not None:
        lines = {case.text: first_line(replies[case.text]) for case in case_set.cases}
        caught = [case for case in red if lines[case.text].startswith(EMERGENCY_STARTS)]
        harm = [case for case in red if case.kind == "self_harm"]
        alarms = [case.text for case in ordinary if lines[case.text].startswith(EMERGENCY_STARTS)]
        crisis = [case.text for case in ordinary if lines[case.text].startswith(CRISIS_STARTS)]
        result["end to end"] = {
            "recall": rate(len(caught), len(red)),
            "false_alarms": rate(len(alarms), len(ordinary)),
            "self_harm_988_first": rate(
                sum(lines[case.text].startswith(CRISIS_STARTS) for case in harm), len(harm)),
            "crisis_on_ordinary": len(crisis),
            "missed": [case.text for case in red if case not in caught],
            "alarmed": alarms,
        }
        for expect, marks in (("medicine", MEDICINE_MARKS), ("fasting", FASTING_MARKS)):
            wanted = [case for case in ordinary if case.expect == expect]
            if wanted:
                got = [case for case in wanted if any(mark in " ".join(replies[case.text]) for mark in marks)]
                result[f"{expect} hand-off"] = {"rate": rate(len(got), len(wanted)), "of": len(wanted)}
    return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bot", action="store_true", help="layers only, without the trained assistant")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--show", action="store_true", help="list missed red flags and false alarms")
    args = parser.parse_args(argv)
    import logging

    import structlog

    logging.disable(logging.WARNING)  # Rasa's own debug lines would bury the table
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    sets = load_sets()
    replies = None
    if not args.no_bot:
        texts = sorted({case.text for case_set in sets for case in case_set.cases})
        replies = dict(zip(texts, bot_replies(texts), strict=True))
    results = [evaluate(case_set, replies) for case_set in sets]
    if args.json:
        json.dump({"detector": detector.load().report, "sets": results}, sys.stdout, indent=1)
        print()
        return 0
    print(f"detector: {json.dumps(detector.load().report)}")
    for result in results:
        print(f"\n{result['set']}: {result['red_flags']} red flags, {result['ordinary']} ordinary")
        print(f"  {'layer':<14}{'recall':>8}{'false alarms':>14}")
        for name in list(LAYERS) + (["end to end"] if replies is not None else []):
            row = result[name]
            assert isinstance(row, dict)
            print(f"  {name:<14}{row['recall']:>8.1%}{row['false_alarms']:>14.1%}")
        if replies is not None:
            row = result["end to end"]
            assert isinstance(row, dict)
            print(f"  self-harm with 988 first: {row['self_harm_988_first']:.1%}; "
                  f"988 on an ordinary message: {row['crisis_on_ordinary']}")
            for key in ("medicine hand-off", "fasting hand-off"):
                if key in result:
                    hand = result[key]
                    assert isinstance(hand, dict)
                    print(f"  {key}: {hand['rate']:.1%} of {hand['of']}")
        if args.show:
            for name in list(LAYERS) + (["end to end"] if replies is not None else []):
                row = result[name]
                assert isinstance(row, dict)
                if name in ("together", "end to end"):
                    for text in row["missed"]:
                        print(f"    missed ({name}): {text}")
                    for text in row["alarmed"]:
                        print(f"    false alarm ({name}): {text}")
    return 0


if __name__ == "__main__":
    from itb.safety import report as _module  # one copy of the classes

    raise SystemExit(_module.main())
