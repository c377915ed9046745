"""Masking of names, phone numbers and e-mail addresses for display and export.

Reviewers (and admins) always see masked text; clinicians see masked text
until they reveal one record, which is audited. Masking is best effort: it
covers the PERSON entities Rasa extracted, names and numbers the patient gave
in a form (slots, appointment requests), anything that looks like a phone
number or e-mail address, and phrases such as "my name is ...".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

import phonenumbers

from itb import settings
from itb.phone import digits
from itb.phone import mask_for_display as mask_phone

NAME = "name"
PHONE = "phone"
EMAIL = "email"
PLACEHOLDER = {NAME: "[name]", PHONE: "[phone]", EMAIL: "[email]"}

PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)|\+\d{8,15}(?!\d)")
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
INTRO = re.compile(
    r"\b(?:my name is|my name's|name is|call me|i am called|this is|i'm|i am)\s+",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
NOT_NAMES = frozenset(
    "a an and the i im not so very really in on at my his her their our your worried scared "
    "wondering calling asking having looking going trying just still also here there about "
    "for from with to of sure fine ok okay good bad sorry new sick tired interested".split()
)


def _clinic_digits() -> str:
    return digits(settings.clinic().phone.split("(")[0])[-10:]


@dataclass
class Sensitive:
    """Names and numbers known to belong to the patient of one conversation."""

    names: Set[str] = field(default_factory=set)
    phones: Set[str] = field(default_factory=set)

    def add_name(self, value: Any) -> None:
        if isinstance(value, str) and value.strip():
            self.names.add(value.strip())
            for part in NAME_WORD.findall(value):
                if len(part) >= 2 and part.lower() not in NOT_NAMES:
                    self.names.add(part)

    def add_phone(self, value: Any) -> None:
        if isinstance(value, str) and sum(c.isdigit() for c in value) >= 7:
            self.phones.add(value.strip())

    def absorb_slots(self, events: Iterable[Dict[str, Any]]) -> None:
        """Slot values a form collected (full_name, phone, ...)."""
        for event in events:
            if event.get("event") != "slot":
                continue
            name = str(event.get("name") or "").lower()
            if "name" in name:
                self.add_name(event.get("value"))
            elif "phone" in name or "number" in name:
                self.add_phone(event.get("value"))


def _spans(text: str, entities: Optional[List[Dict[str, Any]]], known: Sensitive) -> List[Tuple[int, int, str]]:
    spans: List[Tuple[int, int, str]] = []
    for entity in entities or []:
        if entity.get("entity") == "PERSON":
            start, end = entity.get("start"), entity.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, NAME))
    clinic = _clinic_digits()
    for match in PHONE_LIKE.finditer(text):
        if clinic and digits(match.group()).endswith(clinic):
            continue  # the clinic's own number is not the patient's
        spans.append((match.start(), match.end(), PHONE))
    try:
        for found in phonenumbers.PhoneNumberMatcher(text, "US"):
            if not (clinic and digits(found.raw_string).endswith(clinic)):
                spans.append((found.start, found.end, PHONE))
    except Exception:  # a parser oddity must never expose a number: the regex above stays
        pass
    for match in EMAIL_LIKE.finditer(text):
        spans.append((match.start(), match.end(), EMAIL))
    for match in INTRO.finditer(text):
        position, taken = match.end(), 0
        phrase = match.group().strip().lower()
        while taken < 3:
            word = NAME_WORD.match(text, position)
            if not word or word.group().lower() in NOT_NAMES:
                break
            if phrase in {"this is", "i'm", "i am"} and not word.group()[0].isupper():
                break
            spans.append((word.start(), word.end(), NAME))
            taken += 1
            position = word.end()
            while position < len(text) and text[position] == " ":
                position += 1
    for phone in known.phones:
        for match in re.finditer(re.escape(phone), text):
            spans.append((match.start(), match.end(), PHONE))
    for name in sorted(known.names, key=len, reverse=True):
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
            spans.append((match.start(), match.end(), NAME))
    return spans


def segments(
    text: str, entities: Optional[List[Dict[str, Any]]] = None, known: Optional[Sensitive] = None
) -> List[Tuple[str, Optional[str]]]:
    """The text as (piece, kind) pairs: kind is None for plain text, else what was masked."""
    text = text or ""
    # Longest span first at each position, so that an e-mail address containing a
    # name is masked as an address; overlapping spans become one.
    spans = sorted(_spans(text, entities, known or Sensitive()), key=lambda s: (s[0], -s[1]))
    merged: List[List[Any]] = []
    for start, end, kind in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif merged and kind == merged[-1][2] and not text[merged[-1][1]:start].strip():
            merged[-1][1] = end  # "[name] [name]" reads better as one "[name]"
        else:
            merged.append([start, end, kind])
    result: List[Tuple[str, Optional[str]]] = []
    position = 0
    for start, end, kind in merged:
        if start > position:
            result.append((text[position:start], None))
        result.append((PLACEHOLDER[kind], kind))
        position = end
    if position < len(text):
        result.append((text[position:], None))
    return result


def mask(text: str, entities: Optional[List[Dict[str, Any]]] = None, known: Optional[Sensitive] = None) -> str:
    return "".join(piece for piece, _ in segments(text, entities, known))


def mask_name(name: Optional[str]) -> str:
    return "[name hidden]" if name else ""


def mask_sender(sender_id: str, channel: str) -> str:
    """Conversation ids of SMS conversations are phone numbers."""
    if channel == "sms" or re.fullmatch(r"\+?\d[\d\s().-]{6,}", sender_id or ""):
        return mask_phone(sender_id)
    return sender_id

