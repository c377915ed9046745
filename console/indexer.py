"""Keeps the console's index of the tracker store up to date.

Rasa stores one row per event and cannot list conversations, so the console
keeps, in the project database, one summary row per conversation
(conversation_index, with its language: the last `language` slot the bot set,
English when none), one row per patient message with its predicted intent,
confidence and language (conversation_turns, no text) and the distinct words
each patient wrote (conversation_terms, for search: case-folded and without
accents, so "rinon" finds "riñón" and "pánico" finds "panico"). Message text
itself stays in the tracker store and is read from there when a page shows it.

`sync()` looks at events newer than a watermark (minus an overlap, so that a
transaction that committed late is not missed), recomputes each changed
conversation from all its events, and writes the summaries in batches.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import and_, bindparam, case, delete, func, insert, or_, select, text
from sqlalchemy.exc import IntegrityError

from console import tracker
from itb import db, phone

logger = logging.getLogger(__name__)

OVERLAP = 2000  # re-check this many event ids below the watermark
BATCH = 250  # conversations per transaction
ANALYZE_AFTER = 5000  # refresh the planner's statistics after indexing this many at once

SMS_CHANNELS = {"sms", "twilio"}

EMERGENCY_INTENTS = {"emergency", "emergency_self_harm"}
EMERGENCY_ACTIONS = {"utter_emergency", "utter_emergency_self_harm"}
FALLBACK_INTENTS = {"nlu_fallback"}
FALLBACK_ACTIONS = {"utter_default", "action_default_fallback", "action_not_sure"}
HANDOFF_INTENTS = {"request_human"}
HANDOFF_ACTIONS = {"utter_request_human"}
APPOINTMENT_INTENTS = {"request_appointment"}

# Very common English and Spanish words (written without accents, as words() compares them).
STOPWORDS = frozenset(
    "a an and are as at be but by can do does for from has have how if in is it its me my "
    "of on or so that the this to was what when where which who why will with you your "
    "al como con de del el en es la las le les lo los mi mis para por que se su sus un una unos unas".split()
)
WORD = re.compile(r"[^\W_]+")
MAX_TERM = 64
LANGUAGE_SLOT = "language"


def fold(text: str) -> str:
    """Case-folded, without accents or other combining marks ("Riñón" -> "rinon")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold()


def words(text: str) -> List[str]:
    """The searchable words of a text: folded (see fold), without very common words.
    The index and the search box both go through this, so accents never matter."""
    return [w[:MAX_TERM] for w in WORD.findall(fold(text)) if len(w) >= 2 and w not in STOPWORDS]


def language_value(value: Any) -> Optional[str]:
    """A known language code ("en", "es"), else None (unset, or a value the console does not know)."""
    return value if isinstance(value, str) and value in db.LANGUAGES else None


def message_language(parse_data: Dict[str, Any]) -> Optional[str]:
    """The `language` entity of a message (itb/language: the language it is written in)."""
    for entity in parse_data.get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity") == LANGUAGE_SLOT:
            found = language_value(entity.get("value"))
            if found:
                return found
    return None


def to_datetime(timestamp: Optional[float]) -> dt.datetime:
    """An epoch timestamp as naive UTC (the convention of itb.db)."""
    return dt.datetime.fromtimestamp(float(timestamp or 0), dt.timezone.utc).replace(tzinfo=None)


def is_handoff_action(name: str) -> bool:
    return name in HANDOFF_ACTIONS or "handoff" in name


def is_appointment_action(name: str) -> bool:
    return "appointment" in name


@dataclass
class Summary:
    sender_id: str
    channel: str = "web"
    started_at: Optional[dt.datetime] = None
    last_event_at: Optional[dt.datetime] = None
    last_event_id: int = 0
    user_turns: int = 0
    bot_turns: int = 0
    first_user_event_id: Optional[int] = None
    min_confidence: Optional[float] = None
    has_emergency: bool = False
    has_fallback: bool = False
    has_handoff: bool = False
    has_appointment: bool = False
    language: str = db.DEFAULT_LANGUAGE
    turns: List[Tuple[int, dt.datetime, Optional[str], Optional[float], bool, str]] = field(default_factory=list)
    terms: Set[str] = field(default_factory=set)

    def values(self) -> Dict[str, Any]:
        return {
            "sender_id": self.sender_id,
            "channel": self.channel,
            "started_at": self.started_at,
            "last_event_at": self.last_event_at,
            "last_event_id": self.last_event_id,
            "user_turns": self.user_turns,
            "bot_turns": self.bot_turns,
            "first_user_event_id": self.first_user_event_id,
            "min_confidence": self.min_confidence,
            "has_emergency": self.has_emergency,
            "has_fallback": self.has_fallback,
            "has_handoff": self.has_handoff,
            "has_appointment": self.has_appointment,
            "language": self.language,
            "indexed_at": db.utcnow(),
        }


def channel_of(input_channel: Optional[str], sender_id: str) -> str:
    if input_channel and input_channel.lower() in SMS_CHANNELS:
        return "sms"
    if not input_channel and phone.E164.match(sender_id or ""):
        return "sms"
    return "web"


def summarise(sender_id: str, rows: Sequence[Any]) -> Summary:
    """One conversation's summary from its event rows (id order)."""
    summary = Summary(sender_id=sender_id)
    input_channel: Optional[str] = None
    in_form = False  # answers to a form's questions are not intent predictions to review
    slot_language: Optional[str] = None  # the `language` slot so far (None: unset, English)
    for row in rows:
        at = to_datetime(row.timestamp)
        if summary.started_at is None or at < summary.started_at:
            summary.started_at = at
        if summary.last_event_at is None or at > summary.last_event_at:
            summary.last_event_at = at
        summary.last_event_id = max(summary.last_event_id, row.id)
        kind = row.type_name
        if kind == "user":
            data = tracker.load(row.data)
            summary.user_turns += 1
            if summary.first_user_event_id is None:
                summary.first_user_event_id = row.id
            parse = data.get("parse_data") or {}
            intent = parse.get("intent") or {}
            name = intent.get("name") or row.intent_name
            confidence = intent.get("confidence")
            confidence = float(confidence) if isinstance(confidence, (int, float)) else None
            # the slot is set just after the message that tells its language; one that tells
            # nothing ("ok", a name) is in the conversation's language
            language = message_language(parse) or slot_language or db.DEFAULT_LANGUAGE
            summary.turns.append((row.id, at, name, confidence, in_form, language))
            if confidence is not None and not in_form:
                summary.min_confidence = (
                    confidence if summary.min_confidence is None else min(summary.min_confidence, confidence)
                )
            if name in EMERGENCY_INTENTS:
                summary.has_emergency = True
            if name in FALLBACK_INTENTS:
                summary.has_fallback = True
            if name in HANDOFF_INTENTS:
                summary.has_handoff = True
            if name in APPOINTMENT_INTENTS:
                summary.has_appointment = True
            if input_channel is None and data.get("input_channel"):
                input_channel = str(data["input_channel"])
            text = data.get("text") or ""
            if not text.startswith("/"):  # a button's payload is not the patient's words
                summary.terms.update(words(text))
        elif kind == "bot":
            summary.bot_turns += 1
        elif kind == "action":
            name = row.action_name or ""
            if name in EMERGENCY_ACTIONS:
                summary.has_emergency = True
            if name in FALLBACK_ACTIONS:
                summary.has_fallback = True
            if is_handoff_action(name):
                summary.has_handoff = True
            if is_appointment_action(name):
                summary.has_appointment = True
        elif kind == "active_loop":
            in_form = bool(row.action_name)
            if is_appointment_action(row.action_name or ""):
                summary.has_appointment = True
        elif kind == "slot" and row.action_name == LANGUAGE_SLOT:  # Rasa stores the slot's name there
            slot_language = language_value(tracker.load(row.data).get("value"))
    summary.channel = channel_of(input_channel, sender_id)
    summary.language = slot_language or db.DEFAULT_LANGUAGE
    if summary.started_at is None:
        summary.started_at = summary.last_event_at = db.utcnow()
    return summary


class Indexer:
    """Syncs one tracker store into one project database. Thread-safe."""

    def __init__(self, database_url: str, tracker_url: str) -> None:
        self.database_url = database_url
        self.tracker_url = tracker_url
        self.key = "events:" + hashlib.sha256(tracker_url.encode()).hexdigest()[:16]
        self._lock = threading.Lock()

    def watermark(self) -> int:
        with db.session(self.database_url) as session:
            row = session.get(db.ConsoleSyncState, self.key)
            return int(row.value) if row else 0

    def _set_watermark(self, session: Any, value: int, force: bool = False) -> None:
        row = session.get(db.ConsoleSyncState, self.key)
        if row is None:
            session.add(db.ConsoleSyncState(key=self.key, value=str(value)))
        elif force or int(row.value) < value:
            row.value = str(value)

    def sync(self, blocking: bool = True, limit: Optional[int] = None) -> int:
        """Index what changed since the last run; returns how many conversations."""
        if not self._lock.acquire(blocking=blocking):
            return 0
        try:
            return self._sync(limit)
        finally:
            self._lock.release()

    def _candidates(self, start: int) -> List[Tuple[str, int]]:
        events = tracker.events
        query = (
            select(events.c.sender_id, func.max(events.c.id).label("last"))
            .where(events.c.id > start)
            .group_by(events.c.sender_id)
            .order_by(func.max(events.c.id))
        )
        with tracker.engine(self.tracker_url).connect() as connection:
            return [(row.sender_id, row.last) for row in connection.execute(query)]

    def _sync(self, limit: Optional[int]) -> int:
        if not tracker.has_events(self.tracker_url):
            return 0
        with tracker.engine(self.tracker_url).connect() as connection:
            max_id = connection.execute(select(func.max(tracker.events.c.id))).scalar()
        if max_id is None:
            return 0
        mark = self.watermark()
        if mark > max_id:  # the tracker store was replaced: start over
            mark = 0
            with db.session(self.database_url) as session:
                self._set_watermark(session, 0, force=True)
        candidates = self._candidates(max(0, mark - OVERLAP))
        changed: List[Tuple[str, int]] = []
        for start in range(0, len(candidates), 500):
            chunk = candidates[start:start + 500]
            stored = self._stored([sender for sender, _ in chunk])
            changed += [(s, last) for s, last in chunk if stored.get(s, -1) < last]
        if limit is not None:
            changed = changed[:limit]
        done = 0
        for start in range(0, len(changed), BATCH):
            batch = changed[start:start + BATCH]
            self._index_batch([sender for sender, _ in batch], batch[-1][1])
            done += len(batch)
        if not changed or limit is None:
            with db.session(self.database_url) as session:
                self._set_watermark(session, max_id)
        if done >= ANALYZE_AFTER:
            self._analyze()
        return done

    def _analyze(self) -> None:
        """Fresh planner statistics after a large import (else PostgreSQL may pick slow plans)."""
        engine = db.engine(self.database_url)
        tables = "conversation_index, conversation_terms, conversation_turns"
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text(f"ANALYZE {tables}"))
            elif engine.dialect.name == "sqlite":
                connection.execute(text("ANALYZE"))
            connection.commit()

    def _stored(self, senders: List[str]) -> Dict[str, int]:
        index = db.ConversationIndex
        with db.session(self.database_url) as session:
            rows = session.execute(
                select(index.sender_id, index.last_event_id).where(index.sender_id.in_(senders))
            ).all()
        return {sender: last for sender, last in rows}

    def _read(self, senders: List[str]) -> Dict[str, List[Any]]:
        events = tracker.events
        query = (
            select(
                events.c.id,
                events.c.sender_id,
                events.c.type_name,
                events.c.timestamp,
                events.c.intent_name,
                events.c.action_name,
                case((or_(events.c.type_name == "user",
                          and_(events.c.type_name == "slot", events.c.action_name == LANGUAGE_SLOT)),
                      events.c.data), else_=None).label("data"),
            )
            .where(events.c.sender_id.in_(senders))
            .order_by(events.c.sender_id, events.c.id)
        )
        grouped: Dict[str, List[Any]] = {sender: [] for sender in senders}
        with tracker.engine(self.tracker_url).connect() as connection:
            for row in connection.execute(query):
                grouped[row.sender_id].append(row)
        return grouped

    def _index_batch(self, senders: List[str], mark: int) -> None:
        grouped = self._read(senders)
        summaries = [summarise(sender, rows) for sender, rows in grouped.items() if rows]
        for attempt in range(3):
            try:
                self._write(summaries, mark)
                return
            except IntegrityError:  # another console instance indexed the same conversation
                if attempt == 2:
                    raise

    def _write(self, summaries: List[Summary], mark: int) -> None:
        index = db.ConversationIndex.__table__
        turns = db.ConversationTurn.__table__
        terms = db.ConversationTerm.__table__
        senders = [summary.sender_id for summary in summaries]
        with db.session(self.database_url) as session:
            if summaries:
                existing = dict(
                    session.execute(select(index.c.sender_id, index.c.id).where(index.c.sender_id.in_(senders))).all()
                )
                booked = set(
                    session.execute(
                        select(db.AppointmentRequest.conversation_id).where(
                            db.AppointmentRequest.conversation_id.in_(senders)
                        )
                    ).scalars()
                )
                for summary in summaries:
                    summary.has_appointment = summary.has_appointment or summary.sender_id in booked
                new = [summary.values() for summary in summaries if summary.sender_id not in existing]
                if new:
                    session.execute(insert(index), new)
                updates = []
                for summary in summaries:
                    if summary.sender_id in existing:
                        values = summary.values()
                        del values["sender_id"]
                        values["b_id"] = existing[summary.sender_id]
                        updates.append(values)
                if updates:
                    session.execute(index.update().where(index.c.id == bindparam("b_id")), updates)
                if new:
                    existing = dict(
                        session.execute(
                            select(index.c.sender_id, index.c.id).where(index.c.sender_id.in_(senders))
                        ).all()
                    )
                ids = [existing[sender] for sender in senders]
                session.execute(delete(turns).where(turns.c.conversation_id.in_(ids)))
                session.execute(delete(terms).where(terms.c.conversation_id.in_(ids)))
                turn_rows = [
                    {"conversation_id": existing[s.sender_id], "event_id": event_id, "at": at,
                     "intent": (intent or None) and intent[:255], "confidence": confidence, "in_form": in_form,
                     "language": language}
                    for s in summaries
                    for event_id, at, intent, confidence, in_form, language in s.turns
                ]
                if turn_rows:
                    session.execute(insert(turns), turn_rows)
                term_rows = [
                    {"term": term, "conversation_id": existing[s.sender_id]} for s in summaries for term in s.terms
                ]
                if term_rows:
                    session.execute(insert(terms), term_rows)
            self._set_watermark(session, mark)


class Background:
    """Runs `sync()` every few seconds in a daemon thread (the console's process)."""

    def __init__(self, indexer: Indexer, seconds: float) -> None:
        self.indexer = indexer
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="console-indexer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.indexer.sync()
            except Exception as error:  # keep going; never log parameters or text
                logger.error("Indexing the tracker store failed: %s", type(error).__name__)
            self._stop.wait(self.seconds)


def main(argv: Optional[Iterable[str]] = None) -> int:
    """`python -m console.indexer`: index the tracker store once (e.g. after seeding)."""
    import time

    from console import config as console_config

    conf = console_config.load()
    db.upgrade(conf.database_url)
    started = time.monotonic()
    count = Indexer(conf.database_url, conf.tracker_url).sync()
    print(f"Indexed {count} conversations in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
