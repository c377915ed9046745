"""Retention: purge what is older than the retention period, and delete
everything about one patient on request. Both are audited.

    python -m console.retention purge [--days N] [--dry-run]
    python -m console.retention forget --conversation ID [--yes] [--dry-run]
    python -m console.retention forget --phone NUMBER [--yes] [--dry-run]

`purge` deletes conversations whose last message is older than the period
(RETENTION_DAYS, or the value an admin set in the console), with their index
rows, tags, notes, reviews and NLU corrections; appointment requests and their
status history; SMS messages and SMS channel state. Run it daily (cron or a
systemd timer). `forget` deletes the same for one conversation id or phone
number, whatever its age (console/privacy.py, shared with the assistant's
"forget me" and the console; a request staff already acted on is withdrawn or
deleted as FORGET_ACTED_REQUESTS says). SMS opt-outs are kept: the law requires that a number
that texted STOP is not texted again. The audit log is kept; it stores a keyed
hash of the identifier, never the number itself.

The tracker store may be another database than the project's, so the two are
not one transaction: the console's rows go first, then the tracker's events,
then the console's rows again (in case the indexer ran in between). A failed
run is safe to repeat.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, Dict, List, Optional, Set

from sqlalchemy import delete, func, select

from console import audit, config, privacy, tracker
from itb import db

CONVERSATION_CHILDREN = privacy.CONVERSATION_CHILDREN
delete_conversations = privacy.delete_conversations


def _delete_requests(session: Any, condition: Any) -> int:
    ids = list(session.execute(select(db.AppointmentRequest.id).where(condition)).scalars())
    if not ids:
        return 0
    session.execute(delete(db.AppointmentStatusChange).where(db.AppointmentStatusChange.request_id.in_(ids)))
    return session.execute(delete(db.AppointmentRequest).where(db.AppointmentRequest.id.in_(ids))).rowcount or 0


def _sms_state_model() -> Any:
    return getattr(db, "SmsConversation", None)  # the SMS channel's per-number state, if present


def expired_senders(database_url: str, tracker_url: str, cutoff: dt.datetime) -> Set[str]:
    """Conversations whose newest event is older than the cutoff (tracker store and index)."""
    senders: Set[str] = set()
    if tracker.has_events(tracker_url):
        events = tracker.events
        epoch = cutoff.replace(tzinfo=dt.timezone.utc).timestamp()
        query = select(events.c.sender_id).group_by(events.c.sender_id).having(func.max(events.c.timestamp) < epoch)
        with tracker.engine(tracker_url).connect() as connection:
            senders.update(connection.execute(query).scalars())
    with db.session(database_url) as session:
        index = db.ConversationIndex
        stale = session.execute(select(index.sender_id).where(index.last_event_at < cutoff)).scalars()
        senders.update(stale)
    return senders


def purge(conf: config.Config, days: int, actor: audit.Actor, dry_run: bool = False,
          now: Optional[dt.datetime] = None) -> Dict[str, int]:
    """Delete everything older than `days` days. Returns the counts."""
    if days <= 0:
        return {}
    cutoff = (now or db.utcnow()) - dt.timedelta(days=days)
    senders = expired_senders(conf.database_url, conf.tracker_url, cutoff)
    # A conversation that is still active is kept, even if its request is old, and vice versa.
    counts: Dict[str, int] = {}
    if dry_run:
        with db.session(conf.database_url) as session:
            counts["conversations"] = len(senders)
            counts["appointment_requests"] = session.execute(select(func.count()).select_from(db.AppointmentRequest)
                                                             .where(db.AppointmentRequest.created_at < cutoff)).scalar()
            counts["sms_messages"] = session.execute(select(func.count()).select_from(db.SmsMessage)
                                                     .where(db.SmsMessage.received_at < cutoff)).scalar()
        return counts
    counts.update(delete_conversations(conf.database_url, conf.tracker_url, senders))
    with db.session(conf.database_url) as session:
        counts["appointment_requests"] = _delete_requests(session, db.AppointmentRequest.created_at < cutoff)
        counts["sms_messages"] = session.execute(
            delete(db.SmsMessage).where(db.SmsMessage.received_at < cutoff)).rowcount or 0
        state = _sms_state_model()
        if state is not None:
            counts["sms_state"] = session.execute(delete(state).where(state.updated_at < cutoff)).rowcount or 0
        audit.record(session, actor, "retention.purge", "retention", None,
                     {"days": days, "cutoff": cutoff.isoformat(timespec="seconds"), **counts})
    return counts


def forget(conf: config.Config, actor: audit.Actor, conversation: Optional[str] = None, phone: Optional[str] = None,
           dry_run: bool = False) -> Dict[str, int]:
    """Delete everything stored about one conversation id or one phone number
    (console/privacy.py, as the assistant's "forget me" and the console do)."""
    return privacy.forget(conf.database_url, conf.tracker_url, conf.secret_key, actor, conversation=conversation,
                          phone=phone, action="retention.forget", dry_run=dry_run).counts


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console.retention", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("purge", help="delete conversations, requests and SMS older than the retention period")
    p.add_argument("--days", type=int, help="override the retention period for this run")
    p.add_argument("--dry-run", action="store_true", help="only count")
    f = commands.add_parser("forget", help="delete everything about one conversation id or phone number")
    target = f.add_mutually_exclusive_group(required=True)
    target.add_argument("--conversation", help="a Rasa conversation (sender) id")
    target.add_argument("--phone", help="a phone number (SMS conversations and appointment requests)")
    f.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    f.add_argument("--dry-run", action="store_true", help="only count")
    args = parser.parse_args(argv)

    conf = config.load()
    db.upgrade(conf.database_url)
    actor = audit.cli_actor()
    if args.command == "purge":
        days = args.days if args.days is not None else int(config.effective(conf)["retention_days"])
        if days <= 0:
            print("Retention is 0 days (keep everything): nothing purged.")
            return 0
        counts = purge(conf, days, actor, dry_run=args.dry_run)
        verb = "Would delete" if args.dry_run else "Deleted"
        print(f"{verb} data older than {days} days: " + ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()))
        return 0
    try:
        preview = forget(conf, actor, conversation=args.conversation, phone=args.phone, dry_run=True)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in preview.items())
    if args.dry_run:
        print(f"Would delete {summary}.")
        return 0
    if not args.yes:
        answer = input(f"This permanently deletes {summary}. Type DELETE to go on: ")
        if answer.strip() != "DELETE":
            print("Nothing deleted.")
            return 1
    counts = forget(conf, actor, conversation=args.conversation, phone=args.phone)
    print("Deleted " + ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()) + ".")
    print("SMS opt-outs are kept, so that a number that texted STOP is never texted again.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
