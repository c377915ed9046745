"""The project's own database: every table, the engine and sessions.

Rasa keeps conversations in its own tracker store; everything else the clinic
stores lives here: appointment requests, SMS opt-outs and processed SMS
messages. The actions, the SMS channel and the staff console all import this
module. The schema is created and changed only by the Alembic migrations in
`migrations/` (`python -m itb.db upgrade`, run by `make run` and the tests).
"""
from __future__ import annotations

import datetime as dt
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from itb import settings

ROOT = Path(__file__).resolve().parent.parent
Base = declarative_base()

APPOINTMENT_STATUSES = ("new", "contacted", "scheduled", "closed")
APPOINTMENT_REASONS = ("trial", "consult", "refill", "other")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class AppointmentRequest(Base):
    """A patient's request to be called back for an appointment."""

    __tablename__ = "appointment_requests"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_appointment_idempotency"),)

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True)
    # conversation id + form run: a retried or repeated save finds the same row
    idempotency_key = Column(String(300), nullable=False)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="web")
    full_name = Column(String(200), nullable=False)
    phone = Column(String(20), nullable=False)  # E.164
    reason = Column(String(20), nullable=False)
    preferred_times = Column(Text, nullable=False)  # the patient's words, verbatim
    preferred_times_parsed = Column(Text, nullable=True)  # JSON list of recognised dates/times
    may_text = Column(Boolean, nullable=False, default=False)
    note = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="new", index=True)
    status_changed_by = Column(String(100), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class SmsOptOut(Base):
    """A phone number that texted STOP (and START to opt back in)."""

    __tablename__ = "sms_opt_outs"

    phone = Column(String(20), primary_key=True)  # E.164
    opted_out = Column(Boolean, nullable=False, default=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class SmsMessage(Base):
    """Each incoming SMS by Twilio MessageSid, with the reply that was sent."""

    __tablename__ = "sms_messages"

    message_sid = Column(String(64), primary_key=True)
    phone = Column(String(20), nullable=False, index=True)
    body = Column(Text, nullable=False)
    reply = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="received")  # received, answered, failed
    received_at = Column(DateTime, nullable=False, default=utcnow, index=True)


@lru_cache(maxsize=8)
def engine(url: Optional[str] = None) -> Engine:
    url = url or settings.database_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(url, future=True, connect_args={"timeout": 15})
    return create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


@lru_cache(maxsize=8)
def _session_factory(url: Optional[str]) -> sessionmaker:
    return sessionmaker(bind=engine(url), future=True, expire_on_commit=False)


@contextmanager
def session(url: Optional[str] = None) -> Iterator[Session]:
    """A transaction: committed on success, rolled back on any error."""
    db = _session_factory(url)()
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()


def upgrade(url: Optional[str] = None) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    config.set_main_option("sqlalchemy.url", (url or settings.database_url()).replace("%", "%%"))
    command.upgrade(config, "head")


if __name__ == "__main__":
    if sys.argv[1:] == ["upgrade"]:
        upgrade()
        print("Database schema is up to date.")
    else:
        print("usage: python -m itb.db upgrade", file=sys.stderr)
        sys.exit(2)
