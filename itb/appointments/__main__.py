"""Appointment requests: checking what patients type, saving, notifying, exporting.

Used by the form actions (actions/appointments.py), the staff console and the
command line:

    python -m itb.appointments list [--status new]
    python -m itb.appointments export requests.csv
"""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from itb import db
from itb.appointments.parse import REASON_LABELS
from itb.appointments.store import export_csv, rows
from itb.phone import pretty as pretty_phone

DESCRIPTION = __doc__


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m itb.appointments", description=DESCRIPTION)
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
