"""The two rule layers of the red-flag check, and the medicine and fasting questions.

Layer 1, the word list: phrasings of emergencies that a clinician wrote down
(`lexicon.SELF_HARM_PATTERNS`, `GENERAL_PATTERNS`, ...).
Layer 2, clinical combinations: a pump or medicine in a risky state (empty,
late for refill, alarming, just refilled, ran out, "withdrawal") together
with any symptom word (itch, fever, confusion, stiffness, sleepiness,
breathing, seizure, ...), so that the words need not be the listed ones.

Both skip a general question about a topic ("what are the signs of
withdrawal?") unless the message also places it in the present.

Every layer reads English and Spanish in one pass (`lexicon.*_ALL`): the
lists of both languages are compiled together, so a message mixing the two
("se le acabó el refill y tiene fever") is read whole. Phrases that only look
alarming ("la alarma del reloj", "cada seis meses") are blanked first
(`lexicon.NOT_RED_FLAG_ES`).
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from itb.safety import lexicon
from itb.safety.matcher import BLANK, compile_patterns, first_match, mask

_SELF_HARM = compile_patterns(lexicon.SELF_HARM_ALL)
_GENERAL = compile_patterns(lexicon.GENERAL_ALL)
_PUMP = compile_patterns(lexicon.PUMP_PROBLEM_ALL)
_SYMPTOMS = compile_patterns(lexicon.SYMPTOM_WORDS_ALL)
_NERVES = compile_patterns(lexicon.NERVE_PROBLEM_ALL)
_SUDDEN = compile_patterns(lexicon.SUDDEN_WORDS_ALL)
_ALWAYS = compile_patterns(lexicon.ALWAYS_ALL)
_INFO = compile_patterns(lexicon.INFO_ALL)
_PRESENT = compile_patterns(lexicon.PRESENT_ALL)
_STATE = compile_patterns(lexicon.PUMP_STATE_ALL)
_SIGNS = compile_patterns(lexicon.SYMPTOM_SIGNS_ALL)
_MEDICINE = compile_patterns(lexicon.MEDICINE_ALL)
_FASTING = compile_patterns(lexicon.FASTING_ALL)
_HYPOTHETICAL_ES = compile_patterns(lexicon.HYPOTHETICAL_PATTERNS_ES)
_INFO_QUESTION_ES = compile_patterns(lexicon.INFO_QUESTION_ES)
_NOT_RED_FLAG = compile_patterns(lexicon.NOT_RED_FLAG_ES)

SELF_HARM = "self_harm"
GENERAL = "general"


def _unmasked(tokens: Sequence[str]) -> List[str]:
    """The words with phrases that only look alarming blanked out."""
    return mask(tokens, _NOT_RED_FLAG)


def in_present(tokens: Sequence[str]) -> bool:
    return first_match(tokens, _PRESENT) is not None


def opens_as_question(tokens: Sequence[str]) -> bool:
    """The message starts with a question word ("what", "qué", "¿por qué", "¿es normal")."""
    if not tokens:
        return False
    return tokens[0] in lexicon.INFO_OPENERS_ALL or tuple(tokens[:2]) in lexicon.INFO_OPENING_PHRASES_ES


def is_information_question(tokens: Sequence[str]) -> bool:
    """A general question about a red flag ("what are the signs of ...")."""
    asks = opens_as_question(tokens) or first_match(tokens, _INFO)
    return bool(asks) and not in_present(tokens)


def self_harm_words(tokens: Sequence[str]) -> Optional[str]:
    """A self-harm phrasing from the word list (never skipped as a question)."""
    return first_match(_unmasked(tokens), _SELF_HARM)


def _negated_es(tokens: Sequence[str], only: Optional[frozenset] = None) -> List[str]:
    """Spanish negation: a word after "sin"/"ni"/"ningún", or after "no" with only
    words like "tiene", "hay", "le" between ("no tiene fiebre"), is blanked
    (with `only`, only those words: the symptom nouns)."""
    words = list(tokens)
    for index in range(1, len(tokens)):
        if only is not None and tokens[index] not in only:
            continue
        if tokens[index - 1] in lexicon.NEGATIONS_ES:
            words[index] = BLANK
            continue
        back = index - 1
        while back >= 0 and index - back <= 4 and tokens[back] in lexicon.NEGATION_FILLERS_ES:
            back -= 1
        if back >= 0 and back < index - 1 and tokens[back] in lexicon.NEGATORS_ES:
            words[index] = BLANK
    return words


def word_list(tokens: Sequence[str], information: bool) -> Optional[str]:
    """Layer 1 (general emergencies): the pattern found, or None."""
    found = first_match(tokens, _ALWAYS)
    if found:
        return found
    words = _negated_es(_unmasked(tokens), lexicon.SYMPTOM_NOUNS_ES)
    found = first_match(words, _GENERAL)
    if not found:
        symptoms = _negated_es(words)
        for first, second, second_words in ((_PUMP, _SYMPTOMS, symptoms), (_NERVES, _SUDDEN, words)):
            part = first_match(words, first)
            if part and first_match(second_words, second):
                found = part + " + " + (first_match(second_words, second) or "")
                break
    if found and not information:
        return found
    return None


NEGATIONS = {"no", "without", "zero", "denies", "never", "not"}


def _hypothetical(tokens: Sequence[str]) -> bool:
    return bool(
        lexicon.HYPOTHETICAL_ALL.intersection(tokens)
        or tuple(tokens[:2]) == ("y", "si")
        or first_match(tokens, _HYPOTHETICAL_ES)
    )


def combination(tokens: Sequence[str], information: bool) -> Optional[str]:
    """Layer 2: a risky pump or medicine state with any symptom word.

    Only a message that opens as a question skips it ("what if ...", "¿qué
    pasa si ..."), or a Spanish general question wherever it stands ("¿la
    abstinencia puede causar fiebre?", `lexicon.INFO_QUESTION_ES`); and a
    symptom right after "no" or "without" ("no symptoms", "sin fiebre", "no
    tiene fiebre") does not count."""
    if information and (opens_as_question(tokens) or first_match(tokens, _INFO_QUESTION_ES)):
        return None
    words = _unmasked(tokens)
    state = first_match(words, _STATE)
    if not state:
        return None
    signs = [
        BLANK if index and words[index - 1] in NEGATIONS else token
        for index, token in enumerate(_negated_es(words))
    ]
    sign = first_match(signs, _SIGNS)
    if not sign:
        return None
    if _hypothetical(tokens) and not in_present(tokens):
        return None
    return f"{state} + {sign}"


def medicine_question(tokens: Sequence[str]) -> bool:
    """Starting, stopping, skipping, changing, sharing or running out of a medicine."""
    return first_match(tokens, _MEDICINE) is not None


def fasting_question(tokens: Sequence[str]) -> bool:
    """Whether or how long not to eat or drink before a visit."""
    return first_match(tokens, _FASTING) is not None
