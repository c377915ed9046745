"""The parts of "forget me" and "what do you know about me?" on their own: the
tracker store deleting where Rasa saves (SQLite and PostgreSQL), the shared
deletion's policies, the masking, who may ask, and the reading level of what
the assistant says."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import statistics
import time

import pytest
import textstat
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, select, text

from itb.tracker_store import FORGET_SLOT, SQLTrackerStore

NUMBER = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN")  # as tests/test_domain.py


def grade(value: str) -> float:
    return textstat.flesch_kincaid_grade(NUMBER.sub("", value))


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        yield request.getfixturevalue("postgres_url")


def user(text_: str, at: float, message_id: str = "m") -> UserUttered:
    intent = {"name": "ask_itb_what", "confidence": 0.9}
    return UserUttered(text_, intent=intent, parse_data={"intent": intent, "entities": [], "text": text_},
                       timestamp=at, input_channel="rest", message_id=message_id)


def start(at: float) -> list:
    return [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at),
            ActionExecuted("action_listen", timestamp=at)]


def rows(url: str, sender: str) -> list:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(
                text("select type_name, data from events where sender_id = :s order by id"), {"s": sender})]
    finally:
        engine.dispose()


def run(coroutine):
    return asyncio.run(coroutine)


def turn(store, sender: str, *events) -> DialogueStateTracker:
    """One turn as Rasa runs it: retrieve, add the turn's events, save."""
    async def go():
        tracker = await store.retrieve(sender)
        if tracker is None:
            tracker = DialogueStateTracker.from_events(sender, [], store.domain.slots)
        for event in events:
            tracker.update(event)
        await store.save(tracker)
        return tracker
    return run(go())


def domain() -> Domain:
    return Domain.from_dict({"slots": {FORGET_SLOT: {"type": "any", "influence_conversation": False,
                                                     "mappings": [{"type": "custom"}]}},
                             "actions": ["action_forget_me"]})


# ----------------------------------------------------------- tracker store
def test_the_forget_slot_deletes_the_conversation_where_rasa_saves(tracker_url):
    store = SQLTrackerStore(domain=domain(), host=tracker_url)
    try:
        now = time.time() - 100
        turn(store, "me", *start(now), user("my name is Jane Doe", now + 1, "m1"),
             ActionExecuted("utter_x", timestamp=now + 2), BotUttered("hello Jane", timestamp=now + 2),
             ActionExecuted("action_listen", timestamp=now + 3))
        turn(store, "other", *start(now), user("what is ITB", now + 1, "o1"),
             ActionExecuted("action_listen", timestamp=now + 2))
        other = rows(tracker_url, "other")
        yes = UserUttered("yes, Jane Doe here", intent={"name": "affirm", "confidence": 0.9},
                          parse_data={"intent": {"name": "affirm", "confidence": 0.9}, "entities": []},
                          timestamp=now + 10, input_channel="webchat", message_id="m2",
                          metadata={"display": "Yes, delete it"})
        turn(store, "me", yes, ActionExecuted("action_forget_me", timestamp=now + 11),
             BotUttered("Done. I deleted this chat.", timestamp=now + 11), SlotSet(FORGET_SLOT, "x", timestamp=now + 11),
             ActionExecuted("action_listen", timestamp=now + 12))
        stored = rows(tracker_url, "me")
        assert [r["type_name"] for r in stored] == ["action", "session_started", "action", "user", "action", "bot",
                                                     "action"]
        assert all("Jane" not in r["data"] for r in stored)
        kept_user = json.loads(stored[3]["data"])
        assert kept_user["text"] == "/affirm" and kept_user["message_id"] == "m2"
        assert kept_user["metadata"] == {"display": "Yes, delete it"} and kept_user["input_channel"] == "webchat"
        assert json.loads(stored[5]["data"])["text"] == "Done. I deleted this chat."
        assert rows(tracker_url, "other") == other
        # The next turn starts from the fresh start and stores only what is new.
        tracker = run(store.retrieve("me"))
        assert tracker.get_slot(FORGET_SLOT) is None and len(tracker.events) == 7
        turn(store, "me", user("what is ITB", now + 20, "m3"), ActionExecuted("action_listen", timestamp=now + 21))
        assert [json.loads(r["data"]).get("text") for r in rows(tracker_url, "me") if r["type_name"] == "user"] == [
            "/affirm", "what is ITB"]
    finally:
        store.engine.dispose()


def test_a_conversation_deleted_during_a_turn_is_not_written_back(tracker_url):
    """A staff deletion (console, CLI) while a turn is in flight: Rasa would store
    the whole session again; this store keeps only the turn."""
    from console import privacy

    store = SQLTrackerStore(domain=domain(), host=tracker_url)
    try:
        now = time.time() - 100
        turn(store, "me", *start(now), user("my name is Jane Doe", now + 1, "m1"),
             ActionExecuted("action_listen", timestamp=now + 2))

        async def racing_turn():
            tracker = await store.retrieve("me")
            assert privacy.delete_tracker_events(tracker_url, ["me"]) == 5  # the console, mid-turn
            tracker.update(user("what is ITB", now + 10, "m2"))
            tracker.update(ActionExecuted("action_listen", timestamp=now + 11))
            await store.save(tracker)

        run(racing_turn())
        stored = rows(tracker_url, "me")
        assert all("Jane" not in r["data"] for r in stored)
        assert [json.loads(r["data"]).get("text") for r in stored if r["type_name"] == "user"] == ["what is ITB"]
        assert run(store.retrieve("me")) is not None
    finally:
        store.engine.dispose()


# ------------------------------------------------------- shared deletion
@pytest.fixture
def project(tmp_path):
    from itb import db

    url = f"sqlite:///{tmp_path / 'itb.db'}"
    db.upgrade(url)
    with db.session(url) as session:
        for reference, status in (("ITB-NEW", "new"), ("ITB-SET", "scheduled"), ("ITB-BYE", "closed")):
            session.add(db.AppointmentRequest(reference=reference, idempotency_key=reference, conversation_id="web-1",
                                              channel="web", full_name="Jane Doe", phone="+16175550100",
                                              reason="trial", preferred_times="Tuesday mornings", note="my note",
                                              may_text=True, status=status))
        session.add(db.AppointmentRequest(reference="ITB-OTH", idempotency_key="o", conversation_id="web-2",
                                          channel="web", full_name="Pat Roe", phone="+16175550101", reason="trial",
                                          preferred_times="any", may_text=True, status="new"))
    return url, f"sqlite:///{tmp_path / 'tracker.db'}"


def statuses(url: str) -> dict:
    from itb import db

    with db.session(url) as session:
        return dict(session.execute(select(db.AppointmentRequest.reference, db.AppointmentRequest.status)).all())


@pytest.mark.parametrize("acted", ["withdraw", "delete"])
def test_requests_staff_acted_on_follow_the_clinic_policy(project, acted):
    from console import privacy
    from itb import db

    url, tracker_url = project
    result = privacy.forget(url, tracker_url, b"k", privacy.PATIENT, conversation="web-1", acted=acted)
    assert result.deleted_requests == (["ITB-NEW"] if acted == "withdraw" else ["ITB-NEW", "ITB-SET", "ITB-BYE"])
    if acted == "withdraw":
        assert statuses(url) == {"ITB-SET": "withdrawn", "ITB-BYE": "withdrawn", "ITB-OTH": "new"}
        with db.session(url) as session:
            kept = session.execute(select(db.AppointmentRequest).where(
                db.AppointmentRequest.reference == "ITB-SET")).scalar_one()
            assert (kept.full_name, kept.phone, kept.note, kept.preferred_times) == ("Jane Doe", "+16175550100",
                                                                                     None, "")
        again = privacy.forget(url, tracker_url, b"k", privacy.PATIENT, conversation="web-1", acted=acted)
        assert again.deleted_requests == [] and again.withdrawn_requests == []
        assert again.kept_withdrawn == ["ITB-SET", "ITB-BYE"]
    else:
        assert statuses(url) == {"ITB-OTH": "new"}
    with db.session(url) as session:
        audit = session.execute(select(db.AuditLog).where(db.AuditLog.action == "forget")).scalars().first()
    assert audit.username == "patient" and audit.target_id.startswith("hmac:") and "ITB" not in audit.detail


def test_the_policy_setting(monkeypatch):
    from itb import settings

    monkeypatch.delenv("FORGET_ACTED_REQUESTS", raising=False)
    assert settings.forget_acted_requests() == "withdraw"
    monkeypatch.setenv("FORGET_ACTED_REQUESTS", "Delete")
    assert settings.forget_acted_requests() == "delete"
    monkeypatch.setenv("FORGET_ACTED_REQUESTS", "archive")
    with pytest.raises(ValueError):
        settings.forget_acted_requests()


def test_what_we_know_reads_only(project):
    from console import privacy

    url, tracker_url = project
    known = privacy.what_we_know(url, tracker_url, conversation="web-1")
    assert [(r.reference, r.name, r.phone) for r in known.requests] == [
        ("ITB-NEW", "J*** D**", "+1******0100"), ("ITB-SET", "J*** D**", "+1******0100"),
        ("ITB-BYE", "J*** D**", "+1******0100")]
    assert known.messages == 0 and known.opted_out is None
    assert len(statuses(url)) == 4


def test_masking_as_on_a_shared_screen():
    from console.privacy import mask_name, mask_phone

    assert mask_name("Jane Doe") == "J*** D**" and mask_name("  maria   de la Cruz ") == "m**** d* l* C***"
    assert mask_name("") == "***"
    assert mask_phone("+15551234567") == "+1******4567" and mask_phone("123") == "***"


# ------------------------------------------------------------ who may ask
class FakeTracker:
    def __init__(self, sender: str, channel: str) -> None:
        self.sender_id, self.channel = sender, channel

    def get_latest_input_channel(self) -> str:
        return self.channel


@pytest.mark.parametrize("sender,channel,expected", [
    ("+16175550142", "sms", ("phone", "+16175550142")),
    ("+16175550142", "rest", None),  # a REST client may choose any id: no number is proven
    ("(617) 555-0142", "webchat", None),
    ("5e1f0c3a9b8d4e2f8a7b6c5d4e3f2a1b", "webchat", ("conversation", "5e1f0c3a9b8d4e2f8a7b6c5d4e3f2a1b")),
    ("appt-123", "rest", ("conversation", "appt-123")),
])
def test_only_a_signed_sms_speaks_for_a_phone_number(sender, channel, expected):
    from actions.privacy import scope

    assert scope(FakeTracker(sender, channel)) == expected


# ---------------------------------------------------------- plain words
def texts() -> dict:
    from actions import privacy as p
    from console.privacy import Forgotten, Known, RequestInfo

    request = RequestInfo("ITB-7KQ2", "scheduled", "J*** D**", "+1******4567", dt.datetime(2025, 5, 3))
    known = Known(messages=12, first_at=dt.datetime(2025, 5, 3), requests=[request], opted_out=False)
    return {
        "my data, web": p.my_data_text(known, sms=False, in_form=False),
        "my data, sms, in the form": p.my_data_text(known, sms=True, in_form=True),
        "my data, nothing": p.my_data_text(Known(), sms=False, in_form=False),
        "confirm, web": p.confirm_text(False),
        "confirm, sms": p.confirm_text(True),
        "done, web chat": p.done_text(Forgotten(deleted_requests=["ITB-7KQ2"]), False, "webchat", True),
        "done, sms, withdrawn": p.done_text(Forgotten(withdrawn_requests=["ITB-7KQ2"]), True, "sms", False),
        "done, nothing": p.done_text(Forgotten(), False, "rest", False),
        "refused": p.refuse_text(),
        "failed": p.failed_text(),
    }


@pytest.mark.parametrize("name", sorted(texts()))
def test_what_the_assistant_says_is_plain(name):
    value = texts()[name]
    assert grade(value) <= 6, value
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", value) if s.strip()]
    assert all(len(s.split()) <= 25 for s in sentences), value


def test_the_median_is_well_below_6th_grade():
    assert statistics.median(grade(value) for value in texts().values()) <= 4
