"""The main queries give the same answers on SQLite and PostgreSQL, and the
console serves a PostgreSQL deployment over HTTP."""
from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from conftest import Client
from tests.console import data

TZ = ZoneInfo("America/Chicago")


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request):
    return request.getfixturevalue("sqlite_env" if request.param == "sqlite" else "pg_env")


def senders(env, listing):
    return [row["sender_id"] for row in listing.rows]


def run(env, params=None, before="", after="", size=50):
    from console import queries

    f = queries.Filters.read(params or {})
    return queries.listing(env["database_url"], env["tracker_url"], f, TZ, 0.5, before=before, after=after, size=size)


def test_list_search_and_filters(env):
    from itb import db

    with db.session(env["database_url"]) as session:
        total = session.execute(select(func.count()).select_from(db.ConversationIndex)).scalar()
    first = run(env)
    assert first.total == total and len(first.rows) == 50
    assert senders(env, first)[0] == "web-named-patient"
    starts = [row["started_at"] for row in first.rows]
    assert starts == sorted(starts, reverse=True)
    assert senders(env, run(env, {"q": data.MARKER})) == ["web-named-patient"]
    assert senders(env, run(env, {"q": "Zebraq"})) == ["web-named-patient"]
    assert senders(env, run(env, {"q": "617-555-0188"})) == [data.SMS_NUMBER]
    assert senders(env, run(env, {"q": "6175550199"})) == ["web-appointment"]
    assert "web-fallback" in senders(env, run(env, {"fallback": "1", "channel": "web"}))
    assert data.SMS_NUMBER in senders(env, run(env, {"emergency": "1", "channel": "sms"}))
    assert "web-named-patient" in senders(env, run(env, {"low": "1", "intent": "ask_pump_alarm"}))
    today = dt.datetime.now(TZ).date()
    recent = run(env, {"from": today.isoformat(), "to": today.isoformat()})
    assert recent.total >= 1 and all(row["started_at"] >= dt.datetime.utcnow() - dt.timedelta(days=2) for row in recent.rows)
    # Filters combine as AND: exactly the conversations each one finds alone (3 with tests/console/data.py).
    alone = [set(senders(env, run(env, params, size=200)))
             for params in ({"q": "pump"}, {"appointment": "1"}, {"reviewed": "no"})]
    expected = set.intersection(*alone)
    combined = run(env, {"q": "pump", "appointment": "1", "reviewed": "no"}, size=200)
    assert expected and combined.total == len(expected) and set(senders(env, combined)) == expected


def test_keyset_pages_cover_the_set_once(env):
    seen, cursor, pages = [], "", 0
    while True:
        page = run(env, before=cursor, size=20)
        seen += [row["id"] for row in page.rows]
        pages += 1
        if not page.older:
            break
        cursor = page.older
    assert len(seen) == len(set(seen)) == page.total
    back = run(env, after=run(env, size=20, before=run(env, size=20).older).newer, size=20)
    assert [row["id"] for row in back.rows] == seen[:20]


def test_dashboard_counts(env):
    from console import queries

    today = dt.datetime.now(TZ).date()
    board = queries.dashboard(env["database_url"], today - dt.timedelta(days=90), today, TZ, 0.5)
    assert board.conversations >= 60
    assert sum(c["web"] + c["sms"] for c in board.per_day.values()) == board.conversations
    assert board.emergencies >= 1 and board.handoffs >= 1 and board.fallback_turns >= 1
    assert board.top_intents and board.top_intents[0][1] >= board.top_intents[-1][1]
    assert board.opted_out == 1


def test_console_on_postgresql_over_http(pg_console):
    client = Client(pg_console)
    assert client.login("reviewer").status_code == 303
    page = client.get(f"/conversations?q={data.MARKER}")
    ids = re.findall(r'href="/conversations/(\d+)" class="row-link"', page.text)
    assert len(ids) == 1
    transcript = client.get(f"/conversations/{ids[0]}")
    assert "<code>ask_pump_alarm</code> · confidence 0.41" in transcript.text
    assert data.PATIENT_NAME not in transcript.text
    exported = client.post(f"/conversations/{ids[0]}/export", {"format": "json"})
    assert json.loads(exported.text)["conversations"][0]["masked"] is True
    assert client.get("/dashboard").status_code == 200 and client.get("/inbox").status_code == 200
    assert client.get("/appointments").status_code == 200
