"""Names, dates and times found in what patients write (itb/spacy_entities.py)."""
from __future__ import annotations

import asyncio

import pytest

from itb.spacy_entities import may_name_someone_or_a_time


def parse(agent, text: str) -> dict:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(agent.parse_message(text))
    finally:
        loop.close()


def labels(agent, text: str) -> dict:
    return {entity["entity"]: entity["value"] for entity in parse(agent, text)["entities"]
            if entity["entity"] in ("PERSON", "DATE", "TIME")}


@pytest.mark.parametrize("text, expected", [
    ("My name is Maria Lopez", {"PERSON": "Maria Lopez"}),
    ("Jane Doe", {"PERSON": "Jane Doe"}),
    ("next Tuesday at 3 pm works", {"DATE": "next Tuesday", "TIME": "3 pm"}),
    ("any weekday morning", {"DATE": "weekday"}),
    ("tomorrow afternoon please", {"DATE": "tomorrow", "TIME": "afternoon"}),
    ("I had a stroke five years ago", {"DATE": "five years ago"}),
    ("are you open late on thursdays", {"DATE": "thursdays"}),
])
def test_names_dates_and_times_are_found(agent, text, expected):
    found = labels(agent, text)
    for label, value in expected.items():
        assert found.get(label) == value, found


@pytest.mark.parametrize("text", [
    "what is spasticity", "how does the pump work", "intrathecal baclofen what is it",
    "que es la espasticidad", "la bomba puede causar debilidad en las piernas",
])
def test_questions_with_no_name_or_time_get_no_entities(agent, text):
    assert labels(agent, text) == {}


@pytest.mark.parametrize("text, expected", [
    ("what is spasticity", False), ("thanks", False), ("Hello", False),
    ("call me at 555 123 4567", True), ("i am Maria", True), ("monday", True),
    ("mornings are best", True), ("weekends", True), ("sometime in june", True),
    ("", False), ("é", False),
])
def test_which_messages_are_read_for_entities(text, expected):
    assert may_name_someone_or_a_time(text) is expected
