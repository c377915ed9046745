"""Storing confirmed appointment requests (once per form run) and reading them
back for the command line's list and CSV export."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy.exc import IntegrityError

from itb import csv_export, db

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L


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


def export_csv(path: str, status: Optional[str] = None, url: Optional[str] = None) -> int:
    data = rows(status, url)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv_export.write(handle, EXPORT_COLUMNS, ([row[column] for column in EXPORT_COLUMNS] for row in data))
    return len(data)
