"""Everything that keeps the assistant safe, in one place.

* `lexicon`: the reviewed word lists (data only).
* `matcher`: how text is read against them.
* `layers`: layer 1 (the word list) and layer 2 (clinical combinations of a
  pump or medicine state with a symptom), plus medicine and fasting questions.
* `detector`: layer 3, a learned red-flag detector for what nobody listed.
* `assess()` (here): the one verdict every part uses.
* `guard`: the Rasa components that act on it (`SafetyGuard`, `SafetyPolicy`).
* `replies`: the lines every channel sends when the assistant itself fails.

Any layer firing gives the emergency line first. The crisis line (988) needs
a self-harm sign in the message itself: the word list's self-harm phrasings
or the detector's self-harm score, never the intent classifier's guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Tuple

from itb.safety import detector, layers
from itb.safety.layers import GENERAL, SELF_HARM
from itb.safety.matcher import normalise

__all__ = ["Assessment", "assess", "GENERAL", "SELF_HARM", "normalise"]

WORD_LIST = "word_list"
COMBINATION = "combination"
DETECTOR = "detector"
LAYERS = (WORD_LIST, COMBINATION, DETECTOR)
# How sure the detector alone must be to turn a medicine or fasting question
# into an emergency.
SURE = 0.95
MIN_DETECTOR_WORDS = 3


@dataclass(frozen=True)
class Assessment:
    """The safety verdict on one message."""

    emergency: Optional[str] = None  # SELF_HARM, GENERAL or None
    layers: Tuple[str, ...] = ()  # the layers that fired
    medicine: bool = False  # starting, stopping, changing, sharing or running out of a medicine
    fasting: bool = False  # whether to eat or drink before a visit
    information: bool = False  # a general question about a topic

    @property
    def self_harm(self) -> bool:
        return self.emergency == SELF_HARM


NOTHING = Assessment()


@lru_cache(maxsize=2048)
def _assess(text: str) -> Assessment:
    tokens = normalise(text)
    if not tokens:
        return NOTHING
    information = layers.is_information_question(tokens)
    medicine = layers.medicine_question(tokens)
    fasting = layers.fasting_question(tokens)
    fired = []
    self_harm = layers.self_harm_words(tokens) is not None
    if self_harm or layers.word_list(tokens, information):
        fired.append(WORD_LIST)
    if layers.combination(tokens, information):
        fired.append(COMBINATION)
    learned_scores = detector.load().scores(text)
    learned = detector.load().judge(learned_scores)
    if learned and len(tokens) < MIN_DETECTOR_WORDS and not fired and not self_harm:
        # Two words ("ya no", "help me") are too few for the detector alone: the
        # word list still catches a short emergency ("cant breathe", "convulsion").
        learned = None
    if learned and (medicine or fasting or information) and not fired and not self_harm:
        # A question (about a medicine, fasting or a topic) with no sign the
        # rule layers see: the detector alone must be sure.
        if learned_scores.red_flag < SURE:
            learned = None
        elif learned == SELF_HARM and not information:
            learned = GENERAL  # a medicine question is no crisis without words of one
    if learned:
        fired.append(DETECTOR)
        self_harm = self_harm or learned == SELF_HARM
    emergency = (SELF_HARM if self_harm else GENERAL) if fired else None
    return Assessment(emergency, tuple(fired), medicine, fasting, information)


def assess(text: object) -> Assessment:
    """The safety verdict on a message (any input; odd input is never an emergency)."""
    if not isinstance(text, str) or not text.strip():
        return NOTHING
    return _assess(text)
