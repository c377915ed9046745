"""Phone numbers: the one home for reading, normalising, checking and masking them.

* `parse` reads a number a patient typed ("(212) 555-0199", "mi cel es ...")
  and says why it is not one; `normalise` accepts any possible US or
  international number (staff typing a number to look up); both give E.164.
* `E164` is the pattern of a number in E.164 form ("+12125550199"): a country
  code that does not start with 0, at most 15 digits in all (ITU-T E.164), and
  at least 7 (the shortest numbers in use: Niue, +683 and four digits).
  `NUMBER_LIKE` is looser: text that could be a number in any notation.
* `pretty` writes an E.164 number as people read it: "(212) 555-0199".
* Masking: `mask_for_log` ("+1******4567": the SMS channel's log, the privacy
  tools) tells numbers apart; `mask_for_display` ("••• ••• ••67": the staff
  console) shows only the last two digits.
* `digits` is a number's digits, letters read as on a keypad ("PAIN" -> "7246");
  `dialable` writes a vanity number in digits, so phones link it.
"""
from __future__ import annotations

import re
from typing import Any, Optional, Tuple

import phonenumbers

from itb.text import clean

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
NUMBER_LIKE = re.compile(r"^\+?[\d\s().-]{7,20}$")
MAX_TYPED_CHARS = 40

KEYPAD = {letter: digit for digit, letters in {
    "2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv", "9": "wxyz",
}.items() for letter in letters}

# Words around a number that say what it is ("my cell is ...", "mi cel es ...").
PHONE_WORDS = re.compile(
    r"(?i)\b(?:my|the|is|it'?s|its|number|phone|cell|mobile|home|work|mi|su|es|el|de|del|numero|n[uú]mero|"
    r"tel|tel[eé]fono|telefono|cel|celular|m[oó]vil|movil|casa|trabajo|thanks|please|gracias|por favor)\b[.:,]?"
)


# ------------------------------------------------------------- reading
def parse(text: Any, region: str = "US") -> Tuple[Optional[str], Optional[str]]:
    """(E.164 number, None) for a valid phone number, else (None, problem).

    The problem is "letters" when the text holds words that are not about the
    number (an extension, "ext 2" or "x 2", is allowed), else "invalid".
    """
    raw = clean(text)
    if raw and sum(ch.isdigit() for ch in raw) >= 7:
        raw = clean(PHONE_WORDS.sub(" ", raw)).strip(" :,.-")
    if not raw or len(raw) > MAX_TYPED_CHARS:
        return None, "invalid"
    if re.search(r"[a-zA-Z]", re.sub(r"(?i)\b(ext|x)\b", "", raw)):
        return None, "letters"
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None, "invalid"
    if not phonenumbers.is_valid_number(number):
        return None, "invalid"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def normalise(value: str) -> Optional[str]:
    """E.164 for a possible US or international number, else None (no check that it is in service)."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def pretty(e164: str) -> str:
    """"+12125550199" -> "(212) 555-0199"; what cannot be read is given back as it is."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def digits(text: str) -> str:
    """The digits of a number, letters read as on a keypad: "1-800-PAIN" -> "18007246"."""
    return "".join(KEYPAD.get(c, c) for c in text.lower() if c.isdigit() or c in KEYPAD)


def dialable(phone: str) -> str:
    """A vanity number in digits, so phones link it: "800.775.PAIN (7246)" -> "800.775.7246"."""
    if not re.search(r"[A-Za-z]", phone):
        return phone.strip()
    without_hint = re.sub(r"\s*\([0-9 .-]*\)\s*$", "", phone)
    return "".join(KEYPAD.get(ch.lower(), ch) for ch in without_hint).strip()


# ------------------------------------------------------------- masking
def mask_for_log(phone: Optional[str]) -> str:
    """"+15551234567" -> "+1******4567": enough to tell numbers apart in a log."""
    value = str(phone or "")
    if len(value) <= 6:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 6) + value[-4:]


def mask_for_display(phone: Optional[str]) -> str:
    """"+16175550100" -> "••• ••• ••00": all but the last two digits hidden, for the staff console."""
    value = digits(phone or "")
    return f"••• ••• ••{value[-2:]}" if len(value) >= 4 else "•••"
