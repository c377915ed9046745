"""Retention on SQLite and PostgreSQL: purge what is older than the period,
and delete everything about one conversation or phone number. Both audited."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from conftest import ROOT, dispose, fresh_pg_database, postgres_available
from tests.console import data

DAY = 86400
OLD_NUMBER = "+13125550777"
FORGET_NUMBER = "+16175550142"


def make_config(database_url, tracker_url):
    from console import config

    return config.Config(database_url=database_url, tracker_url=tracker_url, host="127.0.0.1", port=0,
                         secret_key=b"retention-secret", idle_seconds=900, cookie_secure=True,
                         timezone=config.local_timezone("UTC"), low_confidence=0.5, retention_days=365,
                         sync_seconds=5)


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    from console.indexer import Indexer
    from itb import db

    if request.param == "sqlite":
        urls = f"sqlite:///{tmp_path / 'itb.db'}", f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        if not postgres_available():
            pytest.skip("PostgreSQL is not running")
        urls = fresh_pg_database("itb_console_retention"), fresh_pg_database("itb_console_retention_tracker")
    database_url, tracker_url = urls
    db.upgrade(database_url)
    now = time.time()
    old = data.generated(6, now - 400 * DAY, days=20, seed=1)
    recent = data.generated(4, now, days=30, seed=2)
    old_sms = data.generated(1, now - 500 * DAY, days=1, seed=3)
    old_sms = {OLD_NUMBER: next(iter(old_sms.values()))}
    forget_sms = {FORGET_NUMBER: next(iter(data.generated(1, now, days=2, seed=4).values()))}
    with_request = {"web-with-request": recent.popitem()[1]}
    data.store(tracker_url, {**old, **recent, **old_sms, **forget_sms, **with_request})
    long_ago = db.utcnow() - dt.timedelta(days=400)
    with db.session(database_url) as session:
        for reference, sender, phone, created in (("OLD-1", next(iter(old)), "+13125550001", long_ago),
                                                  ("NEW-1", next(iter(recent)), "+13125550002", db.utcnow()),
                                                  ("NEW-2", "web-with-request", FORGET_NUMBER, db.utcnow())):
            session.add(db.AppointmentRequest(reference=reference, idempotency_key=reference, conversation_id=sender,
                                              channel="web", full_name="Pat Example", phone=phone, reason="trial",
                                              preferred_times="mornings", may_text=False, status="new",
                                              created_at=created, updated_at=created))
        session.add_all([
            db.SmsMessage(message_sid="SM-old", phone=OLD_NUMBER, body="old question", received_at=long_ago),
            db.SmsMessage(message_sid="SM-new", phone="+13125550003", body="new question"),
            db.SmsMessage(message_sid="SM-forget", phone=FORGET_NUMBER, body="forget me"),
            db.SmsOptOut(phone=OLD_NUMBER, opted_out=True, updated_at=long_ago),
            db.SmsOptOut(phone=FORGET_NUMBER, opted_out=True),
        ])
    Indexer(database_url, tracker_url).sync()
    with db.session(database_url) as session:  # staff work on an old conversation
        old_id = session.execute(select(db.ConversationIndex.id).where(
            db.ConversationIndex.sender_id == next(iter(old)))).scalar()
        request_id = session.execute(select(db.AppointmentRequest.id).where(db.AppointmentRequest.reference == "OLD-1")).scalar()
        session.add_all([
            db.ConversationTag(conversation_id=old_id, tag="old", added_by="t"),
            db.ConversationNote(conversation_id=old_id, author="t", body="note"),
            db.ConversationReview(conversation_id=old_id, reviewed_by="t"),
            db.NluCorrection(conversation_id=old_id, event_id=999999, status="labelled", intent="greet",
                             example_text="hi", reviewed_by="t"),
            db.AppointmentStatusChange(request_id=request_id, from_status="new", to_status="closed", changed_by="t"),
        ])
    yield {"database_url": database_url, "tracker_url": tracker_url, "old": list(old) + [OLD_NUMBER],
           "recent": [s for s in recent] + ["web-with-request", FORGET_NUMBER], "backend": request.param}
    dispose(database_url, tracker_url)


def senders_in_tracker(env):
    from console import tracker

    with tracker.engine(env["tracker_url"]).connect() as connection:
        return set(connection.execute(select(tracker.events.c.sender_id).distinct()).scalars())


def count(env, model, *where):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def test_purge_deletes_only_what_is_older_than_the_period(env):
    from console import audit, retention
    from itb import db

    conf = make_config(env["database_url"], env["tracker_url"])
    preview = retention.purge(conf, 365, audit.cli_actor(), dry_run=True)
    assert preview == {"conversations": 7, "appointment_requests": 1, "sms_messages": 1}
    assert senders_in_tracker(env) >= set(env["old"])  # a dry run changes nothing

    counts = retention.purge(conf, 365, audit.cli_actor())
    assert counts["conversations"] == 7 and counts["events"] > 50
    assert counts["appointment_requests"] == 1 and counts["sms_messages"] == 1
    remaining = senders_in_tracker(env)
    assert not remaining & set(env["old"]) and remaining == set(env["recent"])
    assert count(env, db.ConversationIndex) == len(env["recent"])
    for model in (db.ConversationTag, db.ConversationNote, db.ConversationReview, db.NluCorrection,
                  db.AppointmentStatusChange):
        assert count(env, model) == 0, model
    assert {r for r in count_refs(env)} == {"NEW-1", "NEW-2"}
    assert count(env, db.SmsMessage) == 2
    assert count(env, db.SmsOptOut) == 2  # opt-outs are kept
    terms = count(env, db.ConversationTerm)
    assert terms > 0 and count(env, db.ConversationTurn) > 0
    with db.session(env["database_url"]) as session:
        row = session.execute(select(db.AuditLog).where(db.AuditLog.action == "retention.purge")).scalar_one()
    assert row.username.startswith("cli:") and '"conversations": 7' in row.detail and '"days": 365' in row.detail
    assert retention.purge(conf, 365, audit.cli_actor())["conversations"] == 0  # idempotent


def count_refs(env):
    from itb import db

    with db.session(env["database_url"]) as session:
        return list(session.execute(select(db.AppointmentRequest.reference)).scalars())


def test_forget_a_phone_number_deletes_its_conversations_requests_and_messages(env):
    from console import audit, retention
    from itb import db

    conf = make_config(env["database_url"], env["tracker_url"])
    counts = retention.forget(conf, audit.cli_actor(), phone="(617) 555-0142")
    assert counts["conversations"] == 2  # the SMS conversation and the web one with the request
    assert counts["appointment_requests"] == 1 and counts["sms_messages"] == 1
    remaining = senders_in_tracker(env)
    assert FORGET_NUMBER not in remaining and "web-with-request" not in remaining
    assert "NEW-2" not in count_refs(env) and "NEW-1" in count_refs(env)
    assert count(env, db.SmsOptOut, db.SmsOptOut.phone == FORGET_NUMBER) == 1  # STOP stays honoured
    with db.session(env["database_url"]) as session:
        row = session.execute(select(db.AuditLog).where(db.AuditLog.action == "retention.forget")).scalar_one()
    assert row.target_type == "phone" and row.target_id.startswith("hmac:") and "0142" not in row.target_id
    assert row.target_id == audit.fingerprint(b"retention-secret", FORGET_NUMBER)


def test_forget_one_conversation_id(env):
    from console import audit, retention
    from itb import db

    conf = make_config(env["database_url"], env["tracker_url"])
    target = env["recent"][0]
    counts = retention.forget(conf, audit.cli_actor(), conversation=target)
    assert counts["conversations"] == 1 and counts["events"] > 3 and counts["appointment_requests"] == 1
    assert target not in senders_in_tracker(env)
    assert count(env, db.ConversationIndex, db.ConversationIndex.sender_id == target) == 0
    with pytest.raises(ValueError):
        retention.forget(conf, audit.cli_actor(), phone="not a number")


def test_retention_commands_from_the_shell(env, tmp_path):
    child = dict(os.environ, DATABASE_URL=env["database_url"], TRACKER_STORE_URL=env["tracker_url"],
                 CONSOLE_SECRET_KEY="retention-secret", PYTHONPATH=str(ROOT), RETENTION_DAYS="365")

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "console.retention", *args], cwd=ROOT, env=child,
                              input=stdin, capture_output=True, text=True, timeout=60)

    dry = run("purge", "--dry-run")
    assert dry.returncode == 0 and "Would delete" in dry.stdout and "conversations: 7" in dry.stdout
    refused = run("forget", "--phone", FORGET_NUMBER, stdin="no\n")
    assert refused.returncode == 1 and "Nothing deleted" in refused.stdout
    done = run("purge")
    assert done.returncode == 0 and "conversations: 7" in done.stdout
    forgot = run("forget", "--phone", FORGET_NUMBER, "--yes")
    assert forgot.returncode == 0 and "opt-outs are kept" in forgot.stdout
    assert FORGET_NUMBER not in senders_in_tracker(env)
