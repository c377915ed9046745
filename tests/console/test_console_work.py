"""The training inbox, the appointment queue, the dashboard and the admin pages."""
from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from conftest import PASSWORD, Client  # tests/console/conftest.py, resolved at collection
from tests.console import data


def event_ids_in(html):
    return [int(i) for i in re.findall(r'action="/inbox/(\d+)"', html)]


def turn_event(env, sender, intent):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(
            select(db.ConversationTurn.event_id).join(db.ConversationIndex,
                                                      db.ConversationIndex.id == db.ConversationTurn.conversation_id)
            .where(db.ConversationIndex.sender_id == sender, db.ConversationTurn.intent == intent)).scalar()


def test_inbox_lists_fallbacks_and_low_confidence_but_not_form_answers(console, client_for):
    client = client_for("reviewer")
    page = client.get("/inbox")
    assert page.status_code == 200
    fallback = turn_event(console.env, "web-fallback", "nlu_fallback")
    low = turn_event(console.env, "web-named-patient", "ask_pump_alarm")
    form_answer = turn_event(console.env, "web-appointment", "ask_itb_what")  # the name typed into the form
    pending = set(event_ids_in(page.text))
    html = page.text
    older = re.search(r'href="(/inbox\?before=[^"]+)"', html)
    while older:
        page = client.get(older.group(1))
        pending |= set(event_ids_in(page.text))
        older = re.search(r'href="(/inbox\?before=[^"]+)"', page.text)
    assert fallback in pending and low in pending and form_answer not in pending
    if fallback in event_ids_in(html):
        assert "best guess <code>ask_pump_daily_life</code>" in html


def test_labelling_and_exporting_a_valid_rasa_nlu_fragment(console, client_for):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from itb import db

    client = client_for("reviewer")
    fallback = turn_event(console.env, "web-fallback", "nlu_fallback")
    low = turn_event(console.env, "web-named-patient", "ask_pump_alarm")
    assert client.post(f"/inbox/{fallback}", {"decision": "label", "intent": "ask_pump_daily_life",
                                              "text": "can my cat [sleep](thing) on the pump side\nok"}).status_code == 303
    assert client.post(f"/inbox/{low}", {"decision": "out_of_scope", "intent": "",
                                         "text": "does the pump beep twice"}).status_code == 303
    assert client.post(f"/inbox/{fallback}", {"decision": "label", "intent": "not_an_intent",
                                              "text": "x"}).status_code == 400
    assert fallback not in event_ids_in(client.get("/inbox").text)
    export = client.post("/inbox/export", {"only_new": "1"})
    assert export.status_code == 200 and "nlu-corrections.yml" in export.headers["Content-Disposition"]
    training = RasaYAMLReader().reads(export.text)
    examples = {(m.get("intent"), m.get("text")) for m in training.intent_examples}
    assert ("ask_pump_daily_life", "can my cat (sleep)(thing) on the pump side ok") in examples
    assert ("out_of_scope", "does the pump beep twice") in examples
    assert not training.entity_examples  # nothing a patient typed became entity mark-up
    # exported once: "only new" is empty the second time, and still valid
    again = client.post("/inbox/export", {"only_new": "1"})
    assert RasaYAMLReader().reads(again.text).intent_examples == []
    with db.session(console.env["database_url"]) as session:
        rows = session.execute(select(db.AuditLog.action).where(db.AuditLog.action.in_(["inbox.label", "nlu.export"]))).scalars().all()
    assert rows.count("inbox.label") >= 2 and "nlu.export" in rows


def test_appointment_queue_status_changes_history_and_export(console, client_for):
    from itb import db

    with db.session(console.env["database_url"]) as session:
        request = session.execute(select(db.AppointmentRequest).where(
            db.AppointmentRequest.reference == "ITB-7Q2K")).scalar_one()
        request_id, request.status = request.id, "new"  # whatever other tests did with it
    reviewer = client_for("reviewer")
    queue = reviewer.get("/appointments")
    assert "ITB-7Q2K" in queue.text and data.FORM_NAME not in queue.text and "••• ••• ••99" in queue.text
    assert "Tuesday mornings, ask for [name]" in queue.text
    assert reviewer.post(f"/appointments/{request_id}/status", {"status": "contacted"}).status_code == 403

    clinician = client_for("clinician")
    response = clinician.post(f"/appointments/{request_id}/status", {"status": "contacted", "back": "/appointments?status=new"})
    assert response.status_code == 303 and response.headers["Location"] == "/appointments?status=new&notice=status"
    clinician.post(f"/appointments/{request_id}/status", {"status": "scheduled", "back": "https://evil.example/"})
    detail = clinician.get(f"/appointments/{request_id}").text
    assert "new → contacted" in detail and "contacted → scheduled" in detail and "clinician" in detail
    with db.session(console.env["database_url"]) as session:
        row = session.get(db.AppointmentRequest, request_id)
        assert row.status == "scheduled" and row.status_changed_by == "clinician"
    assert "ITB-7Q2K" in clinician.get("/appointments?status=scheduled").text
    assert "ITB-7Q2K" not in clinician.get("/appointments?status=new").text

    masked = list(csv.DictReader(io.StringIO(reviewer.post("/appointments/export", {"reveal": "1"}).text)))
    assert masked[0]["name"] == "[name hidden]" and masked[0]["phone"].startswith("•••")
    assert masked[0]["note"] == "'=1+2 wheelchair user"  # formula neutralised
    clinician.post(f"/appointments/{request_id}/reveal")
    assert data.FORM_NAME in clinician.get(f"/appointments/{request_id}").text
    full = list(csv.DictReader(io.StringIO(clinician.post("/appointments/export", {"reveal": "1"}).text)))
    assert full[0]["name"] == data.FORM_NAME and full[0]["phone"] == "'" + data.FORM_PHONE
    with db.session(console.env["database_url"]) as session:
        actions = session.execute(select(db.AuditLog.action).where(db.AuditLog.target_type.in_(
            ["appointment", "appointments"]))).scalars().all()
    assert {"appointment.status", "appointment.reveal", "appointments.export", "appointments.list"} <= set(actions)


def test_dashboard_numbers_and_charts(console, client_for):
    client = client_for("reviewer")
    page = client.get("/dashboard")
    assert page.status_code == 200
    html = page.text
    assert html.count("<svg") == 2 and "Web (solid)" in html and "SMS (striped)" in html
    assert "Fallback rate" in html and "Handoff rate" in html and "SMS opt-outs" in html
    assert re.search(r'Emergencies</div><div class="card-value">([1-9]\d*)</div>', html)
    assert re.search(r'SMS opt-outs</div><div class="card-value">1</div>', html)
    assert "<code>nlu_fallback</code>" in html  # top intents table
    narrow = client.get("/dashboard?from=2001-01-01&to=2001-01-03").text
    assert "No messages in this period." in narrow


def test_admin_manages_users_and_settings(console, client_for):
    from console import config
    from itb import db

    admin = client_for("admin")
    assert admin.post("/admin/users", {"username": "newbie", "role": "reviewer", "password": "short",
                                       "again": "short"}).status_code == 400
    assert admin.post("/admin/users", {"username": "newbie", "role": "reviewer", "password": "a long passphrase 42",
                                       "again": "a long passphrase 42"}).status_code == 303
    newbie = Client(console)
    assert newbie.login("newbie", "a long passphrase 42").status_code == 303
    with db.session(console.env["database_url"]) as session:
        user_id = session.execute(select(db.StaffUser.id).where(db.StaffUser.username == "newbie")).scalar()
        admin_id = session.execute(select(db.StaffUser.id).where(db.StaffUser.username == "admin")).scalar()
    assert admin.post(f"/admin/users/{user_id}", {"action": "disable"}).status_code == 303
    assert newbie.get("/conversations").status_code == 302  # disabling ends the session
    assert admin.post(f"/admin/users/{admin_id}", {"action": "disable"}).status_code == 400  # not yourself
    assert admin.post("/admin/settings", {"retention_days": "30", "low_confidence": "0.35"}).status_code == 303
    values = config.overrides(console.env["database_url"])
    assert values == {"retention_days": "30", "low_confidence": "0.35"}
    assert admin.post("/admin/settings", {"retention_days": "-1", "low_confidence": "2"}).status_code == 400
    # back to the defaults the other tests expect
    assert admin.post("/admin/settings", {"retention_days": "365", "low_confidence": "0.5"}).status_code == 303


def test_changing_ones_own_password_ends_the_session(console):

    client = Client(console)
    client.login("clinician2")
    bad = client.post("/account/password", {"current": "nope", "new": "x" * 12, "again": "x" * 12})
    assert bad.status_code == 400
    ok = client.post("/account/password", {"current": PASSWORD, "new": "another long secret 7", "again": "another long secret 7"})
    assert ok.status_code == 303 and client.get("/conversations").status_code == 302
    assert Client(console).login("clinician2", "another long secret 7").status_code == 303
    again = Client(console)
    again.login("clinician2", "another long secret 7")
    again.post("/account/password", {"current": "another long secret 7", "new": PASSWORD, "again": PASSWORD})
