"""The project's own database: every table, the engine and sessions.

Rasa keeps conversations in its own tracker store; everything else the clinic
stores lives here: appointment requests, SMS opt-outs and processed SMS
messages, the staff console's accounts, audit log and review data, and the
clinic's edits of answers. The actions, the SMS channel and the staff console
all import this module. The schema is created and changed only by the Alembic migrations in
`migrations/` (`python -m itb.db upgrade`, run by `make run` and the tests).
"""
from __future__ import annotations

import datetime as dt
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from itb import settings

ROOT = Path(__file__).resolve().parent.parent
Base: Any = declarative_base()  # SQLAlchemy 1.4 has no typed declarative base

# "withdrawn": the patient asked to be forgotten after staff had acted on the
# request (FORGET_ACTED_REQUESTS=withdraw; console/privacy.py).
APPOINTMENT_STATUSES = ("new", "contacted", "scheduled", "closed", "withdrawn")
APPOINTMENT_REASONS = ("trial", "consult", "refill", "other")
# The conversation's language (the Rasa slot `language`; unset = English), kept
# on the console's index, each patient message, NLU corrections and content edits.
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


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
    # received, answered, failed, opted_out (not answered: the number opted out)
    status = Column(String(16), nullable=False, default="received")
    received_at = Column(DateTime, nullable=False, default=utcnow, index=True)


class SmsConversation(Base):
    """Per phone number: what the SMS channel offered last (numbered options
    and the rest of a long reply for "MORE"). A row exists once the number
    has been told that it texts an automated assistant."""

    __tablename__ = "sms_conversations"

    phone = Column(String(20), primary_key=True)  # E.164
    options = Column(Text, nullable=True)  # JSON list of {"title", "payload"}, numbered from 1
    # JSON {"pages": [...], "options": [...]}: the rest of a long reply, sent on "MORE"
    pending = Column(Text, nullable=True)
    language = Column(String(8), nullable=True)  # "en" or "es": the language of the last reply
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


# --------------------------------------------------------------------------
# Staff console (console/): staff accounts, sessions, the audit log, the
# console's searchable index of Rasa's tracker store, and what reviewers add
# (tags, notes, reviews, NLU corrections). The index tables are derived from
# the tracker store and can be rebuilt; everything else is entered by staff.

STAFF_ROLES = ("admin", "reviewer", "clinician")


class StaffUser(Base):
    """A person who may log in to the staff console. Never deleted, only disabled."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)  # argon2id
    role = Column(String(16), nullable=False)  # one of STAFF_ROLES
    active = Column(Boolean, nullable=False, default=True)
    created_by = Column(String(100), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    last_login_at = Column(DateTime, nullable=True)


class StaffSession(Base):
    """A logged-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "staff_sessions"

    id = Column(String(64), primary_key=True)  # sha256 hex of the cookie token
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    reveals = Column(Text, nullable=True)  # JSON {"conversation:12": expiry epoch, ...}
    ip = Column(String(64), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen_at = Column(DateTime, nullable=False, default=utcnow, index=True)


class AuditLog(Base):
    """Append-only record of who viewed, searched, exported, revealed, changed or purged what.

    The migration adds triggers that refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_action_at", "action", "at"),)

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    user_id = Column(Integer, nullable=True)
    username = Column(String(100), nullable=True)
    role = Column(String(16), nullable=True)
    action = Column(String(64), nullable=False)
    target_type = Column(String(32), nullable=True)
    target_id = Column(String(128), nullable=True)
    detail = Column(Text, nullable=True)  # JSON, never message text
    ip = Column(String(64), nullable=True)


class ConversationIndex(Base):
    """One row per Rasa conversation (sender id), summarised from the tracker store."""

    __tablename__ = "conversation_index"
    __table_args__ = (
        Index("ix_conversation_index_started", "started_at", "id"),
        Index("ix_conversation_index_channel_started", "channel", "started_at"),
        Index("ix_conversation_index_language_started", "language", "started_at", "id"),
    )

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, unique=True)
    channel = Column(String(16), nullable=False, default="web")  # web, sms
    started_at = Column(DateTime, nullable=False)
    last_event_at = Column(DateTime, nullable=False, index=True)
    last_event_id = Column(Integer, nullable=False)
    user_turns = Column(Integer, nullable=False, default=0)
    bot_turns = Column(Integer, nullable=False, default=0)
    first_user_event_id = Column(Integer, nullable=True)  # text stays in the tracker store
    min_confidence = Column(Float, nullable=True)
    has_emergency = Column(Boolean, nullable=False, default=False)
    has_fallback = Column(Boolean, nullable=False, default=False)
    has_handoff = Column(Boolean, nullable=False, default=False)
    has_appointment = Column(Boolean, nullable=False, default=False)
    indexed_at = Column(DateTime, nullable=False, default=utcnow)
    # the last value of the `language` slot in the conversation's events (none: English)
    language = Column(String(8), nullable=False, default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)


class ConversationTerm(Base):
    """Search index: each distinct word a patient wrote in a conversation, case-folded
    and without accents ("riñón" is kept as "rinon"; console/indexer.py words())."""

    __tablename__ = "conversation_terms"
    # (term, conversation): which conversations contain a word; (conversation, term): does this one
    __table_args__ = (Index("ix_conversation_terms_conversation_term", "conversation_id", "term"),)

    term = Column(String(64), primary_key=True)
    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), primary_key=True
    )


class ConversationTurn(Base):
    """Each patient message: when, the predicted intent and its confidence (no text)."""

    __tablename__ = "conversation_turns"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), nullable=False, index=True
    )
    event_id = Column(Integer, nullable=False, index=True)  # events.id in the tracker store
    at = Column(DateTime, nullable=False, index=True)
    intent = Column(String(255), nullable=True, index=True)
    confidence = Column(Float, nullable=True, index=True)
    in_form = Column(Boolean, nullable=False, default=False)  # an answer to a form question
    # the message's language: its `language` entity, else the conversation's at that moment
    language = Column(String(8), nullable=False, default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)


class ConversationTag(Base):
    __tablename__ = "conversation_tags"

    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), primary_key=True
    )
    tag = Column(String(40), primary_key=True, index=True)
    added_by = Column(String(100), nullable=False)
    added_at = Column(DateTime, nullable=False, default=utcnow)


class ConversationNote(Base):
    """A private staff note on a conversation (never shown to the patient)."""

    __tablename__ = "conversation_notes"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author = Column(String(100), nullable=False)
    body = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ConversationReview(Base):
    __tablename__ = "conversation_reviews"

    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), primary_key=True
    )
    reviewed_by = Column(String(100), nullable=False)
    reviewed_at = Column(DateTime, nullable=False, default=utcnow)


class NluCorrection(Base):
    """A reviewer's label for a low-confidence or fallback message (the training inbox)."""

    __tablename__ = "nlu_corrections"
    __table_args__ = (UniqueConstraint("conversation_id", "event_id", name="uq_nlu_correction_message"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(
        Integer, ForeignKey("conversation_index.id", ondelete="CASCADE"), nullable=False, index=True
    )
    event_id = Column(Integer, nullable=False, index=True)
    predicted_intent = Column(String(255), nullable=True)
    predicted_confidence = Column(Float, nullable=True)
    status = Column(String(16), nullable=False)  # labelled, out_of_scope, skipped
    intent = Column(String(255), nullable=True)
    example_text = Column(Text, nullable=True)  # as reviewed: names and numbers masked
    reviewed_by = Column(String(100), nullable=False)
    reviewed_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    exported_at = Column(DateTime, nullable=True)
    language = Column(String(8), nullable=False, default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)


class AppointmentStatusChange(Base):
    """History of an appointment request's status: who changed it, from what, when."""

    __tablename__ = "appointment_status_changes"

    id = Column(Integer, primary_key=True)
    request_id = Column(
        Integer, ForeignKey("appointment_requests.id", ondelete="CASCADE"), nullable=False, index=True
    )
    from_status = Column(String(16), nullable=False)
    to_status = Column(String(16), nullable=False)
    changed_by = Column(String(100), nullable=False)
    changed_at = Column(DateTime, nullable=False, default=utcnow)


class ConsoleSetting(Base):
    """Settings an admin changed in the console (defaults come from the environment)."""

    __tablename__ = "console_settings"

    key = Column(String(64), primary_key=True)
    value = Column(String(255), nullable=False)
    updated_by = Column(String(100), nullable=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class ConsoleSyncState(Base):
    """How far the console has indexed the tracker store (events.id watermark)."""

    __tablename__ = "console_sync_state"

    key = Column(String(64), primary_key=True)
    value = Column(String(255), nullable=False)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class AnswerFeedback(Base):
    """A patient's "Helpful? Yes / No" on one answer in the web chat (channels/webchat.py).

    `conversation_id` is the tracker's sender id and `message_id` the widget's id
    of the rated bot message (`<user message id>.<n>`); one vote per answer: a
    repeated vote updates the row. `answer` is the response's name from the
    tracker's BotUttered event (`utter_action`), never from the client.
    """

    __tablename__ = "answer_feedback"
    __table_args__ = (UniqueConstraint("conversation_id", "message_id", name="uq_answer_feedback_message"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    message_id = Column(String(80), nullable=False)
    answer = Column(String(255), nullable=False, index=True)
    helpful = Column(Boolean, nullable=False)
    comment = Column(Text, nullable=True)  # the patient's words: masked wherever staff see it
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)


# --------------------------------------------------------------------------
# Content the clinic owns (console/content.py, the console's Content page): an
# edit of an answer's text and sources, proposed by one staff member and
# approved or rejected by a second clinician. The running assistant serves the
# approved edit instead of domain.yml's text (itb/content/overrides.py).

# proposed: waiting for a clinician; approved: live; rejected: refused;
# superseded: a newer proposal replaced it (while waiting), or a newer approved
# edit of the same answer replaced it (while live).
CONTENT_EDIT_STATUSES = ("proposed", "approved", "rejected", "superseded")


class ContentEdit(Base):
    """A proposed, approved, rejected or superseded edit of one answer in one language.

    Two partial unique indexes (SQLite and PostgreSQL) keep, per answer and
    language, at most one edit waiting and at most one edit live: a second
    approval of the same answer cannot be stored, even by two clinicians at the
    same moment. The English and the Spanish text of an answer are edited and
    approved separately (itb/content/overrides.py files a Spanish edit as "name@es").
    """

    __tablename__ = "content_edits"
    __table_args__ = (
        CheckConstraint(
            "status IN ('proposed', 'approved', 'rejected', 'superseded')", name="ck_content_edits_status"
        ),
        Index("uq_content_edits_one_pending", "answer", "language", unique=True,
              sqlite_where=text("status = 'proposed'"), postgresql_where=text("status = 'proposed'")),
        Index("uq_content_edits_one_live", "answer", "language", unique=True,
              sqlite_where=text("status = 'approved'"), postgresql_where=text("status = 'approved'")),
        Index("ix_content_edits_status_answer", "status", "answer"),
    )

    id = Column(Integer, primary_key=True)
    answer = Column(String(255), nullable=False)  # the response's name in domain.yml, e.g. utter_ask_pump_refill
    text = Column(Text, nullable=False)  # plain text as typed (escaped wherever it is shown)
    sources = Column(Text, nullable=False)  # JSON list of source ids from content/sources.yml
    base_version = Column(String(16), nullable=False)  # the version it edits (review.version_of)
    proposed_by = Column(Integer, ForeignKey("staff_users.id"), nullable=False)
    proposed_at = Column(DateTime, nullable=False, default=utcnow)
    status = Column(String(16), nullable=False, default="proposed")
    decided_by = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    decided_at = Column(DateTime, nullable=True)
    # "en" edits the default text, "es" the Spanish variation (condition: the `language` slot is es)
    language = Column(String(8), nullable=False, default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)


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
