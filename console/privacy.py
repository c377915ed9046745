"""A patient's data, in one place: what is kept about a conversation or a phone
number, and deleting it. One implementation for the three ways in:

* the assistant (actions/privacy.py: "what do you know about me?", "forget me");
* the staff console (console/views/privacy.py: per conversation and per number);
* the command line (`python -m console.retention forget`).

What belongs to a target:

* a conversation id: its tracker events, the console's rows for it (index,
  search words, turns, tags, notes, reviews, NLU corrections), the web chat's
  answer feedback (votes and comments) and the appointment requests made in it. A conversation id that is a phone number is
  an SMS conversation, and its SMS records go too.
* a phone number: its SMS conversation (the id is the number), every
  conversation with an appointment request for that number, those requests,
  and the number's SMS messages and SMS channel state.

SMS opt-outs are always kept: a number that texted STOP must never be texted
again. An appointment request that staff already acted on (status other than
`new`) is withdrawn or deleted as FORGET_ACTED_REQUESTS says (itb/settings.py).
Every deletion writes one audit row with counts only, and a keyed hash of the
conversation id or number, never the value itself.

The tracker store may be another database than the project's, so the steps are
not one transaction: the console's rows, then the tracker's events, then the
console's rows again (in case the indexer ran in between), then requests, SMS
records and the audit row together. A failed or repeated run is safe to run
again. A conversation that has a turn in flight must not lose its events under
Rasa's feet: the assistant asks Rasa's tracker store to delete its own
conversation when it saves the turn (`keep_tracker`, itb/tracker_store.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Set

from sqlalchemy import case, delete, func, or_, select, update

from console import audit, tracker
from itb import db, settings
from itb.phone import NUMBER_LIKE
from itb.phone import mask_for_log as mask_phone
from itb.phone import normalise as normalise_phone

CONVERSATION_CHILDREN = (
    db.ConversationTerm, db.ConversationTurn, db.ConversationTag, db.ConversationNote,
    db.ConversationReview, db.NluCorrection,
)
# What the assistant records as the actor of a patient's own request.
PATIENT = audit.Actor(None, "patient", "patient")
MESSAGE_EVENTS = ("user", "bot")
# SMS messages still being answered (channels/sms_store.IN_PROGRESS): the reply
# to "forget me" itself, kept without its text so that a Twilio retry gets that
# reply again instead of a second turn.
SMS_IN_PROGRESS = ("received", "retaken")


@dataclass(frozen=True)
class Target:
    kind: str  # "conversation" or "phone"
    identifier: str  # the conversation id, or the number in E.164
    conversations: frozenset  # tracker sender ids
    phones: frozenset  # numbers whose SMS records belong to the target
    request_filter: Any  # condition on db.AppointmentRequest


@dataclass(frozen=True)
class RequestInfo:
    reference: str
    status: str
    name: str  # masked as on a shared screen: "J*** D**"
    phone: str  # masked: "+1******4567"
    created_at: dt.datetime


@dataclass
class Known:
    """What is kept about a target (for "what do you know about me?")."""

    messages: int = 0
    first_at: Optional[dt.datetime] = None
    requests: List[RequestInfo] = field(default_factory=list)
    sms_messages: int = 0
    opted_out: Optional[bool] = None  # None: not an SMS target, or the number never texted STOP/START


@dataclass
class Forgotten:
    """What a deletion did: counts (as audited) and the references, for the patient's reply."""

    counts: Dict[str, int] = field(default_factory=dict)
    deleted_requests: List[str] = field(default_factory=list)
    withdrawn_requests: List[str] = field(default_factory=list)
    kept_withdrawn: List[str] = field(default_factory=list)  # withdrawn before: left as they were


def mask_name(name: Optional[str]) -> str:
    """"Jane Doe" -> "J*** D**": the first letter of each word."""
    words = (name or "").split()
    return " ".join(word[0] + "*" * (len(word) - 1) for word in words) or "***"


def _chunks(items: List[str], size: int = 500) -> Iterable[List[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def target(session: Any, conversation: Optional[str] = None, phone: Optional[str] = None) -> Target:
    """The conversations, numbers and requests that belong to a conversation id or a number."""
    if bool(conversation) == bool(phone):
        raise ValueError("Give either a conversation id or a phone number.")
    requests = db.AppointmentRequest
    if phone:
        number = normalise_phone(phone)
        if number is None:
            raise ValueError("That is not a phone number.")
        senders: Set[str] = {number}  # an SMS conversation's id is the number
        senders.update(session.execute(select(requests.conversation_id).where(requests.phone == number)).scalars())
        return Target("phone", number, frozenset(senders), frozenset({number}),
                      or_(requests.phone == number, requests.conversation_id.in_(sorted(senders))))
    assert conversation is not None
    numbers: Set[str] = set()
    if NUMBER_LIKE.match(conversation):
        number = normalise_phone(conversation)
        if number:
            numbers.add(number)
    return Target("conversation", conversation, frozenset({conversation}), frozenset(numbers),
                  requests.conversation_id == conversation)


# ------------------------------------------------------------------ reading
def _message_stats(tracker_url: str, senders: Iterable[str]) -> tuple:
    """(messages, first event time) kept in the tracker store for these conversations."""
    senders = sorted(set(senders))
    if not senders or not tracker.has_events(tracker_url):
        return 0, None
    events = tracker.events
    messages, first = 0, None
    with tracker.engine(tracker_url).connect() as connection:
        for chunk in _chunks(senders):
            row = connection.execute(
                select(func.sum(case((events.c.type_name.in_(MESSAGE_EVENTS), 1), else_=0)),
                       func.min(events.c.timestamp))
                .where(events.c.sender_id.in_(chunk))
            ).one()
            messages += int(row[0] or 0)
            if row[1] is not None and (first is None or row[1] < first):
                first = row[1]
    first_at = None
    if first is not None:
        first_at = dt.datetime.fromtimestamp(float(first), dt.timezone.utc).replace(tzinfo=None)
    return messages, first_at


def what_we_know(database_url: str, tracker_url: str, conversation: Optional[str] = None,
                 phone: Optional[str] = None) -> Known:
    """What is kept about one conversation id or one phone number. Reads only."""
    with db.session(database_url) as session:
        found = target(session, conversation, phone)
        known = Known()
        rows = session.execute(select(db.AppointmentRequest).where(found.request_filter)
                               .order_by(db.AppointmentRequest.created_at, db.AppointmentRequest.id)).scalars()
        known.requests = [RequestInfo(r.reference, r.status, mask_name(r.full_name), mask_phone(r.phone), r.created_at)
                          for r in rows]
        if found.phones:
            known.sms_messages = session.execute(select(func.count()).select_from(db.SmsMessage)
                                                 .where(db.SmsMessage.phone.in_(sorted(found.phones)))).scalar() or 0
            states = list(session.execute(select(db.SmsOptOut.opted_out)
                                          .where(db.SmsOptOut.phone.in_(sorted(found.phones)))).scalars())
            known.opted_out = any(states) if states else None
    known.messages, known.first_at = _message_stats(tracker_url, found.conversations)
    return known


# ----------------------------------------------------------------- deleting
def _delete_console_rows(database_url: str, senders: List[str]) -> int:
    removed = 0
    index = db.ConversationIndex
    for chunk in _chunks(senders):
        with db.session(database_url) as session:
            ids = list(session.execute(select(index.id).where(index.sender_id.in_(chunk))).scalars())
            if not ids:
                continue
            for model in CONVERSATION_CHILDREN:
                session.execute(delete(model).where(model.conversation_id.in_(ids)))
            removed += session.execute(delete(index).where(index.id.in_(ids))).rowcount or 0
    return removed


def delete_tracker_events(tracker_url: str, senders: Iterable[str]) -> int:
    """Every event of these conversations, in the tracker store. Only for
    conversations without a turn in flight: Rasa writes back the events of a
    turn it is handling (the assistant's own deletion goes through
    itb/tracker_store.py instead)."""
    senders = sorted(set(senders))
    if not senders or not tracker.has_events(tracker_url):
        return 0
    events = tracker.events
    removed = 0
    for chunk in _chunks(senders):
        with tracker.engine(tracker_url).begin() as connection:
            removed += connection.execute(events.delete().where(events.c.sender_id.in_(chunk))).rowcount or 0
    return removed


def delete_conversations(database_url: str, tracker_url: str, senders: Iterable[str],
                         keep_tracker: Iterable[str] = ()) -> Dict[str, int]:
    """The console's rows and the tracker's events of these conversations
    (except the tracker events of `keep_tracker`, which Rasa deletes itself)."""
    senders = sorted(set(senders))
    counts = {"conversations": _delete_console_rows(database_url, senders)}
    counts["events"] = delete_tracker_events(tracker_url, set(senders) - set(keep_tracker))
    counts["conversations"] += _delete_console_rows(database_url, senders)
    counts["answer_feedback"] = _delete_feedback(database_url, senders)
    return counts


def _delete_feedback(database_url: str, senders: List[str]) -> int:
    """The web chat's "Helpful?" votes and comments of these conversations."""
    removed = 0
    feedback = db.AnswerFeedback
    for chunk in _chunks(senders):
        with db.session(database_url) as session:
            removed += session.execute(delete(feedback).where(feedback.conversation_id.in_(chunk))).rowcount or 0
    return removed


def _requests(session: Any, condition: Any, acted: str, actor: audit.Actor, result: Forgotten) -> None:
    """Delete the requests; with acted="withdraw", withdraw those staff already acted on."""
    requests = db.AppointmentRequest
    rows = list(session.execute(select(requests).where(condition).order_by(requests.id)).scalars())
    doomed = []
    for row in rows:
        if row.status == "new" or acted == "delete":
            doomed.append(row.id)
            result.deleted_requests.append(row.reference)
        elif row.status == "withdrawn":
            result.kept_withdrawn.append(row.reference)
        else:
            session.add(db.AppointmentStatusChange(request_id=row.id, from_status=row.status, to_status="withdrawn",
                                                   changed_by=actor.username[:100], changed_at=db.utcnow()))
            # What staff need to cancel what they set up stays; the patient's own words go.
            row.status, row.status_changed_by, row.updated_at = "withdrawn", actor.username[:100], db.utcnow()
            row.preferred_times, row.preferred_times_parsed, row.note = "", None, None
            result.withdrawn_requests.append(row.reference)
    if doomed:
        session.execute(delete(db.AppointmentStatusChange).where(db.AppointmentStatusChange.request_id.in_(doomed)))
        session.execute(delete(requests).where(requests.id.in_(doomed)))
    result.counts["appointment_requests"] = len(result.deleted_requests)
    result.counts["appointment_requests_withdrawn"] = len(result.withdrawn_requests)


def forget(database_url: str, tracker_url: str, secret: bytes, actor: audit.Actor, *,
           conversation: Optional[str] = None, phone: Optional[str] = None, acted: Optional[str] = None,
           keep_tracker: Iterable[str] = (), keep_sms_in_progress: bool = False, action: str = "forget",
           ip: Optional[str] = None, dry_run: bool = False) -> Forgotten:
    """Delete everything kept about one conversation id or one phone number.

    `acted`: what to do with requests staff already acted on ("withdraw" or
    "delete"; default FORGET_ACTED_REQUESTS). `keep_tracker`: conversations whose
    tracker events are deleted by Rasa's tracker store when it saves the turn
    (the assistant's own conversation). `keep_sms_in_progress`: keep, without
    its text, the SMS message being answered now (the patient's "yes"), so a
    Twilio retry of it is answered with the same reply.
    """
    acted = acted or settings.forget_acted_requests()
    if acted not in settings.FORGET_ACTED_CHOICES:
        raise ValueError(f"acted must be one of {settings.FORGET_ACTED_CHOICES}")
    with db.session(database_url) as session:
        found = target(session, conversation, phone)
    result = Forgotten()
    messages, _ = _message_stats(tracker_url, found.conversations)
    if dry_run:
        with db.session(database_url) as session:
            statuses = list(session.execute(select(db.AppointmentRequest.status)
                                            .where(found.request_filter)).scalars())
            sms = session.execute(select(func.count()).select_from(db.SmsMessage).where(
                db.SmsMessage.phone.in_(sorted(found.phones)))).scalar() if found.phones else 0
        withdraw = [s for s in statuses if acted == "withdraw" and s not in ("new", "withdrawn")]
        result.counts = {
            "conversations": len(found.conversations), "messages": messages,
            "appointment_requests": len([s for s in statuses if s == "new" or acted == "delete"]),
            "appointment_requests_withdrawn": len(withdraw), "sms_messages": sms or 0,
        }
        return result
    result.counts.update(delete_conversations(database_url, tracker_url, found.conversations, keep_tracker))
    result.counts["messages"] = messages
    with db.session(database_url) as session:
        _requests(session, found.request_filter, acted, actor, result)
        result.counts["sms_messages"] = result.counts["sms_state"] = 0
        if found.phones:
            numbers = sorted(found.phones)
            sms = db.SmsMessage
            done = sms.phone.in_(numbers)
            if keep_sms_in_progress:
                session.execute(update(sms).where(sms.phone.in_(numbers), sms.status.in_(SMS_IN_PROGRESS))
                                .values(body=""))
                done = done & sms.status.notin_(SMS_IN_PROGRESS)
            result.counts["sms_messages"] = session.execute(delete(sms).where(done)).rowcount or 0
            result.counts["sms_state"] = session.execute(
                delete(db.SmsConversation).where(db.SmsConversation.phone.in_(numbers))).rowcount or 0
        audit.record(session, actor, action, found.kind, audit.fingerprint(secret, found.identifier),
                     dict(result.counts), ip=ip)
    return result
