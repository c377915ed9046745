"""What every channel says when the assistant itself fails.

The emergency lines are the first lines of the `utter_emergency` and
`utter_emergency_self_harm` responses in domain.yml (their one home); the
"sorry" line names the clinic's number from the settings.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from itb import settings
from itb.safety import SELF_HARM, assess

DOMAIN = Path(__file__).resolve().parent.parent.parent / "domain.yml"


@lru_cache(maxsize=1)
def _first_lines() -> Dict[str, str]:
    responses = (yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}).get("responses") or {}
    lines = {}
    for name in ("utter_emergency", "utter_emergency_self_harm"):
        lines[name] = str(responses[name][0]["text"]).splitlines()[0]
    return lines


def emergency_line() -> str:
    return _first_lines()["utter_emergency"]


def self_harm_line() -> str:
    return _first_lines()["utter_emergency_self_harm"]


def safety_lines(text: object) -> List[str]:
    """The emergency line the message asks for, if any (always sent first)."""
    verdict = assess(text)
    if verdict.emergency is None:
        return []
    return [self_harm_line() if verdict.emergency == SELF_HARM else emergency_line()]


def sorry(phone: Optional[str] = None) -> str:
    phone = phone or settings.clinic().phone
    return (
        "Sorry, something went wrong on our side and I could not answer. Please try again, "
        f"or call the clinic at {phone}. In an emergency, call 911."
    )


def fallback_lines(text: object, phone: Optional[str] = None) -> List[str]:
    """The reply when the assistant failed: the emergency line first, then sorry."""
    return safety_lines(text) + [sorry(phone)]
