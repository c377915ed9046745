"""What the SMS channel keeps in the project's database (tables in itb/db.py).

* `sms_messages`: every incoming message by Twilio MessageSid with the reply
  that was sent, so a retried webhook is answered with the first reply and
  never starts a second turn;
* `sms_opt_outs`: numbers that texted STOP (durable: the bot sends nothing to
  them until START);
* `sms_conversations`: per number, the numbered options offered last and the
  pages of a long reply still to send on "MORE" (with the options its last
  page offers: they count as offered once that page is sent).

While a process answers a message it holds a PostgreSQL advisory lock named
after the MessageSid (`hold`). PostgreSQL drops the lock the moment that
process or its connection dies, so a Twilio retry can tell a message that is
still being answered (wait for its reply) from one whose answer died with a
crashed replica (answer it now). SQLite has no such locks: there, one process
answers everything, and a message still unanswered after a while is taken over.

Plain synchronous functions: the channel runs them in a worker thread.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from itb import db


@dataclass(frozen=True)
class Known:
    """A MessageSid seen before (a Twilio retry or a replay)."""

    status: str
    reply: Optional[str]
    received_at: dt.datetime


@dataclass(frozen=True)
class State:
    """What the channel knows about a number before answering it."""

    opted_out: bool
    introduced: bool  # told that it texts an automated assistant and how to stop
    options: List[Dict[str, str]] = field(default_factory=list)
    pending: Optional["Pending"] = None
    language: Optional[str] = None  # of the last reply ("en", "es"), None before the first


@dataclass(frozen=True)
class Pending:
    """The rest of a long reply: pages still to send, and the options it offers."""

    pages: List[str]
    options: List[Dict[str, str]] = field(default_factory=list)

    def dumps(self) -> Optional[str]:
        if not self.pages:
            return None
        return json.dumps({"pages": self.pages, "options": self.options}, ensure_ascii=False)

    @classmethod
    def loads(cls, value: Optional[str]) -> Optional["Pending"]:
        loaded = _loads(value, dict)
        pages = [page for page in loaded.get("pages") or [] if isinstance(page, str)]
        options = [option for option in loaded.get("options") or [] if isinstance(option, dict)]
        return cls(pages, options) if pages else None


def _loads(value: Optional[str], kind: type = list) -> Any:
    if not value:
        return kind()
    try:
        loaded = json.loads(value)
    except ValueError:
        return kind()
    return loaded if isinstance(loaded, kind) else kind()


LOCK_NAMESPACE = 7246  # the first key of the advisory locks on MessageSids


@dataclass
class Hold:
    """The right to answer one message, held until `release`.

    `exclusive`: PostgreSQL's advisory lock backs it (no other live process
    holds it); else the database has no such locks (SQLite)."""

    connection: Optional[Connection] = None
    sid: str = ""

    @property
    def exclusive(self) -> bool:
        return self.connection is not None

    def release(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.execute(
                text("SELECT pg_advisory_unlock(:ns, hashtext(:sid))"), {"ns": LOCK_NAMESPACE, "sid": self.sid}
            )
        finally:
            self.connection.close()
            self.connection = None


@lru_cache(maxsize=8)
def _lock_engine(url: str) -> Engine:
    # Its own connection per held message, closed after: never shared via a pool.
    return create_engine(url, future=True, poolclass=NullPool)


def hold(sid: str, wait: float, url: Optional[str] = None) -> Optional[Hold]:
    """Take the message's lock, waiting up to `wait` seconds. None: a live
    process is still answering it."""
    from itb import settings

    url = url or settings.database_url()
    if not url.startswith("postgresql"):
        return Hold()
    connection = _lock_engine(url).connect()
    deadline = time.monotonic() + wait
    try:
        while True:
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:ns, hashtext(:sid))"), {"ns": LOCK_NAMESPACE, "sid": sid}
            ).scalar()
            connection.commit()  # a session lock: no transaction left open
            if got:
                return Hold(connection, sid)
            if time.monotonic() >= deadline:
                connection.close()
                return None
            time.sleep(0.05)
    except Exception:
        connection.close()
        raise


def claim(sid: str, phone: str, body: str, url: Optional[str] = None) -> Optional[Known]:
    """Save an incoming message. None if it is new, else what is known about it."""
    try:
        with db.session(url) as session:
            session.add(db.SmsMessage(message_sid=sid, phone=phone, body=body, status="received"))
        return None
    except IntegrityError:
        pass
    with db.session(url) as session:
        row = session.get(db.SmsMessage, sid)
        if row is None:  # deleted in between: cannot happen in normal use
            raise LookupError("message vanished")
        return Known(row.status, row.reply, row.received_at)


# A message being answered: first by the request that saved it, or again by a
# retry after that request's process died (take_over).
IN_PROGRESS = ("received", "retaken")


def take_over(sid: str, url: Optional[str] = None) -> bool:
    """Claim a message whose first answer never finished; True for one caller only."""
    from sqlalchemy import update

    with db.session(url) as session:
        result = session.execute(
            update(db.SmsMessage)
            .where(db.SmsMessage.message_sid == sid, db.SmsMessage.status.in_(IN_PROGRESS))
            .values(status="retaken")
        )
        return bool(result.rowcount == 1)


def wait_for_reply(sid: str, timeout: float, url: Optional[str] = None) -> Known:
    """The stored outcome of a message another request is still answering."""
    deadline = time.monotonic() + timeout
    while True:
        with db.session(url) as session:
            row = session.get(db.SmsMessage, sid)
            known = Known(row.status, row.reply, row.received_at)
        if known.status not in IN_PROGRESS or time.monotonic() >= deadline:
            return known
        time.sleep(0.1)


def finish(sid: str, reply: str, status: str, url: Optional[str] = None) -> None:
    with db.session(url) as session:
        row = session.get(db.SmsMessage, sid)
        if row is not None:
            row.reply = reply
            row.status = status


def state(phone: str, url: Optional[str] = None) -> State:
    with db.session(url) as session:
        opt_out = session.get(db.SmsOptOut, phone)
        conversation = session.get(db.SmsConversation, phone)
        return State(
            opted_out=bool(opt_out and opt_out.opted_out),
            introduced=conversation is not None,
            options=_loads(conversation.options) if conversation else [],
            pending=Pending.loads(conversation.pending) if conversation else None,
            language=conversation.language if conversation else None,
        )


def set_opted_out(phone: str, opted_out: bool, url: Optional[str] = None) -> None:
    """Record STOP (True) or START (False); STOP also forgets options and pages."""
    with db.session(url) as session:
        row = session.get(db.SmsOptOut, phone)
        if row is None:
            session.add(db.SmsOptOut(phone=phone, opted_out=opted_out))
        else:
            row.opted_out = opted_out
            row.updated_at = db.utcnow()
        conversation = session.get(db.SmsConversation, phone)
        if opted_out and conversation is not None:
            conversation.options = None
            conversation.pending = None


_KEEP: list = []


def save_conversation(
    phone: str,
    options: Optional[List[Dict[str, str]]] = _KEEP,
    pending: Optional[Pending] = _KEEP,  # type: ignore[assignment]
    url: Optional[str] = None,
    language: Optional[str] = None,
) -> None:
    """Create or update a number's row; an argument left out keeps its value."""
    with db.session(url) as session:
        row = session.get(db.SmsConversation, phone)
        if row is None:
            row = db.SmsConversation(phone=phone)
            session.add(row)
        if options is not _KEEP:
            row.options = json.dumps(options, ensure_ascii=False) if options else None
        if pending is not _KEEP:
            row.pending = pending.dumps() if pending else None
        if language:
            row.language = language
        row.updated_at = db.utcnow()
