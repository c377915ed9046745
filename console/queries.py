"""Reading conversations: the filtered, searchable list (keyset pagination),
one transcript, and the dashboard's numbers."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from sqlalchemy import String, and_, case, func, literal, not_, or_, select
from sqlalchemy.sql import ColumnElement

from console import indexer, masking, tracker
from console.config import PAGE_SIZE
from itb import db
from itb.phone import normalise as normalise_phone

ROOT = Path(__file__).resolve().parent.parent
C = db.ConversationIndex.__table__
TERMS = db.ConversationTerm.__table__
TURNS = db.ConversationTurn.__table__
TAGS = db.ConversationTag.__table__
REVIEWS = db.ConversationReview.__table__
REQUESTS = db.AppointmentRequest.__table__
HIDDEN_ACTIONS = {"action_listen", "action_session_start"}
# Database integers are 64-bit; dates are kept a day inside what datetime can shift by a day or a year.
MIN_DB_INT, MAX_DB_INT = -(2**63), 2**63 - 1
MIN_DATE, MAX_DATE = dt.date(2, 1, 1), dt.date(9998, 12, 31)
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


@lru_cache(maxsize=1)
def domain_intents() -> Tuple[str, ...]:
    """The assistant's intents, from domain.yml (read only)."""
    try:
        domain = yaml.safe_load((ROOT / "domain.yml").read_text()) or {}
    except (OSError, yaml.YAMLError):
        return ()
    names = []
    for item in domain.get("intents") or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names.extend(str(key) for key in item)
    return tuple(names)


def parse_date(value: str) -> Optional[dt.date]:
    try:
        day = dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return day if MIN_DATE <= day <= MAX_DATE else None


def local_day_start(day: dt.date, tz: Any) -> dt.datetime:
    """Midnight of a local day, as naive UTC."""
    return dt.datetime.combine(day, dt.time.min, tz).astimezone(dt.timezone.utc).replace(tzinfo=None)


def yes(value: Any) -> bool:
    return str(value or "").lower() in {"1", "on", "yes", "true"}


@dataclass
class Filters:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    channel: str = ""
    language: str = ""  # "en", "es", or "" for all
    intent: str = ""
    tag: str = ""
    reviewed: str = ""
    low: bool = False
    fallback: bool = False
    emergency: bool = False
    handoff: bool = False
    appointment: bool = False

    FLAGS = ("low", "fallback", "emergency", "handoff", "appointment")

    @classmethod
    def read(cls, source: Any) -> "Filters":
        """From request arguments or a form (unknown or malformed values are dropped)."""
        get = lambda name: (source.get(name) or "").strip()  # noqa: E731
        f = cls(q=get("q")[:200], tag=get("tag")[:40])
        f.date_from = get("from") if parse_date(get("from")) else ""
        f.date_to = get("to") if parse_date(get("to")) else ""
        f.channel = get("channel") if get("channel") in ("web", "sms") else ""
        f.language = get("language") if get("language") in db.LANGUAGES else ""  # "all" and unknown: every one
        f.intent = get("intent") if get("intent") in domain_intents() else ""
        f.reviewed = get("reviewed") if get("reviewed") in ("yes", "no") else ""
        for flag in cls.FLAGS:
            setattr(f, flag, yes(get(flag)))
        return f

    def params(self) -> Dict[str, str]:
        """As query-string parameters (the names the form uses)."""
        result = {"q": self.q, "from": self.date_from, "to": self.date_to, "channel": self.channel,
                  "language": self.language, "intent": self.intent, "tag": self.tag, "reviewed": self.reviewed}
        for flag in self.FLAGS:
            result[flag] = "1" if getattr(self, flag) else ""
        return {k: v for k, v in result.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.params())


def phone_query(q: str) -> Optional[str]:
    if sum(c.isdigit() for c in q) >= 7 and not any(c.isalpha() for c in q):
        return normalise_phone(q)
    return None


def term_condition(word: str) -> ColumnElement:
    """Conversations where the patient wrote this word (a prefix, from 3 letters on).
    `word` comes from indexer.words(), folded as the index is (no accents, case-folded)."""
    if len(word) >= 3:
        upper = word[:-1] + chr(ord(word[-1]) + 1)
        match = and_(TERMS.c.term >= word, TERMS.c.term < upper)
    else:
        match = TERMS.c.term == word
    return C.c.id.in_(select(TERMS.c.conversation_id).where(match))


def conditions(f: Filters, tz: Any, low_threshold: float) -> List[ColumnElement]:
    where: List[ColumnElement] = []
    if f.q:
        phone = phone_query(f.q)
        if phone:
            # an SMS conversation's id is the number; a web one may have a request with it
            senders = select(literal(phone, String(255)).label("sender")).union(
                select(REQUESTS.c.conversation_id).where(REQUESTS.c.phone == phone))
            where.append(C.c.sender_id.in_(senders))
        else:
            for word in sorted(set(indexer.words(f.q)))[:8]:
                where.append(term_condition(word))
    start, end = parse_date(f.date_from), parse_date(f.date_to)
    if start:
        where.append(C.c.started_at >= local_day_start(start, tz))
    if end:
        where.append(C.c.started_at < local_day_start(end + dt.timedelta(days=1), tz))
    if f.channel:
        where.append(C.c.channel == f.channel)
    if f.language:
        where.append(C.c.language == f.language)
    if f.intent:
        where.append(C.c.id.in_(select(TURNS.c.conversation_id).where(TURNS.c.intent == f.intent)))
    if f.tag:
        where.append(C.c.id.in_(select(TAGS.c.conversation_id).where(TAGS.c.tag == f.tag.lower())))
    if f.reviewed == "yes":
        where.append(C.c.id.in_(select(REVIEWS.c.conversation_id)))
    elif f.reviewed == "no":
        where.append(not_(C.c.id.in_(select(REVIEWS.c.conversation_id))))
    if f.low:
        where.append(C.c.min_confidence < low_threshold)
    for flag in ("fallback", "emergency", "handoff", "appointment"):
        if getattr(f, flag):
            where.append(getattr(C.c, f"has_{flag}").is_(True))
    return where


def encode_cursor(started_at: dt.datetime, row_id: int) -> str:
    return f"{started_at.isoformat()}_{row_id}"


def decode_cursor(value: str) -> Optional[Tuple[dt.datetime, int]]:
    try:
        stamp, row_id = (value or "").rsplit("_", 1)
        at, number = dt.datetime.fromisoformat(stamp), int(row_id)
    except ValueError:
        return None
    return (at, number) if MIN_DB_INT <= number <= MAX_DB_INT else None


@dataclass
class Listing:
    rows: List[Dict[str, Any]]
    total: int
    older: Optional[str] = None  # cursor for the next (older) page
    newer: Optional[str] = None  # cursor for the previous (newer) page
    ignored_words: bool = False


def first_questions(tracker_url: str, ids: List[Optional[int]]) -> Dict[int, List[Tuple[str, Optional[str]]]]:
    """Masked first question of each conversation (text is read from the tracker store)."""
    result: Dict[int, List[Tuple[str, Optional[str]]]] = {}
    for event_id, event in tracker.events_by_id(tracker_url, [i for i in ids if i]).items():
        text = str(event.get("text") or "")
        entities = (event.get("parse_data") or {}).get("entities")
        if text.startswith("/"):
            result[event_id] = [(f"(button: {text[1:].split('{')[0]})", None)]
        else:
            result[event_id] = masking.segments(text[:160] + ("…" if len(text) > 160 else ""), entities)
    return result


def listing(database_url: str, tracker_url: str, f: Filters, tz: Any, low_threshold: float,
            before: str = "", after: str = "", size: int = PAGE_SIZE) -> Listing:
    where = conditions(f, tz, low_threshold)
    query = select(C)
    for condition in where:
        query = query.where(condition)
    count_query = select(func.count()).select_from(C)
    for condition in where:
        count_query = count_query.where(condition)
    going_back = False
    cursor = decode_cursor(before) if before else None
    back_cursor = decode_cursor(after) if after else None
    if cursor:
        at, row_id = cursor
        query = query.where(C.c.started_at <= at, or_(C.c.started_at < at, C.c.id < row_id))
    elif back_cursor:
        at, row_id = back_cursor
        query = query.where(C.c.started_at >= at, or_(C.c.started_at > at, C.c.id > row_id))
        going_back = True
    if going_back:
        query = query.order_by(C.c.started_at.asc(), C.c.id.asc())
    else:
        query = query.order_by(C.c.started_at.desc(), C.c.id.desc())
    query = query.limit(size + 1)
    with db.session(database_url) as session:
        found = [dict(row._mapping) for row in session.execute(query)]
        total = session.execute(count_query).scalar() or 0
        more = len(found) > size
        found = found[:size]
        if going_back:
            found.reverse()
        ids = [row["id"] for row in found]
        tags: Dict[int, List[str]] = defaultdict(list)
        reviewed = set()
        if ids:
            for conversation_id, tag in session.execute(
                select(TAGS.c.conversation_id, TAGS.c.tag).where(TAGS.c.conversation_id.in_(ids)).order_by(TAGS.c.tag)
            ):
                tags[conversation_id].append(tag)
            reviewed = set(session.execute(
                select(REVIEWS.c.conversation_id).where(REVIEWS.c.conversation_id.in_(ids))).scalars())
    questions = first_questions(tracker_url, [row["first_user_event_id"] for row in found])
    for row in found:
        row["tags"] = tags.get(row["id"], [])
        row["reviewed"] = row["id"] in reviewed
        row["low"] = row["min_confidence"] is not None and row["min_confidence"] < low_threshold
        row["question"] = questions.get(row["first_user_event_id"], [])
        row["sender"] = masking.mask_sender(row["sender_id"], row["channel"])
    result = Listing(rows=found, total=total)
    if found:
        first, last = found[0], found[-1]
        if going_back:
            result.older = encode_cursor(last["started_at"], last["id"])
            result.newer = encode_cursor(first["started_at"], first["id"]) if more else None
        else:
            result.older = encode_cursor(last["started_at"], last["id"]) if more else None
            result.newer = encode_cursor(first["started_at"], first["id"]) if (before and cursor) else None
    result.ignored_words = bool(f.q) and not phone_query(f.q) and not indexer.words(f.q)
    return result


def all_tags(database_url: str) -> List[str]:
    with db.session(database_url) as session:
        return list(session.execute(select(TAGS.c.tag).distinct().order_by(TAGS.c.tag)).scalars())


def conversation(database_url: str, conversation_id: int) -> Optional[Dict[str, Any]]:
    with db.session(database_url) as session:
        row = session.execute(select(C).where(C.c.id == conversation_id)).first()
        if row is None:
            return None
        result = dict(row._mapping)
        result["tags"] = list(session.execute(
            select(TAGS.c.tag).where(TAGS.c.conversation_id == conversation_id).order_by(TAGS.c.tag)).scalars())
        review = session.get(db.ConversationReview, conversation_id)
        result["review"] = {"by": review.reviewed_by, "at": review.reviewed_at} if review else None
        result["notes"] = [
            {"author": n.author, "body": n.body, "at": n.created_at}
            for n in session.execute(select(db.ConversationNote).where(
                db.ConversationNote.conversation_id == conversation_id).order_by(db.ConversationNote.id)).scalars()
        ]
        result["requests"] = [
            {"id": r.id, "reference": r.reference, "status": r.status, "created_at": r.created_at,
             "full_name": r.full_name, "phone": r.phone}
            for r in session.execute(select(db.AppointmentRequest).where(
                db.AppointmentRequest.conversation_id == result["sender_id"]).order_by(db.AppointmentRequest.id)).scalars()
        ]
    return result


def top_guess(parse_data: Dict[str, Any]) -> Tuple[Optional[str], Optional[float]]:
    """The best intent other than nlu_fallback (what the model would have said)."""
    for item in parse_data.get("intent_ranking") or []:
        name = item.get("name")
        if name and name != "nlu_fallback":
            return name, item.get("confidence")
    return None, None


def sensitive_for(events: List[Dict[str, Any]], conv: Dict[str, Any], requests: List[Dict[str, Any]]) -> masking.Sensitive:
    """What to mask in one conversation: form answers, appointment details, an SMS number."""
    known = masking.Sensitive()
    known.absorb_slots(events)
    for request in requests:
        known.add_name(request["full_name"])
        known.add_phone(request["phone"])
    if conv["channel"] == "sms":
        known.add_phone(conv["sender_id"])
    return known


def transcript(tracker_url: str, conv: Dict[str, Any], low_threshold: float, revealed: bool,
               events: Optional[List[Dict[str, Any]]] = None) -> List[Dict[str, Any]]:
    """The conversation as display items: patient and bot bubbles, session breaks, form notes."""
    if events is None:
        events = tracker.conversation(tracker_url, conv["sender_id"])
    known = sensitive_for(events, conv, conv.get("requests", []))

    def show(text: str, entities: Optional[List[Dict[str, Any]]] = None) -> List[Tuple[str, Optional[str]]]:
        return [(text, None)] if revealed else masking.segments(text, entities, known)

    items: List[Dict[str, Any]] = []
    last_action: Optional[str] = None
    slot_language: Optional[str] = None  # as the indexer reads it: the `language` slot so far
    for event in events:
        kind = event.get("event")
        at = indexer.to_datetime(event.get("timestamp"))
        if kind == "slot" and event.get("name") == indexer.LANGUAGE_SLOT:
            slot_language = indexer.language_value(event.get("value"))
        elif kind == "session_started":
            items.append({"kind": "session", "at": at})
        elif kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            name, confidence = intent.get("name"), intent.get("confidence")
            text = str(event.get("text") or "")
            guess = top_guess(parse) if name == "nlu_fallback" else (None, None)
            items.append({
                "kind": "user", "at": at, "id": event["_id"],
                "language": indexer.message_language(parse) or slot_language or db.DEFAULT_LANGUAGE,
                "segments": show(text, parse.get("entities")),
                "button": text.startswith("/"),
                "intent": name, "confidence": confidence,
                "guess": guess[0], "guess_confidence": guess[1],
                "low": isinstance(confidence, (int, float)) and confidence < low_threshold,
                "fallback": name in indexer.FALLBACK_INTENTS,
                "emergency": name in indexer.EMERGENCY_INTENTS,
            })
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            data = event.get("data") or {}
            buttons = [str(b.get("title") or "") for b in (data.get("buttons") or []) if isinstance(b, dict)]
            action = metadata.get("utter_action") or last_action
            items.append({
                "kind": "bot", "at": at, "id": event["_id"],
                "language": slot_language or db.DEFAULT_LANGUAGE,  # Rasa picked the variation by the slot
                "segments": show(str(event.get("text") or "")),
                "buttons": buttons, "action": action,
                "emergency": action in indexer.EMERGENCY_ACTIONS,
            })
        elif kind == "action":
            name = event.get("name")
            if name and name not in HIDDEN_ACTIONS:
                last_action = name
        elif kind == "active_loop":
            name = event.get("name")
            items.append({"kind": "note", "at": at,
                          "text": f"Form started: {name}" if name else "Form finished"})
        elif kind in ("restart", "rewind", "undo", "export", "reminder", "cancel_reminder", "pause", "resume"):
            items.append({"kind": "note", "at": at, "text": f"Conversation event: {kind}"})
    return items


# ------------------------------------------------------------------ dashboard

@dataclass
class Dashboard:
    days: List[dt.date]
    per_day: Dict[dt.date, Dict[str, int]]
    conversations: int = 0
    by_channel: Dict[str, int] = field(default_factory=dict)
    emergencies: int = 0
    handoffs: int = 0
    appointments: int = 0
    fallback_conversations: int = 0
    user_turns: int = 0
    fallback_turns: int = 0
    low_turns: int = 0
    top_intents: List[Tuple[str, int]] = field(default_factory=list)
    opted_out: int = 0
    opt_outs_in_range: int = 0

    def rate(self, part: int, whole: int) -> str:
        return f"{100.0 * part / whole:.1f}%" if whole else "–"


def dashboard(database_url: str, start: dt.date, end: dt.date, tz: Any, low_threshold: float) -> Dashboard:
    lower, upper = local_day_start(start, tz), local_day_start(end + dt.timedelta(days=1), tz)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    board = Dashboard(days=days, per_day={day: {"web": 0, "sms": 0} for day in days})
    in_range = and_(C.c.started_at >= lower, C.c.started_at < upper)
    with db.session(database_url) as session:
        rows = session.execute(select(C.c.started_at, C.c.channel, C.c.has_emergency, C.c.has_handoff,
                                      C.c.has_appointment, C.c.has_fallback).where(in_range))
        channels: Counter = Counter()
        for started_at, channel, emergency, handoff, appointment, fallback in rows:
            day = started_at.replace(tzinfo=dt.timezone.utc).astimezone(tz).date()
            if day in board.per_day:
                board.per_day[day][channel if channel in ("web", "sms") else "web"] += 1
            channels[channel] += 1
            board.conversations += 1
            board.emergencies += bool(emergency)
            board.handoffs += bool(handoff)
            board.appointments += bool(appointment)
            board.fallback_conversations += bool(fallback)
        board.by_channel = dict(channels)
        turns_in_range = and_(TURNS.c.at >= lower, TURNS.c.at < upper)
        total, fallback, low = session.execute(
            select(func.count(), func.sum(case((TURNS.c.intent == "nlu_fallback", 1), else_=0)),
                   func.sum(case((TURNS.c.confidence < low_threshold, 1), else_=0))).where(turns_in_range)
        ).one()
        board.user_turns, board.fallback_turns, board.low_turns = total or 0, int(fallback or 0), int(low or 0)
        board.top_intents = [
            (intent, count) for intent, count in session.execute(
                select(TURNS.c.intent, func.count().label("n")).where(turns_in_range, TURNS.c.intent.isnot(None))
                .group_by(TURNS.c.intent).order_by(func.count().desc(), TURNS.c.intent).limit(10))
        ]
        optouts = db.SmsOptOut.__table__
        board.opted_out = session.execute(
            select(func.count()).select_from(optouts).where(optouts.c.opted_out.is_(True))).scalar() or 0
        board.opt_outs_in_range = session.execute(
            select(func.count()).select_from(optouts).where(
                optouts.c.opted_out.is_(True), optouts.c.updated_at >= lower, optouts.c.updated_at < upper)
        ).scalar() or 0
    return board


# ------------------------------------------------------------ answer feedback
FEEDBACK = db.AnswerFeedback.__table__


@dataclass
class AnswerVotes:
    answer: str
    votes: int
    helpful: int

    @property
    def share(self) -> str:
        """The share of votes marked helpful, as a whole percentage."""
        return f"{round(100 * self.helpful / self.votes)}%" if self.votes else "–"


def answer_votes(database_url: str, start: dt.date, end: dt.date, tz: Any) -> List[AnswerVotes]:
    """Per answer: the web chat's "Helpful?" votes in the period and how many said yes."""
    lower, upper = local_day_start(start, tz), local_day_start(end + dt.timedelta(days=1), tz)
    helpful = func.sum(case((FEEDBACK.c.helpful.is_(True), 1), else_=0))
    with db.session(database_url) as session:
        rows = session.execute(
            select(FEEDBACK.c.answer, func.count(), helpful)
            .where(FEEDBACK.c.created_at >= lower, FEEDBACK.c.created_at < upper)
            .group_by(FEEDBACK.c.answer)
            .order_by(func.count().desc(), FEEDBACK.c.answer)
        ).all()
    return [AnswerVotes(answer, int(votes), int(yes or 0)) for answer, votes, yes in rows]


def not_helpful(database_url: str, limit: int = 20) -> Tuple[List[Dict[str, Any]], int]:
    """The latest answers marked "not helpful", with the conversation's console id (if indexed)."""
    query = (
        select(FEEDBACK, C.c.id.label("index_id"))
        .select_from(FEEDBACK.outerjoin(C, C.c.sender_id == FEEDBACK.c.conversation_id))
        .where(FEEDBACK.c.helpful.is_(False))
        .order_by(FEEDBACK.c.created_at.desc(), FEEDBACK.c.id.desc())
        .limit(limit)
    )
    with db.session(database_url) as session:
        rows = [dict(row._mapping) for row in session.execute(query)]
        total = session.execute(select(func.count()).select_from(FEEDBACK)
                                .where(FEEDBACK.c.helpful.is_(False))).scalar() or 0
    return rows, total
