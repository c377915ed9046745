"""The matcher's index finds exactly what trying every list word finds.

`itb.safety.matcher` looks up the list words a message word matches through
an index of variants (letters left out) instead of trying every list word.
These tests check it against the plain rule, `_word_matches` tried on every
word of every list, and check `first_match` and `mask` against a plain
reading of each list in order, on every test and training line and on typos
generated from every list word (one and two letters changed, added, left out
or swapped).
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import List, Optional, Sequence

import pytest

from itb.safety import layers, matcher
from support.nlu import lines_of

ROOT = Path(__file__).resolve().parents[2]
LISTS = {name: value for name, value in vars(layers).items() if isinstance(value, matcher.Compiled)}


def every_list_word() -> List[str]:
    return sorted({word for compiled in LISTS.values() for _, (slots, _) in compiled.patterns
                   for slot in slots for word in slot})


def could_match(token: str, word: str) -> bool:
    """False only where the rule cannot match: at most 2 typos, so lengths that far apart never do."""
    if word.endswith("*"):
        return token.startswith(word[:-1]) or len(token) >= len(word) - 3
    return abs(len(token) - len(word)) <= 2


def plain_words_matching(token: str, words: Sequence[str]) -> frozenset:
    return frozenset(word for word in words if could_match(token, word) and matcher._word_matches(token, word))


def plain_end_at(tokens, index, pattern) -> int:
    slots, negative = pattern
    if not any(matcher._word_matches(tokens[index], word) for word in slots[0]):
        return -1
    position = index
    for slot in slots[1:]:
        for candidate in range(position + 1, min(len(tokens), position + 1 + matcher.GAP + 1)):
            if any(matcher._word_matches(tokens[candidate], word) for word in slot):
                position = candidate
                break
        else:
            return -1
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return -1 if following in negative else position


def plain_first_match(tokens, compiled) -> Optional[str]:
    for source, pattern in compiled.patterns:
        if any(plain_end_at(tokens, index, pattern) >= 0 for index in range(len(tokens))):
            return source
    return None


def plain_mask(tokens, compiled) -> List[str]:
    words = list(tokens)
    for _source, pattern in compiled.patterns:
        for index in range(len(tokens)):
            end = plain_end_at(tokens, index, pattern)
            if end >= 0:
                words[index:end + 1] = [matcher.BLANK] * (end + 1 - index)
    return words


def typos(word: str, rng: random.Random) -> List[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    word = word.rstrip("*")
    made = []
    for _ in range(6):
        changed = list(word)
        for _ in range(rng.choice((1, 2))):
            if not changed:
                break
            at = rng.randrange(len(changed))
            kind = rng.choice(("change", "add", "drop", "swap"))
            if kind == "change":
                changed[at] = rng.choice(letters)
            elif kind == "add":
                changed.insert(at, rng.choice(letters))
            elif kind == "drop" and len(changed) > 1:
                del changed[at]
            elif kind == "swap" and at + 1 < len(changed):
                changed[at], changed[at + 1] = changed[at + 1], changed[at]
        made.append("".join(changed))
    return made


def message_lines() -> List[str]:
    paths = [*sorted((ROOT / "tests" / "safety").glob("*.yml")), *sorted((ROOT / "tests" / "nlu").glob("*.yml")),
             *sorted((ROOT / "data" / "nlu").rglob("*.yml")), *sorted((ROOT / "itb" / "safety" / "data").glob("*.yml"))]
    return [line for path in paths for line in lines_of(path)]


@pytest.fixture(scope="module")
def messages() -> List[List[str]]:
    rng = random.Random(11)
    found = [matcher.normalise(line) for line in message_lines()]
    words = every_list_word()
    # Generated messages: typos of list words, alone and inside ordinary words.
    for word in words:
        for variant in typos(word, rng):
            found.append([variant])
            found.append(["my", "son", variant, "and", rng.choice(words).rstrip("*"), "now"])
    return [tokens for tokens in found if tokens]


def test_the_index_finds_the_same_list_words_as_trying_them_all(messages):
    words = every_list_word()
    tokens = sorted({token for message in messages for token in message})
    assert len(tokens) > 5000
    tokens = random.Random(5).sample(tokens, 2500)  # the plain rule is slow
    for token in tokens:
        assert matcher.list_words_matching(token) == plain_words_matching(token, words), token


def test_first_match_and_mask_read_each_list_as_before(messages):
    assert len(LISTS) >= 10
    sample = messages[::20]  # the plain reading of every list is slow
    assert len(sample) > 1000
    for tokens in sample:
        for name, compiled in LISTS.items():
            assert matcher.first_match(tokens, compiled) == plain_first_match(tokens, compiled), (name, tokens)
        assert matcher.mask(tokens, layers._NOT_RED_FLAG) == plain_mask(tokens, layers._NOT_RED_FLAG), tokens
