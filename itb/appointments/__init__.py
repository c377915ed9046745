"""Appointment requests: checking what patients type, saving, notifying, exporting.

Used by the form actions (actions/appointments.py), the staff console and the
command line. One concern a module:

* parse.py: reading the form's answers (names, numbers, kinds of visit, times);
* store.py: saving a confirmed request once, listing and exporting requests;
* mail.py: the e-mail to staff about a new request;
* __main__.py: the command line,

    python -m itb.appointments list [--status new]
    python -m itb.appointments export requests.csv

Phone numbers are read in itb/phone.py. The names below stay importable from
`itb.appointments` for older code; new code imports them from their module.
"""
from __future__ import annotations

from itb.appointments.mail import notify_staff
from itb.appointments.parse import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_TIMES_CHARS,
    REASON_LABELS,
    REASONS,
    REASONS_ES,
    check_name,
    check_phone,
    check_reason,
    check_times,
    clean,
    plain,
    pretty_phone,
)
from itb.appointments.store import (
    EXPORT_COLUMNS,
    REFERENCE_ALPHABET,
    Saved,
    export_csv,
    new_reference,
    rows,
    save_request,
)

__all__ = [
    "EXPORT_COLUMNS", "MAX_NAME_CHARS", "MAX_NOTE_CHARS", "MAX_TIMES_CHARS", "REASONS", "REASONS_ES",
    "REASON_LABELS", "REFERENCE_ALPHABET", "Saved", "check_name", "check_phone", "check_reason",
    "check_times", "clean", "export_csv", "new_reference", "notify_staff", "plain", "pretty_phone",
    "rows", "save_request",
]
