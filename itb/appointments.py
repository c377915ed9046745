"""Appointment requests: checking what patients type, saving, notifying, exporting.

Used by the form actions (actions/appointments.py), the staff console and the
command line:

    python -m itb.appointments list [--status new]
    python -m itb.appointments export requests.csv
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import logging
import re
import secrets
import smtplib
import sys
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Dict, Iterable, List, Optional, Tuple

import phonenumbers
from sqlalchemy.exc import IntegrityError

from itb import db, settings

logger = logging.getLogger(__name__)

MAX_NAME_CHARS = 100
MAX_TIMES_CHARS = 500
MAX_NOTE_CHARS = 1000
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L
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


# Words around a number that say what it is ("my cell is ...", "mi cel es ...").
PHONE_WORDS = re.compile(
    r"(?i)\b(?:my|the|is|it'?s|its|number|phone|cell|mobile|home|work|mi|su|es|el|de|del|numero|n[uú]mero|"
    r"tel|tel[eé]fono|telefono|cel|celular|m[oó]vil|movil|casa|trabajo|thanks|please|gracias|por favor)\b[.:,]?"
)


def check_phone(text: Any, region: str = "US") -> Tuple[Optional[str], Optional[str]]:
    """(E.164 number, None) for a valid phone number, else (None, problem)."""
    raw = clean(text)
    if raw and sum(ch.isdigit() for ch in raw) >= 7:
        raw = clean(PHONE_WORDS.sub(" ", raw)).strip(" :,.-")
    if not raw or len(raw) > 40:
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


def pretty_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


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


# --------------------------------------------------------------- saving
@dataclass(frozen=True)
class Saved:
    reference: str
    created: bool


def new_reference() -> str:
    return "ITB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def save_request(fields: Dict[str, Any], idempotency_key: str, url: Optional[str] = None) -> Saved:
    """Store a confirmed request once. A repeat with the same key returns the first row."""
    for _ in range(5):
        try:
            with db.session(url) as session:
                existing = (
                    session.query(db.AppointmentRequest)
                    .filter_by(idempotency_key=idempotency_key)
                    .one_or_none()
                )
                if existing is not None:
                    return Saved(existing.reference, False)
                row = db.AppointmentRequest(
                    reference=new_reference(), idempotency_key=idempotency_key, **fields
                )
                session.add(row)
                session.flush()
                reference = row.reference
            return Saved(reference, True)
        except IntegrityError:
            continue  # the same key saved concurrently, or a reference clash: look again
    raise RuntimeError("could not store the appointment request")


def notify_staff(reference: str, reason: str, channel: str) -> bool:
    """E-mail the clinic about a new request, if SMTP is configured.

    The e-mail carries no health information: only the reference, the kind
    of visit and the channel. Staff open the console for the details.
    """
    smtp = settings.smtp()
    if not smtp.host or not smtp.to:
        return False
    message = EmailMessage()
    message["Subject"] = f"New appointment request {reference}"
    message["From"] = smtp.sender
    message["To"] = smtp.to
    message.set_content(
        f"A new appointment request ({reference}) came in through the assistant ({channel}).\n"
        f"Visit type: {REASON_LABELS.get(reason, reason)}.\n"
        "Open the staff console to see the details and call the patient back.\n"
    )
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=10) as client:
            if smtp.starttls:
                client.starttls()
            if smtp.username:
                client.login(smtp.username, smtp.password)
            client.send_message(message)
        return True
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("could not e-mail staff about %s (%s)", reference, type(exc).__name__)
        return False


# ---------------------------------------------------------- command line
EXPORT_COLUMNS = [
    "reference", "status", "created_at", "channel", "full_name", "phone", "reason",
    "preferred_times", "preferred_times_parsed", "may_text", "note", "conversation_id",
    "updated_at", "status_changed_by",
]


def rows(status: Optional[str] = None, url: Optional[str] = None) -> List[Dict[str, Any]]:
    with db.session(url) as session:
        query = session.query(db.AppointmentRequest).order_by(db.AppointmentRequest.created_at.desc())
        if status:
            query = query.filter_by(status=status)
        return [{column: getattr(row, column) for column in EXPORT_COLUMNS} for row in query]


def _csv_safe(value: Any) -> Any:
    """Keep spreadsheet apps from running patient text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(path: str, status: Optional[str] = None, url: Optional[str] = None) -> int:
    data = rows(status, url)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for row in data:
            writer.writerow({key: _csv_safe(value) for key, value in row.items()})
    return len(data)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m itb.appointments", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list requests, newest first")
    listing.add_argument("--status", choices=db.APPOINTMENT_STATUSES)
    export = commands.add_parser("export", help="write requests to a CSV file")
    export.add_argument("path")
    export.add_argument("--status", choices=db.APPOINTMENT_STATUSES)
    args = parser.parse_args(argv)
    if args.command == "list":
        data = rows(args.status)
        for row in data:
            print(
                f"{row['reference']}  {row['status']:<9}  {row['created_at']:%Y-%m-%d %H:%M}  "
                f"{row['channel']:<4}  {REASON_LABELS.get(row['reason'], row['reason']):<24}  "
                f"{row['full_name']}  {pretty_phone(row['phone'])}"
            )
        print(f"{len(data)} request(s)")
    else:
        count = export_csv(args.path, args.status)
        print(f"Wrote {count} request(s) to {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
