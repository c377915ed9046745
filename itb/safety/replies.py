"""What every channel says when the assistant itself fails.

Every line is a response in domain.yml, read through itb/content/texts.py: the
emergency lines are the first lines of `utter_emergency` and
`utter_emergency_self_harm`, and "sorry" is `utter_channel_sorry` (with the
clinic's number from the settings).
"""
from __future__ import annotations

from typing import List, Optional

from itb.content import texts
from itb.safety import SELF_HARM, assess


def emergency_line() -> str:
    return texts.text("utter_emergency").splitlines()[0]


def self_harm_line() -> str:
    return texts.text("utter_emergency_self_harm").splitlines()[0]


def safety_lines(text: object) -> List[str]:
    """The emergency line the message asks for, if any (always sent first)."""
    verdict = assess(text)
    if verdict.emergency is None:
        return []
    return [self_harm_line() if verdict.emergency == SELF_HARM else emergency_line()]


def sorry(phone: Optional[str] = None, channel: Optional[str] = None) -> str:
    """`utter_channel_sorry` (its `channel` variation, if any); `phone` replaces
    the clinic's number as written, e.g. with the digits an SMS links."""
    values = {"clinic_phone": phone} if phone else {}
    return texts.text("utter_channel_sorry", channel=channel, **values)


def fallback_lines(text: object, phone: Optional[str] = None, channel: Optional[str] = None) -> List[str]:
    """The reply when the assistant failed: the emergency line first, then sorry."""
    return safety_lines(text) + [sorry(phone, channel)]
