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
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from itb.safety.lexicon import CONTRACTIONS

GAP = 3  # at most this many words between two words of a pattern
MAX_TOKENS = 400  # only the first words of a huge message are read

Alternatives = Tuple[str, ...]
Pattern = Tuple[Tuple[FrozenSet[str], ...], Alternatives]

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


def _deletions(word: str, most: int) -> Set[str]:
    """`word` with up to `most` letters left out (itself included)."""
    found = {word}
    edge = {word}
    for _ in range(most):
        edge = {variant[:i] + variant[i + 1:] for variant in edge for i in range(len(variant))}
        found |= edge
    return found


class _Vocabulary:
    """Every word of every compiled list, indexed so that the list words a
    message word matches (typos included) are found without trying them all.

    Two words within k typos (letters changed, added, left out or swapped)
    become equal once at most k letters are left out of each, so each list
    word that allows typos is filed under its variants with up to k letters
    left out, and a message word is looked up by its own variants; every
    candidate found is then checked with `_word_matches`, the rule itself.
    tests/safety/test_matcher.py compares the result with trying every list
    word, on every test and training line and on generated typos."""

    def __init__(self) -> None:
        self.exact: Set[str] = set()  # whole words: a message word equal to one matches it
        self.stems: Set[str] = set()  # "stem*": a message word starting with the stem matches it
        self.fuzzy: Dict[str, Set[str]] = {}  # variant -> list words allowing typos
        self.fuzzy_stems: Dict[int, Dict[str, Set[str]]] = {}  # stem length -> variant -> "stem*"

    def add(self, words: Iterable[str]) -> None:
        for word in words:
            if word.endswith("*"):
                stem = word[:-1]
                self.stems.add(stem)
                typos = _allowed_typos(stem)
                if typos:
                    index = self.fuzzy_stems.setdefault(len(stem), {})
                    for variant in _deletions(stem, typos):
                        index.setdefault(variant, set()).add(word)
            else:
                self.exact.add(word)
                typos = _allowed_typos(word)
                for variant in _deletions(word, typos) if typos else ():
                    self.fuzzy.setdefault(variant, set()).add(word)
        list_words_matching.cache_clear()

    def matching(self, token: str) -> FrozenSet[str]:
        found: Set[str] = set()
        if token in self.exact:
            found.add(token)
        for end in range(1, len(token) + 1):
            if token[:end] in self.stems:
                found.add(token[:end] + "*")
        for variant in _deletions(token, 2):
            for word in self.fuzzy.get(variant, ()):
                if _word_matches(token, word):
                    found.add(word)
        for length, index in self.fuzzy_stems.items():
            prefix = token[:length]
            for variant in _deletions(prefix, _allowed_typos("x" * length)):
                for word in index.get(variant, ()):
                    if _word_matches(token, word):
                        found.add(word)
        return frozenset(found)


_VOCABULARY = _Vocabulary()


@lru_cache(maxsize=65536)
def list_words_matching(token: str) -> FrozenSet[str]:
    """The words of the compiled lists that `token` matches, as written ("seiz*", "seizure")."""
    return _VOCABULARY.matching(token)


def _slot_at(tokens: Sequence[str], start: int, slot: FrozenSet[str]) -> int:
    """Index of the first token at or after `start` (within GAP) matching the slot."""
    for index in range(start, min(len(tokens), start + GAP + 1)):
        if not slot.isdisjoint(list_words_matching(tokens[index])):
            return index
    return -1


def _end_at(tokens: Sequence[str], index: int, pattern: Pattern) -> int:
    """Index of the last word of a match starting at `index`, or -1."""
    slots, negative = pattern
    if slots[0].isdisjoint(list_words_matching(tokens[index])):
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
    for number in patterns.candidates(tokens):
        _source, pattern = patterns.patterns[number]
        for index in range(len(tokens)):
            end = _end_at(tokens, index, pattern)
            if end >= 0:
                words[index:end + 1] = [BLANK] * (end + 1 - index)
    return words


def first_match(tokens: Sequence[str], patterns: Compiled) -> Optional[str]:
    """The first pattern (as written) found in the words, or None."""
    for number in patterns.candidates(tokens):
        source, pattern = patterns.patterns[number]
        if _matches(tokens, pattern):
            return source
    return None


class Compiled:
    """A parsed word list: its patterns in the order written, and an index of
    the patterns by the words that can start them."""

    def __init__(self, patterns: Sequence[Tuple[str, Pattern]]) -> None:
        self.patterns = tuple(patterns)
        by_first: Dict[str, List[int]] = {}
        for number, (_source, (slots, _negative)) in enumerate(self.patterns):
            for word in slots[0]:
                by_first.setdefault(word, []).append(number)
        self._by_first = {word: tuple(numbers) for word, numbers in by_first.items()}

    def candidates(self, tokens: Sequence[str]) -> List[int]:
        """The patterns (by number, in order) whose first slot one of the words matches."""
        found: Set[int] = set()
        for token in set(tokens):
            for word in list_words_matching(token):
                found.update(self._by_first.get(word, ()))
        return sorted(found)


def compile_patterns(patterns: Iterable[str]) -> Compiled:
    """Parse patterns. A last word starting with `!` lists words that must not
    directly follow the match ("confused !about" skips "confused about")."""
    compiled = []
    for source in patterns:
        words = source.split()
        negative: Alternatives = ()
        if words[-1].startswith("!"):
            negative = tuple(words.pop()[1:].split("|"))
        slots = tuple(frozenset(word.split("|")) for word in words)
        compiled.append((source, (slots, negative)))
        for slot in slots:
            _VOCABULARY.add(slot)
    return Compiled(compiled)


