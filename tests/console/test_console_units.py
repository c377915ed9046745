"""Small parts: masking, search words, exports, charts, the users command and the indexer."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from conftest import ROOT
from tests.console import data


@pytest.mark.parametrize("text,expected", [
    ("my name is jane doe and my number is 555-123-4567", "my name is [name] and my number is [phone]"),
    ("Call me at (555) 123 4567 or jane@example.org", "Call me at [phone] or [email]"),
    ("This is Robert Smith calling about my son", "This is [name] calling about my son"),
    ("text me on +44 20 7946 0958", "text me on [phone]"),
    ("I am worried about my pump", "I am worried about my pump"),
    ("Call the clinic at 800.775.7246 or 911", "Call the clinic at 800.775.7246 or 911"),
    ("the dose was 50 micrograms on 12/03/2025", "the dose was 50 micrograms on 12/03/2025"),
])
def test_masking(text, expected):
    from console import masking

    assert masking.mask(text) == expected


def test_masking_known_names_and_entities():
    from console import masking

    known = masking.Sensitive()
    known.absorb_slots([{"event": "slot", "name": "appt_name", "value": "Ann Lee"},
                        {"event": "slot", "name": "appt_phone", "value": "+16175550100"}])
    assert masking.mask("Thanks, Ann. We will call +16175550100.", None, known) == "Thanks, [name]. We will call [phone]."
    assert masking.mask("hello Bo", [{"entity": "PERSON", "start": 6, "end": 8}]) == "hello [name]"
    assert masking.mask("x", [{"entity": "PERSON", "start": 5, "end": 90}]) == "x"  # bad offsets are ignored
    assert masking.mask_phone("+16175550100") == "••• ••• ••00"
    assert masking.mask_sender("+16175550100", "sms") == "••• ••• ••00"
    assert masking.mask_sender("3f2a9c", "web") == "3f2a9c"


def test_search_words():
    from console.indexer import words

    assert words("What is the Baclofen PUMP's alarm?") == ["baclofen", "pump", "alarm"]
    assert words("Ñandú pump, pump") == ["nandu", "pump", "pump"]  # without accents, as searched
    assert words("") == []


def test_csv_cells_never_start_a_formula():
    from console import exports

    assert [exports.cell(v) for v in ("=1+1", "+1617", "-2", "@SUM", "ok", None, 3)] == \
        ["'=1+1", "'+1617", "'-2", "'@SUM", "ok", "", "3"]


def test_nlu_fragment_is_valid_for_rasa():
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from console import exports

    text = exports.nlu_yaml([("ask_pump_alarm", "my pump\nbeeps: twice # loud"), ("ask_pump_alarm", "my pump beeps: twice # loud"),
                             ("out_of_scope", "- what's the weather"), ("greet", '"hi" [there](x)')], note="test")
    training = RasaYAMLReader().reads(text)
    examples = sorted((m.get("intent"), m.get("text")) for m in training.intent_examples)
    assert examples == [("ask_pump_alarm", "my pump beeps: twice # loud"), ("greet", '"hi" (there)(x)'),
                        ("out_of_scope", "- what's the weather")]
    assert RasaYAMLReader().reads(exports.nlu_yaml([])).intent_examples == []


def test_charts_are_svg_with_titles_and_patterns():
    from console import charts

    days = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(3)]
    svg = str(charts.per_day(days, {days[0]: {"web": 3, "sms": 1}}, "Per day <test>"))
    assert svg.startswith("<svg") and "<title id=\"chart-day-title\">Per day &lt;test&gt;</title>" in svg
    assert 'url(#hatch-sms)' in svg and "Web (solid)" in svg
    bars = str(charts.horizontal_bars([("ask_<x>", 5), ("greet", 2)], "Top"))
    assert "ask_&lt;x&gt;" in bars and ">5</text>" in bars


def test_users_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'itb.db'}"
    child = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT))

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "console.users", *args], cwd=ROOT, env=child, input=stdin,
                              capture_output=True, text=True, timeout=60)

    assert run("create", "Dr.Who", "--role", "clinician", "--password-stdin", stdin="a very long password 1\n").returncode == 0
    assert run("create", "dr.who", "--role", "clinician", "--password-stdin", stdin="a very long password 1\n").returncode == 1
    assert "at least 12" in run("create", "x2", "--role", "admin", "--password-stdin", stdin="short\n").stderr
    assert run("disable", "dr.who").returncode == 0
    listing = run("list").stdout
    assert "dr.who" in listing and "clinician" in listing and "disabled" in listing
    assert run("enable", "nobody").returncode == 1

    from itb import db

    with db.session(url) as session:
        actions = session.execute(select(db.AuditLog.action, db.AuditLog.username)).all()
    assert ("users.create", f"cli:{__import__('getpass').getuser()}") in actions and ("users.disable", actions[0][1]) in actions


def test_indexer_is_incremental_and_recomputes_changed_conversations(tmp_path):
    from rasa.shared.core.events import BotUttered, UserUttered

    from console.indexer import Indexer
    from itb import db

    database_url, tracker_url = f"sqlite:///{tmp_path / 'itb.db'}", f"sqlite:///{tmp_path / 'tracker.db'}"
    db.upgrade(database_url)
    now = time.time()
    data.store(tracker_url, data.special_conversations(now))
    indexer = Indexer(database_url, tracker_url)
    assert indexer.sync() == len(data.special_conversations(now))
    assert indexer.sync() == 0  # nothing new
    data.store(tracker_url, {"web-fallback": data.special_conversations(now)["web-fallback"] + [
        UserUttered("I need to talk to someone", intent={"name": "request_human", "confidence": 0.9},
                    parse_data={"intent": {"name": "request_human", "confidence": 0.9}}, timestamp=now + 60),
        BotUttered("Call us.", timestamp=now + 61)]})
    assert indexer.sync() == 1
    with db.session(database_url) as session:
        row = session.execute(select(db.ConversationIndex).where(db.ConversationIndex.sender_id == "web-fallback")).scalar_one()
        assert row.user_turns == 2 and row.bot_turns == 2 and row.has_handoff and row.has_fallback
        form = session.execute(select(db.ConversationIndex).where(db.ConversationIndex.sender_id == "web-appointment")).scalar_one()
        assert form.min_confidence == pytest.approx(0.95)  # the form answers (0.12, 0.2) are not counted
        assert form.has_appointment
        sms = session.execute(select(db.ConversationIndex).where(db.ConversationIndex.sender_id == data.SMS_NUMBER)).scalar_one()
        assert sms.channel == "sms" and sms.has_emergency
        terms = set(session.execute(select(db.ConversationTerm.term).where(db.ConversationTerm.conversation_id == sms.id)).scalars())
        assert {"dad", "unconscious", "pump", "alarming"} <= terms and "is" not in terms
    # a replaced tracker store (ids start again) is indexed from the start
    (tmp_path / "tracker.db").unlink()
    from console import tracker
    tracker.engine(tracker_url).dispose()
    data.store(tracker_url, {"fresh": data.special_conversations(now)["web-handoff"]})
    assert indexer.sync() == 1
