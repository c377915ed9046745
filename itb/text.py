"""Text as patients type it, made safe to read: one home for the cleaning that
the appointment form (itb/appointments/) and phone numbers (itb/phone.py) share."""
from __future__ import annotations

import re
import unicodedata
from typing import Any


def clean(text: Any) -> str:
    """Text with control characters removed and spaces collapsed."""
    if not isinstance(text, str):
        return ""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()


def plain(text: Any) -> str:
    """Lowercase text without accents ("Mañana" -> "manana"), for reading words."""
    text = unicodedata.normalize("NFKD", clean(text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
