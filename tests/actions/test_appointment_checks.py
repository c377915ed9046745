"""What patients type into the appointment form: accepted, normalised or kindly refused."""
from __future__ import annotations

import datetime as dt

import pytest

from itb import appointments

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    "text,expected",
    [("Maria Lopez", "Maria Lopez"), ("  josé   ñúñez ", "josé ñúñez"), ("Mary-Ann O'Neil", "Mary-Ann O'Neil")],
)
def test_names_are_accepted_and_tidied(text, expected):
    assert appointments.check_name(text) == (expected, None)


@pytest.mark.parametrize(
    "text,problem",
    [("", "empty"), ("   ", "empty"), ("x" * 10000, "too_long"), ("🙂🙂🙂", "not_a_name"),
     ("Robert'); DROP TABLE appointment_requests;--", "not_a_name"), ("12345", "not_a_name"),
     (None, "empty"), (42, "empty"), ("<script>alert(1)</script>", "not_a_name")],
)
def test_bad_names_are_refused(text, problem):
    assert appointments.check_name(text) == (None, problem)


@pytest.mark.parametrize(
    "text,e164",
    [("(212) 555-0199", "+12125550199"), ("212.555.0199", "+12125550199"),
     ("+1 415 555 2671", "+14155552671"), ("1-212-555-0199", "+12125550199")],
)
def test_phone_numbers_are_stored_as_e164(text, e164):
    assert appointments.check_phone(text) == (e164, None)


@pytest.mark.parametrize(
    "text,problem",
    [("555-abc-1234", "letters"), ("call me maybe", "letters"), ("12", "invalid"),
     ("555-123-4567", "invalid"), ("", "invalid"), ("9" * 500, "invalid"), (None, "invalid")],
)
def test_bad_phone_numbers_are_refused(text, problem):
    assert appointments.check_phone(text) == (None, problem)


@pytest.mark.parametrize(
    "text,reason",
    [("The ITB trial", "trial"), ("a pump refill", "refill"), ("first visit about ITB", "consult"),
     ("Something else", "other"), ("banana", None)],
)
def test_reasons(text, reason):
    assert appointments.check_reason(text) == reason


@pytest.mark.parametrize(
    "text,dates",
    [("weekday mornings", []), ("next Tuesday after 2 pm", ["2026-12-01"]),
     ("Dec 3 or Dec 4 in the morning", ["2026-12-03"]), ("tomorrow", ["2026-11-26"]),
     ("12/15", ["2026-12-15"]), ("any day but Friday", ["2026-11-27"])],
)
def test_preferred_times_are_kept_verbatim_with_recognised_dates(text, dates):
    verbatim, found, problem = appointments.check_times(text, today=TODAY)
    assert (verbatim, found, problem) == (text, dates, None)


@pytest.mark.parametrize(
    "text,problem",
    [("yesterday", "past"), ("March 3 2020", "past"), ("11/1/2026", "past"),
     ("June 1 2076", "too_far"), ("sometime in 2076", "too_far"), ("", "empty"),
     ("mornings " * 100, "too_long")],
)
def test_past_far_and_empty_times_are_refused(text, problem):
    assert appointments.check_times(text, today=TODAY)[2] == problem


def test_spacy_date_mentions_are_used_when_given():
    verbatim, found, problem = appointments.check_times(
        "can I come on the 3rd of December", ["the 3rd of December"], today=TODAY
    )
    assert found == ["2026-12-03"] and problem is None
