"""itb/phone.py: reading, normalising, checking and masking phone numbers."""
from __future__ import annotations

import pytest

from itb import phone


# ------------------------------------------------------------- reading
@pytest.mark.parametrize("text", [
    "(212) 555-0199", "+1 212 555 0199", "212.555.0199 ext 2", "mi cel es 212 555 0199",
    "my cell is 212-555-0199, thanks",
])
def test_a_typed_us_number_is_read_as_e164(text):
    assert phone.parse(text) == ("+12125550199", None)


@pytest.mark.parametrize("text", ["(555) 123-4567", "+1 555 123 4567", "555.123.4567 ext 2", "mi cel es 555 123 4567"])
def test_the_fictional_555_123_exchange_is_possible_but_not_valid(text):
    # The patient's form wants a number that can ring; staff look-ups take any possible one.
    assert phone.parse(text) == (None, "invalid")
    assert phone.normalise(text) == "+15551234567"


@pytest.mark.parametrize("text,problem", [
    ("call me maybe", "letters"),
    ("212 555 O199", "letters"),
    ("1" * 16, "invalid"),  # longer than any number
    ("2" * 41, "invalid"),  # longer than anyone types a number
    ("", "invalid"),
    ("   ", "invalid"),
    ("555-0199", "invalid"),  # no area code
    (None, "invalid"),
    (2125550199, "invalid"),  # not text
    (["212 555 0199"], "invalid"),
])
def test_what_is_not_a_number_says_why(text, problem):
    assert phone.parse(text) == (None, problem)


@pytest.mark.parametrize("text", ["call me maybe", "", "12", "1" * 20, "+44 12"])
def test_normalise_refuses_what_cannot_be_a_number(text):
    assert phone.normalise(text) is None


def test_normalise_keeps_international_numbers():
    assert phone.normalise("+44 7700 900123") == "+447700900123"
    assert phone.normalise("617-555-0142") == "+16175550142"


def test_pretty_writes_a_number_as_people_read_it():
    assert phone.pretty("+12125550199") == "(212) 555-0199"
    assert phone.pretty("not a number") == "not a number"


# ------------------------------------------------------------- pattern
@pytest.mark.parametrize("value,matches", [
    ("+12125550199", True),
    ("+447700900123", True),
    ("+6834002", True),  # Niue: 7 digits, the shortest in use
    ("+" + "1" * 15, True),  # E.164's longest
    ("+" + "1" * 16, False),
    ("+683400", False),
    ("12125550199", False),  # no "+"
    ("+02125550199", False),  # no country code starts with 0
    ("+1 212 555 0199", False),  # E.164 has no spaces
    ("", False),
])
def test_e164_pattern(value, matches):
    assert bool(phone.E164.match(value)) is matches


def test_number_like_is_looser_than_e164():
    assert phone.NUMBER_LIKE.match("(212) 555-0199") and phone.NUMBER_LIKE.match("+1 212 555 0199")
    assert not phone.NUMBER_LIKE.match("conv-3f2a9c") and not phone.NUMBER_LIKE.match("12345")


# ------------------------------------------------------------- digits
def test_digits_reads_letters_as_on_a_keypad():
    assert phone.digits("(212) 555-0199") == "2125550199"
    assert phone.digits("1-800-PAIN") == "18007246"
    assert phone.digits("") == ""


def test_dialable_writes_a_vanity_number_in_digits():
    assert phone.dialable("800.775.PAIN (7246)") == "800.775.7246"
    assert phone.dialable(" (617) 555-0142 ") == "(617) 555-0142"


# ------------------------------------------------------------- masking
def test_masking_for_logs_tells_numbers_apart():
    assert phone.mask_for_log("+15551234567") == "+1******4567"
    assert phone.mask_for_log("+447700900123") == "+4*******0123"
    assert phone.mask_for_log("123") == "***"
    assert phone.mask_for_log(None) == "" and phone.mask_for_log("") == ""


def test_masking_for_display_shows_the_last_two_digits():
    assert phone.mask_for_display("+16175550100") == "••• ••• ••00"
    assert phone.mask_for_display("(212) 555-0199") == "••• ••• ••99"
    assert phone.mask_for_display("12") == "•••"
    assert phone.mask_for_display(None) == "•••"


def test_the_channels_and_the_console_use_this_module():
    from channels import sms_text
    from console import masking, privacy

    assert sms_text.E164 is phone.E164 and sms_text.mask_phone is phone.mask_for_log
    assert privacy.mask_phone is phone.mask_for_log and masking.mask_phone is phone.mask_for_display
