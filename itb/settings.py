"""Settings, read once from the environment (and `.env` via python-dotenv).

Every process (Rasa server components, action server, channels, console) reads
its configuration from here, so a value has exactly one name and one default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent.parent
load_dotenv(ROOT / ".env", override=False)


def _get(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    hours: str
    address: str


def clinic() -> Clinic:
    return Clinic(
        name=_get("CLINIC_NAME", "the Pain Clinic"),
        phone=_get("CLINIC_PHONE", "800.775.PAIN (7246)"),
        hours=_get("CLINIC_HOURS", "Monday to Friday, 8 am to 5 pm"),
        address=_get("CLINIC_ADDRESS", ""),
    )


def database_url() -> str:
    """The project's own tables (appointments, SMS opt-outs, console).

    SQLite under var/ by default; PostgreSQL (or any SQLAlchemy URL) by setting
    DATABASE_URL, e.g. postgresql://user:pass@127.0.0.1:5432/itb.
    """
    default = f"sqlite:///{ROOT / 'var' / 'itb.db'}"
    return _get("DATABASE_URL", default)
