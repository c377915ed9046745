"""Deleting a patient's data from the staff console: one conversation (from its
transcript) or everything about one phone number. Clinicians and admins only,
after a confirmation page, with the CSRF token, audited; a reviewer is refused.
The same deletion as the assistant's "forget me" (console/privacy.py)."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import func, select

from conftest import SECRET, Client, make_users, start_console, stop
from tests.console import data

NUMBER = "+16175550142"  # texts the clinic, and gave this number on the web
OTHER_NUMBER = "+16175550143"


@pytest.fixture(scope="module")
def privacy_env(tmp_path_factory):
    from console.indexer import Indexer
    from itb import db

    workdir = tmp_path_factory.mktemp("console-privacy")
    env = {"database_url": f"sqlite:///{workdir / 'itb.db'}", "tracker_url": f"sqlite:///{workdir / 'tracker.db'}",
           "workdir": workdir}
    db.upgrade(env["database_url"])
    now = time.time()
    generated = data.generated(6, now, days=10, seed=7)
    webs = [sender for sender in generated if not sender.startswith("+")]
    conversations = dict(generated)
    conversations[NUMBER] = next(iter(data.generated(1, now, days=2, seed=8).values()))
    conversations[OTHER_NUMBER] = next(iter(data.generated(1, now, days=2, seed=9).values()))
    data.store(env["tracker_url"], conversations)
    with db.session(env["database_url"]) as session:
        for reference, sender, phone, status in (("ITB-DEL1", webs[0], "+13125550100", "new"),
                                                 ("ITB-ACT1", webs[1], "+13125550101", "scheduled"),
                                                 ("ITB-PHN1", webs[2], NUMBER, "new"),
                                                 ("ITB-KEEP", webs[3], "+13125550103", "new")):
            session.add(db.AppointmentRequest(reference=reference, idempotency_key=reference, conversation_id=sender,
                                              channel="web", full_name="Pat Example", phone=phone, reason="trial",
                                              preferred_times="mornings", note="wheelchair", may_text=False,
                                              status=status))
        session.add_all([
            db.SmsMessage(message_sid="SM-p1", phone=NUMBER, body="question one", status="answered"),
            db.SmsMessage(message_sid="SM-p2", phone=NUMBER, body="question two", status="answered"),
            db.SmsMessage(message_sid="SM-o1", phone=OTHER_NUMBER, body="other", status="answered"),
            db.SmsOptOut(phone=NUMBER, opted_out=True),
            db.SmsConversation(phone=NUMBER),
        ])
    Indexer(env["database_url"], env["tracker_url"]).sync()
    make_users(env["database_url"])
    env["webs"] = webs
    server = start_console(env, workdir, "privacy")
    yield {**env, "server": server}
    stop(server)


def login(env, role: str) -> Client:
    client = Client(env["server"])
    assert client.login(role).status_code == 303
    return client


def index_id(env, sender: str):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(db.ConversationIndex.id).where(db.ConversationIndex.sender_id == sender)).scalar()


def count(env, model, *where) -> int:
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def tracker_events(env, sender: str) -> int:
    from console import tracker

    with tracker.engine(env["tracker_url"]).connect() as connection:
        return connection.execute(select(func.count()).select_from(tracker.events)
                                  .where(tracker.events.c.sender_id == sender)).scalar()


def audit_rows(env, action: str):
    from itb import db

    with db.session(env["database_url"]) as session:
        return list(session.execute(select(db.AuditLog).where(db.AuditLog.action == action)
                                    .order_by(db.AuditLog.id)).scalars())


def test_a_reviewer_cannot_delete(privacy_env):
    from itb import db

    target = privacy_env["webs"][0]
    conversation = index_id(privacy_env, target)
    reviewer = login(privacy_env, "reviewer")
    page = reviewer.get(f"/conversations/{conversation}")
    assert page.status_code == 200 and "Delete this conversation" not in page.text and "/privacy" not in page.text
    for method, path, form in (("GET", f"/conversations/{conversation}/forget", None),
                               ("POST", f"/conversations/{conversation}/forget", {"confirm": "yes"}),
                               ("GET", "/privacy", None),
                               ("POST", "/privacy/forget", {"phone": NUMBER, "confirm": "yes"})):
        response = reviewer.get(path) if method == "GET" else reviewer.post(path, form)
        assert response.status_code == 403, (method, path)
        assert any(row.target_id == path and row.username == "reviewer"
                   for row in audit_rows(privacy_env, "access.denied"))
    assert tracker_events(privacy_env, target) > 0 and index_id(privacy_env, target) == conversation
    assert count(privacy_env, db.AppointmentRequest, db.AppointmentRequest.reference == "ITB-DEL1") == 1


def test_a_clinician_deletes_one_conversation_after_confirming(privacy_env):
    from itb import db

    target, acted, untouched = privacy_env["webs"][0], privacy_env["webs"][1], privacy_env["webs"][3]
    conversation = index_id(privacy_env, target)
    events_before = tracker_events(privacy_env, untouched)
    clinician = login(privacy_env, "clinician")
    page = clinician.get(f"/conversations/{conversation}")
    assert f'href="/conversations/{conversation}/forget"' in page.text
    confirm = clinician.get(f"/conversations/{conversation}/forget")
    assert confirm.status_code == 200 and "Delete permanently" in confirm.text
    assert "1 appointment request(s)" in confirm.text
    assert tracker_events(privacy_env, target) > 0  # the confirmation page deletes nothing
    # Without the CSRF token: refused, nothing deleted.
    refused = clinician.post(f"/conversations/{conversation}/forget", {"confirm": "yes", "csrf_token": "forged"})
    assert refused.status_code == 403 and tracker_events(privacy_env, target) > 0
    # Without the confirmation field: back to the confirmation page.
    back = clinician.post(f"/conversations/{conversation}/forget", {})
    assert back.status_code == 303 and back.headers["Location"].endswith("/forget")
    done = clinician.post(f"/conversations/{conversation}/forget", {"confirm": "yes"})
    assert done.status_code == 303 and done.headers["Location"] == "/conversations?notice=forgotten"
    assert "Deleted. This was recorded in the audit log." in clinician.get(done.headers["Location"]).text
    assert tracker_events(privacy_env, target) == 0 and index_id(privacy_env, target) is None
    assert count(privacy_env, db.AppointmentRequest, db.AppointmentRequest.reference == "ITB-DEL1") == 0
    assert count(privacy_env, db.ConversationTerm, db.ConversationTerm.conversation_id == conversation) == 0
    assert tracker_events(privacy_env, untouched) == events_before
    assert count(privacy_env, db.AppointmentRequest, db.AppointmentRequest.reference == "ITB-KEEP") == 1
    row = audit_rows(privacy_env, "forget")[-1]
    assert row.username == "clinician" and row.target_type == "conversation"
    from console import audit

    assert row.target_id == audit.fingerprint(SECRET.encode(), target)
    assert '"appointment_requests": 1' in row.detail and "Pat" not in row.detail
    # Gone: its pages are 404 now.
    assert clinician.get(f"/conversations/{conversation}/forget").status_code == 404

    # A request staff already acted on is withdrawn (FORGET_ACTED_REQUESTS=withdraw, the default).
    conversation = index_id(privacy_env, acted)
    confirm = clinician.get(f"/conversations/{conversation}/forget")
    assert "marked withdrawn instead" in confirm.text
    clinician.post(f"/conversations/{conversation}/forget", {"confirm": "yes"})
    with db.session(privacy_env["database_url"]) as session:
        request = session.execute(select(db.AppointmentRequest)
                                  .where(db.AppointmentRequest.reference == "ITB-ACT1")).scalar_one()
        assert request.status == "withdrawn" and request.note is None and request.preferred_times == ""
        assert request.status_changed_by == "clinician"


def test_an_admin_deletes_everything_about_a_phone_number(privacy_env):
    from itb import db

    linked = privacy_env["webs"][2]  # a web conversation whose request has the number
    admin = login(privacy_env, "admin")
    page = admin.get("/privacy")
    assert page.status_code == 200 and 'action="/privacy/forget"' in page.text
    bad = admin.post("/privacy/forget", {"phone": "not a number"})
    assert bad.status_code == 400 and "not a phone number" in bad.text
    preview = admin.post("/privacy/forget", {"phone": "(617) 555-0142"})
    assert preview.status_code == 200 and "Delete permanently" in preview.text
    assert "+1******0142" in preview.text and "2 conversation(s)" in preview.text
    assert "2 text message(s)" in preview.text
    assert re.search(r'name="phone" value="\+16175550142"', preview.text)
    assert tracker_events(privacy_env, NUMBER) > 0  # a preview deletes nothing
    done = admin.post("/privacy/forget", {"phone": NUMBER, "confirm": "yes"})
    assert done.status_code == 303 and done.headers["Location"] == "/privacy?notice=forgotten"
    assert tracker_events(privacy_env, NUMBER) == 0 and tracker_events(privacy_env, linked) == 0
    assert index_id(privacy_env, NUMBER) is None and index_id(privacy_env, linked) is None
    assert count(privacy_env, db.AppointmentRequest, db.AppointmentRequest.reference == "ITB-PHN1") == 0
    assert count(privacy_env, db.SmsMessage, db.SmsMessage.phone == NUMBER) == 0
    assert count(privacy_env, db.SmsConversation, db.SmsConversation.phone == NUMBER) == 0
    assert count(privacy_env, db.SmsOptOut, db.SmsOptOut.phone == NUMBER) == 1  # STOP stays honoured
    assert count(privacy_env, db.SmsMessage, db.SmsMessage.phone == OTHER_NUMBER) == 1
    assert tracker_events(privacy_env, OTHER_NUMBER) > 0
    row = audit_rows(privacy_env, "forget")[-1]
    assert row.username == "admin" and row.target_type == "phone" and "0142" not in row.target_id
    assert '"sms_messages": 2' in row.detail
