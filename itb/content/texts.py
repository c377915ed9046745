"""Responses from domain.yml by name, for code that speaks outside a Rasa turn.

The channels' own messages (SMS keywords, "sorry", "empty"), the web chat
widget's strings and the safety replies live in domain.yml like every answer;
this reads them there, with the clinic's settings filled in exactly as the
Rasa server's generator does (itb/content/fill.py: a sentence naming an unset
setting is left out), then the values given:

    text("utter_sms_too_long", max_chars=1600)

domain.yml is read once per process. A response may have a variation for a
channel (`channel: sms`), as Rasa's own responses do; `text(..., channel="sms")`
takes it, and the variation without a channel otherwise. Each response has a
Spanish variation (condition: the `language` slot is "es");
`text(..., language="es")` takes it, English otherwise.
"""
from __future__ import annotations

import copy
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from itb.content import fill

logger = logging.getLogger(__name__)

DOMAIN = Path(__file__).resolve().parent.parent.parent / "domain.yml"
_VALUE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@lru_cache(maxsize=1)
def responses() -> Dict[str, List[Dict[str, Any]]]:
    """domain.yml's responses (read once)."""
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}
    return domain.get("responses") or {}


def language_of(variant: Dict[str, Any]) -> Optional[str]:
    """The language a variation is for (its `language` slot condition), None for the default (English)."""
    for condition in variant.get("condition") or []:
        if isinstance(condition, dict) and condition.get("name") == "language":
            return str(condition.get("value"))
    return None


def _variant(name: str, channel: Optional[str], language: Optional[str] = None) -> Dict[str, Any]:
    """The variation Rasa's generator would pick (rasa/core/nlg/response.py): for the
    language and the channel, then the default language's for the channel, then the
    language's without a channel, then the default."""
    variants = responses().get(name)
    if not variants:
        raise KeyError(f"domain.yml has no response {name!r}")
    wanted = language if language and language != "en" else None
    tongue = [v for v in variants if wanted and language_of(v) == wanted]
    default = [v for v in variants if language_of(v) is None]
    same_channel = [v for v in tongue + default if channel and v.get("channel") == channel]
    no_channel = [v for v in tongue + default if not v.get("channel")]
    return (same_channel + no_channel + default + variants)[0]


def _interpolate(text: str, values: Dict[str, Any], name: str) -> str:
    def value(match: "re.Match[str]") -> str:
        key = match.group(1)
        if key in values:
            return str(values[key])
        logger.error("content: response %s has no value for {%s}", name, key)
        return match.group(0)

    return _VALUE.sub(value, text)


def response(
    name: str, /, channel: Optional[str] = None, language: Optional[str] = None, **values: Any
) -> Dict[str, Any]:
    """The response `name` (text, buttons) filled in: the settings, then `values`
    (any name but `channel` and `language`, e.g. `name=`), in `language` ("es";
    English when None or when the response has no variation for it). A value
    named like a setting (clinic_phone=...) replaces that setting."""
    filled = fill.fill_response(
        copy.deepcopy(dict(_variant(name, channel, language))),
        fill.values(**{k: str(v) for k, v in values.items()}),
    )
    if isinstance(filled.get("text"), str):
        filled["text"] = _interpolate(filled["text"], values, name).strip()
    for key in ("buttons", "quick_replies"):
        for button in filled.get(key) or []:
            for field in ("title", "payload"):
                if isinstance(button.get(field), str):
                    button[field] = _interpolate(button[field], values, name)
    return filled


def text(name: str, /, channel: Optional[str] = None, language: Optional[str] = None, **values: Any) -> str:
    """The text of the response `name`, filled in (see `response`)."""
    return str(response(name, channel=channel, language=language, **values).get("text") or "")


def names(prefix: str) -> List[str]:
    """The names of the responses that start with `prefix`, in domain.yml's order."""
    return [name for name in responses() if name.startswith(prefix)]
