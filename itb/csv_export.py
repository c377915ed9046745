"""CSV files for spreadsheets: the one writer behind every export (appointment
requests from the command line, the staff console's conversations, requests
and audit log). Cells a spreadsheet would run as a formula are defused."""
from __future__ import annotations

import csv
import io
from typing import IO, Any, Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """The header, then each row with its cells defused; lines end in CRLF (RFC 4180)."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])


def to_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    write(buffer, header, rows)
    return buffer.getvalue()
