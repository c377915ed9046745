"""What every channel says when the assistant itself fails.

Every line is a response in domain.yml, read through itb/content/texts.py: the
emergency lines are the first lines of `utter_emergency` and
`utter_emergency_self_harm`, and "sorry" is `utter_channel_sorry` (with the
clinic's number from the settings). Each is said in the message's own
language where it tells (itb/language), else in the language given, else English.
"""
from __future__ import annotations

from typing import List, Optional

from itb import language as languages
from itb.content import texts
from itb.safety import SELF_HARM, assess


def emergency_line(language: Optional[str] = None) -> str:
    return texts.text("utter_emergency", language=language).splitlines()[0]


def self_harm_line(language: Optional[str] = None) -> str:
    return texts.text("utter_emergency_self_harm", language=language).splitlines()[0]


def safety_lines(text: object, language: Optional[str] = None) -> List[str]:
    """The emergency line the message asks for, if any (always sent first)."""
    verdict = assess(text)
    if verdict.emergency is None:
        return []
    tongue = languages.detect(text) or language
    return [self_harm_line(tongue) if verdict.emergency == SELF_HARM else emergency_line(tongue)]


def sorry(phone: Optional[str] = None, channel: Optional[str] = None, language: Optional[str] = None) -> str:
    """`utter_channel_sorry` (its `channel` variation, if any); `phone` replaces
    the clinic's number as written, e.g. with the digits an SMS links."""
    values = {"clinic_phone": phone} if phone else {}
    return texts.text("utter_channel_sorry", channel=channel, language=language, **values)


def fallback_lines(
    text: object, phone: Optional[str] = None, channel: Optional[str] = None, language: Optional[str] = None
) -> List[str]:
    """The reply when the assistant failed: the emergency line first, then sorry."""
    tongue = languages.detect(text) or language
    return safety_lines(text, tongue) + [sorry(phone, channel, tongue)]
