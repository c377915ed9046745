"""Reading the appointment form's answers: names, phone numbers, kinds of visit
and preferred times, in English and Spanish, as patients type them."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Iterable, List, Optional, Tuple

from itb.phone import parse as check_phone  # noqa: F401 - the form's phone check (itb/phone.py)
from itb.phone import pretty as pretty_phone  # noqa: F401
from itb.text import clean, plain

MAX_NAME_CHARS = 100
MAX_TIMES_CHARS = 500
MAX_NOTE_CHARS = 1000
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: index + 1
    for index, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
# Spanish (accents ignored): month names, weekdays, and the words of the
# reasons (patterns read from the start of a word: "rellen" reads "rellenar").
MONTHS_ES = {
    name: index + 1
    for index, names in enumerate([
        ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo", "may"),
        ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sep", "sept", "set"),
        ("octubre", "oct"), ("noviembre", "nov"), ("diciembre", "dic"),
    ])
    for name in names
}
WEEKDAYS_ES = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
REASONS = {
    "trial": ("trial", "test dose", "screening", "test"),
    "refill": ("refill", "refil", "pump check", "follow", "check", "alarm", "battery"),
    "consult": ("first", "consult", "new", "learn", "about itb", "evaluation", "see if", "talk about"),
    "other": ("something else", "other", "else"),
}
REASONS_ES = {
    "trial": ("prueba", "ensayo", "dosis de prueba"),
    "refill": (
        "recarga", "rellen", "llenar", "llenado", "revision", "revisar", "chequeo", "(?:de|a) control",
        "control de la bomba", "seguimiento", "alarma", "pitid", "bateria", r"pilas?\b",
    ),
    "consult": (
        "primer", "consulta", "nuevo", "nueva", "cita nueva", "evaluacion", "informacion", "conocer",
        "saber", "hablar de", "hablar sobre", "cirugia", "operacion", "implant", "poner la bomba",
    ),
    "other": ("otro", "otra", "otras", "otros", "algo mas", "algo diferente", "algo distinto"),
}
# In English: staff e-mail and the command line. The patient's read-back says
# these in the conversation's language (utter_appt_reason_* in domain.yml).
REASON_LABELS = {
    "trial": "the ITB trial",
    "consult": "a first visit about ITB",
    "refill": "a pump refill or check",
    "other": "something else",
}



# ------------------------------------------------------------- checking
def check_name(text: Any) -> Tuple[Optional[str], Optional[str]]:
    """(name, None) if it looks like a person's name, else (None, problem)."""
    # Composed accents: "José" typed as "e" + a combining accent counts as letters.
    name = unicodedata.normalize("NFC", clean(text))
    if not name:
        return None, "empty"
    if len(name) > MAX_NAME_CHARS:
        return None, "too_long"
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or any(ch.isdigit() for ch in name) or letters < len(name.replace(" ", "")) * 0.7:
        return None, "not_a_name"
    if re.search(r"[<>{}\[\]=;@/\\|]", name) or "--" in name:
        return None, "not_a_name"
    return name, None



def check_reason(text: Any) -> Optional[str]:
    lowered = plain(text)
    for reason, words in REASONS.items():
        if any(word in lowered for word in words):
            return reason
    for reason, patterns in REASONS_ES.items():
        if any(re.search(r"\b" + pattern, lowered) for pattern in patterns):
            return reason
    return None


def _spanish_relative(lowered: str, today: dt.date) -> Optional[dt.date]:
    """hoy, mañana, pasado mañana, ayer... ("por la mañana" is a time of day, not tomorrow)."""
    if re.search(r"\bpasado\s+manana\b", lowered):
        return today + dt.timedelta(days=2)
    if re.search(r"\b(?:anteayer|antier|ayer|semana pasada|mes pasado)\b", lowered):
        return today - dt.timedelta(days=1)
    if re.search(r"\b(?:hoy|esta\s+(?:manana|tarde|noche))\b", lowered):
        return today
    for found in re.finditer(r"\bmanana\b", lowered):
        before = lowered[: found.start()].split()
        # "la mañana", "por la mañana", "esta mañana", "cada mañana": mornings.
        if not before or before[-1] not in ("la", "las", "una", "esta", "cada", "toda"):
            return today + dt.timedelta(days=1)
    return None


def _date_from(text: str, today: dt.date) -> Optional[dt.date]:
    """One date mentioned in a short piece of text, if any can be read."""
    lowered = plain(text)
    if "today" in lowered:
        return today
    if "tomorrow" in lowered:
        return today + dt.timedelta(days=1)
    if "yesterday" in lowered or "last week" in lowered:
        return today - dt.timedelta(days=1)
    relative = _spanish_relative(lowered, today)
    if relative is not None:
        return relative
    numeric = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", lowered)
    if numeric:
        # Month/day ("3/15"), as the clinic writes dates; "15/3" can only be day/month.
        month, day = int(numeric.group(1)), int(numeric.group(2))
        if month > 12 >= day:
            month, day = day, month
        year = numeric.group(3)
        year_value = (int(year) + 2000 if len(year) == 2 else int(year)) if year else today.year
        try:
            found = dt.date(year_value, month, day)
        except ValueError:
            return None
        return found if year or found >= today else found.replace(year=today.year + 1)
    month_day = re.search(
        r"\b(" + "|".join(MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", lowered
    ) or re.search(
        r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(MONTHS) + r")(?:,?\s+(\d{4}))?\b",
        lowered,
    )
    spanish = re.search(
        r"\b(\d{1,2})(?:o|ro)?\s+de\s+(" + "|".join(MONTHS_ES) + r")\b\.?(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?",
        lowered,
    ) or re.search(  # "marzo 15": full names only ("set 3 pm" is not September)
        r"\b(" + "|".join(name for name in MONTHS_ES if len(name) > 3) + r")\s+(\d{1,2})\b(?:,?\s+(?:de\s+)?(\d{4}))?",
        lowered,
    )
    if month_day or spanish:
        if month_day:
            first, second, year = month_day.groups()
            month, day = (MONTHS[first], int(second)) if first in MONTHS else (MONTHS[second], int(first))
        elif spanish:
            first, second, year = spanish.groups()
            month, day = (MONTHS_ES[first], int(second)) if first in MONTHS_ES else (MONTHS_ES[second], int(first))
        try:
            found = dt.date(int(year) if year else today.year, month, day)
        except ValueError:
            return None
        return found if year or found >= today else found.replace(year=today.year + 1)
    year_only = re.search(r"\b(19|20|21)\d{2}\b", lowered)
    if year_only:
        year = int(year_only.group(0))
        # A bare year: its last day if it is still to come, else its first.
        return dt.date(year, 12, 31) if year >= today.year else dt.date(year, 1, 1)
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}s?\b|\b{name[:3]}\b|\b{WEEKDAYS_ES[index]}s?\b", lowered):
            ahead = (index - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
    return None


def check_times(
    text: Any, date_mentions: Iterable[str] = (), today: Optional[dt.date] = None
) -> Tuple[Optional[str], List[str], Optional[str]]:
    """(verbatim text, recognised ISO dates, problem).

    The patient's words are kept as written; dates recognised (from spaCy's
    DATE entities and the text) must not be in the past or more than a year out.
    """
    today = today or dt.date.today()
    verbatim = clean(text)
    if not verbatim:
        return None, [], "empty"
    if len(verbatim) > MAX_TIMES_CHARS:
        return None, [], "too_long"
    dates = []
    for mention in list(date_mentions) or [verbatim]:
        found = _date_from(mention, today)
        if found is None:
            continue
        if found < today:
            return None, [], "past"
        if found > today + dt.timedelta(days=365):
            return None, [], "too_far"
        dates.append(found.isoformat())
    return verbatim, sorted(set(dates)), None
