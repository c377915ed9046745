"""The two rule layers of the red-flag check, and the medicine and fasting questions.

Layer 1, the word list: phrasings of emergencies that a clinician wrote down
(`lexicon.SELF_HARM_PATTERNS`, `GENERAL_PATTERNS`, ...).
Layer 2, clinical combinations: a pump or medicine in a risky state (empty,
late for refill, alarming, just refilled, ran out, "withdrawal") together
with any symptom word (itch, fever, confusion, stiffness, sleepiness,
breathing, seizure, ...), so that the words need not be the listed ones.

Both skip a general question about a topic ("what are the signs of
withdrawal?") unless the message also places it in the present.
"""
from __future__ import annotations

from typing import Optional, Sequence

from itb.safety import lexicon
from itb.safety.matcher import compile_patterns, first_match

_SELF_HARM = compile_patterns(lexicon.SELF_HARM_PATTERNS)
_GENERAL = compile_patterns(lexicon.GENERAL_PATTERNS)
_PUMP = compile_patterns(lexicon.PUMP_PROBLEM)
_SYMPTOMS = compile_patterns(lexicon.SYMPTOM_WORDS)
_NERVES = compile_patterns(lexicon.NERVE_PROBLEM)
_SUDDEN = compile_patterns(lexicon.SUDDEN_WORDS)
_ALWAYS = compile_patterns(lexicon.ALWAYS_PATTERNS)
_INFO = compile_patterns(lexicon.INFO_PATTERNS)
_PRESENT = compile_patterns(lexicon.PRESENT_PATTERNS)
_STATE = compile_patterns(lexicon.PUMP_STATE)
_SIGNS = compile_patterns(lexicon.SYMPTOM_SIGNS)
_MEDICINE = compile_patterns(lexicon.MEDICINE_PATTERNS)
_FASTING = compile_patterns(lexicon.FASTING_PATTERNS)

SELF_HARM = "self_harm"
GENERAL = "general"


def in_present(tokens: Sequence[str]) -> bool:
    return first_match(tokens, _PRESENT) is not None


def is_information_question(tokens: Sequence[str]) -> bool:
    """A general question about a red flag ("what are the signs of ...")."""
    asks = bool(tokens) and tokens[0] in lexicon.INFO_OPENERS or first_match(tokens, _INFO)
    return bool(asks) and not in_present(tokens)


def self_harm_words(tokens: Sequence[str]) -> Optional[str]:
    """A self-harm phrasing from the word list (never skipped as a question)."""
    return first_match(tokens, _SELF_HARM)


def word_list(tokens: Sequence[str], information: bool) -> Optional[str]:
    """Layer 1 (general emergencies): the pattern found, or None."""
    found = first_match(tokens, _ALWAYS)
    if found:
        return found
    found = first_match(tokens, _GENERAL)
    if not found:
        for first, second in ((_PUMP, _SYMPTOMS), (_NERVES, _SUDDEN)):
            part = first_match(tokens, first)
            if part and first_match(tokens, second):
                found = part + " + " + (first_match(tokens, second) or "")
                break
    if found and not information:
        return found
    return None


NEGATIONS = {"no", "without", "zero", "denies", "never", "not"}


def combination(tokens: Sequence[str], information: bool) -> Optional[str]:
    """Layer 2: a risky pump or medicine state with any symptom word.

    Only a message that opens as a question skips it ("what if ..."), and a
    symptom right after "no" or "without" does not count ("no symptoms")."""
    if information and tokens[0] in lexicon.INFO_OPENERS:
        return None
    state = first_match(tokens, _STATE)
    if not state:
        return None
    signs = [
        "_" if index and tokens[index - 1] in NEGATIONS else token
        for index, token in enumerate(tokens)
    ]
    sign = first_match(signs, _SIGNS)
    if not sign:
        return None
    if lexicon.HYPOTHETICAL_WORDS.intersection(tokens) and not in_present(tokens):
        return None
    return f"{state} + {sign}"


def medicine_question(tokens: Sequence[str]) -> bool:
    """Starting, stopping, skipping, changing, sharing or running out of a medicine."""
    return first_match(tokens, _MEDICINE) is not None


def fasting_question(tokens: Sequence[str]) -> bool:
    """Whether or how long not to eat or drink before a visit."""
    return first_match(tokens, _FASTING) is not None
