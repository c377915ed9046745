"""Reads text the way the word lists are written: normalised words, in order.

`normalise()` turns a message into lowercase words without accents,
apostrophes or long letter runs ("sooo" → "soo"), with common contractions
joined ("can not" → "cant"). `compile_patterns()` parses a word list once;
`first_match()` returns the first pattern found in the words; `mask()`
blanks the words of every match (phrases that only look alarming). Words of six
letters or more also match with one typo, from ten letters with two, so
"unconsious" or "siezure" still match.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, List, Optional, Sequence, Tuple

from itb.safety.lexicon import CONTRACTIONS

GAP = 3  # at most this many words between two words of a pattern
MAX_TOKENS = 400  # only the first words of a huge message are read

Alternatives = Tuple[str, ...]
Pattern = Tuple[Tuple[Alternatives, ...], Alternatives]
Compiled = Tuple[Tuple[str, Pattern], ...]

_CONTRACTIONS = tuple((re.compile(pattern), replacement) for pattern, replacement in CONTRACTIONS)


def normalise(text: str) -> List[str]:
    """Lowercase words without accents, apostrophes or long letter runs."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\u2018\u2019\u02bc`´']", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text.split()[:MAX_TOKENS]


def compile_patterns(patterns: Iterable[str]) -> Compiled:
    """Parse patterns. A last word starting with `!` lists words that must not
    directly follow the match ("confused !about" skips "confused about")."""
    compiled = []
    for source in patterns:
        words = source.split()
        negative: Alternatives = ()
        if words[-1].startswith("!"):
            negative = tuple(words.pop()[1:].split("|"))
        slots = tuple(tuple(word.split("|")) for word in words)
        compiled.append((source, (slots, negative)))
    return tuple(compiled)


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    if len(word) >= 10:
        return 2
    if len(word) >= 6:
        return 1
    return 0


@lru_cache(maxsize=65536)
def _word_matches(token: str, word: str) -> bool:
    if word.endswith("*"):
        stem = word[:-1]
        if token.startswith(stem):
            return True
        typos = _allowed_typos(stem)
        return bool(typos) and len(token) >= len(stem) - typos and (
            _distance(token[: len(stem)], stem, typos) <= typos
        )
    if token == word:
        return True
    typos = _allowed_typos(word)
    return bool(typos) and _distance(token, word, typos) <= typos


def _slot_at(tokens: Sequence[str], start: int, slot: Alternatives) -> int:
    """Index of the first token at or after `start` (within GAP) matching the slot."""
    for index in range(start, min(len(tokens), start + GAP + 1)):
        if any(_word_matches(tokens[index], word) for word in slot):
            return index
    return -1


def _end_at(tokens: Sequence[str], index: int, pattern: Pattern) -> int:
    """Index of the last word of a match starting at `index`, or -1."""
    slots, negative = pattern
    if not any(_word_matches(tokens[index], word) for word in slots[0]):
        return -1
    position = index
    for slot in slots[1:]:
        position = _slot_at(tokens, position + 1, slot)
        if position < 0:
            return -1
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return -1 if following in negative else position


def _matches(tokens: Sequence[str], pattern: Pattern) -> bool:
    return any(_end_at(tokens, index, pattern) >= 0 for index in range(len(tokens)))


BLANK = "_"


def mask(tokens: Sequence[str], patterns: Compiled) -> List[str]:
    """The words with every match of the patterns (first to last word) blanked."""
    words = list(tokens)
    for _source, pattern in patterns:
        for index in range(len(tokens)):
            end = _end_at(tokens, index, pattern)
            if end >= 0:
                words[index:end + 1] = [BLANK] * (end + 1 - index)
    return words


def first_match(tokens: Sequence[str], patterns: Compiled) -> Optional[str]:
    """The first pattern (as written) found in the words, or None."""
    for source, pattern in patterns:
        if _matches(tokens, pattern):
            return source
    return None
