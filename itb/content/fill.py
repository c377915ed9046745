"""The clinic's settings in a response, and nothing made up.

A response names a setting by placeholder: {clinic_name}, {clinic_phone},
{clinic_hours}, {clinic_address}, {clinic_after_hours} (itb/settings.py). A
sentence that names a setting which is empty is left out whole ("Our hours are
{clinic_hours}." when CLINIC_HOURS is unset), so the assistant never says a
value nobody configured. A line left with no sentence goes too. Any other
placeholder ({reference}, a slot's name) is left for Rasa's own interpolation
or for `texts.text`'s values.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional

from itb import settings

# Placeholder -> the field of settings.Clinic that fills it.
PLACEHOLDERS = {
    "clinic_name": "name",
    "clinic_phone": "phone",
    "clinic_hours": "hours",
    "clinic_address": "address",
    "clinic_after_hours": "after_hours",
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
# A sentence ends at . ! or ? (closing quotes or brackets may follow) before a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:[\"')\]]*)(\s+)")
# Where a sentence starts: the text's start, a line's start (after a "- " bullet) or after . ! ?
_STARTS_SENTENCE = re.compile(r"(?:^|\n|[.!?][\"')\]]*\s+)(?:[-*]\s+)?$")


def values(clinic: Optional[settings.Clinic] = None, /, **overrides: str) -> Dict[str, str]:
    """The placeholders' values from the settings (empty: unset). `overrides`
    replace some, e.g. the SMS channel's digits-only phone number."""
    clinic = clinic or settings.clinic()
    found = {key: str(getattr(clinic, field) or "") for key, field in PLACEHOLDERS.items()}
    found.update({key: str(value or "") for key, value in overrides.items() if key in PLACEHOLDERS})
    # A value is text, never a placeholder of its own.
    return {key: re.sub(r"[{}]", "", value).strip() for key, value in found.items()}


def _sentences(line: str) -> List[str]:
    """A line cut after each sentence, each piece keeping its trailing space."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        pieces.append(line[start:match.end()])
        start = match.end()
    pieces.append(line[start:])
    return [piece for piece in pieces if piece]


def unset(text: str, known: Mapping[str, str]) -> List[str]:
    """The settings placeholders in `text` whose value is empty."""
    return [key for key in _PLACEHOLDER.findall(text) if not known.get(key)]


def drop_unset(text: str, known: Mapping[str, str]) -> str:
    """`text` without the sentences that name an empty setting."""
    if not unset(text, known):
        return text
    lines = []
    for line in text.split("\n"):
        if not unset(line, known):
            lines.append(line)
            continue
        kept = "".join(piece for piece in _sentences(line) if not unset(piece, known)).rstrip()
        if kept.strip() and not re.fullmatch(r"\s*[-*]\s*", kept):
            lines.append(kept)
    return "\n".join(lines).strip("\n")


def fill_text(text: str, known: Mapping[str, str]) -> str:
    """Sentences naming an empty setting left out, the other settings filled in
    (capitalised where they start a sentence: "the Pain Clinic" -> "The Pain Clinic")."""
    text = drop_unset(text, known)

    def value(match: "re.Match[str]") -> str:
        filled = known.get(match.group(1), "")
        if filled and _STARTS_SENTENCE.search(text[:match.start()]):
            filled = filled[:1].upper() + filled[1:]
        return filled

    return _PLACEHOLDER.sub(value, text)


def fill_response(response: Dict[str, Any], known: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """A response (text, buttons, quick replies) with the settings filled in; a
    button naming an empty setting is left out. Changes and returns `response`."""
    known = values() if known is None else known
    if isinstance(response.get("text"), str):
        response["text"] = fill_text(response["text"], known)
    for key in ("buttons", "quick_replies"):
        buttons = response.get(key)
        if not isinstance(buttons, list):
            continue
        kept = []
        for button in buttons:
            if isinstance(button, dict):
                if any(isinstance(v, str) and unset(v, known) for v in button.values()):
                    continue
                button = {k: fill_text(v, known) if isinstance(v, str) else v for k, v in button.items()}
            kept.append(button)
        response[key] = kept
    return response


def says_something(response: Optional[Dict[str, Any]]) -> bool:
    """Whether a filled response still has anything to send."""
    if not response:
        return False
    return any(response.get(key) for key in ("text", "buttons", "quick_replies", "image", "custom", "attachment"))
