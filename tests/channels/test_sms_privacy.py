"""Patients in control of their data over SMS, signed as Twilio signs: "what do
you know about me?" and "forget me" cover every conversation and request of
the caller's number; the opt-out is kept; a Twilio retry changes nothing."""
from __future__ import annotations

import json
import uuid

import requests
from sqlalchemy import create_engine, text

from channels.sms_text import segments
from support.twilio import new_phone, reply_texts


def query(url: str, sql: str, **params) -> list:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def execute(url: str, sql: str, **params) -> None:
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql), params)
    finally:
        engine.dispose()


def events(sms, sender: str) -> list:
    return query(sms.server["env"]["TRACKER_STORE_URL"],
                 "select type_name, data from events where sender_id = :s order by id", s=sender)


def add_request(sms, reference: str, conversation: str, phone: str, status: str = "new") -> None:
    execute(sms.server["database_url"],
            "insert into appointment_requests (reference, idempotency_key, conversation_id, channel, full_name, "
            "phone, reason, preferred_times, may_text, status, created_at, updated_at) values (:r, :r, :c, 'sms', "
            "'Jane Doe', :p, 'trial', 'mornings', 1, :s, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
            r=reference, c=conversation, p=phone, s=status)


def rest(sms, sender: str, message: str) -> str:
    answer = requests.post(sms.base + "/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60)
    assert answer.status_code == 200
    return "\n".join(m.get("text", "") for m in answer.json())


def test_what_do_you_know_over_sms(sms):
    phone = new_phone()
    sms.send("what is a baclofen pump", phone)
    reference = "ITB-" + uuid.uuid4().hex[:6].upper()
    add_request(sms, reference, phone, phone)
    reply = sms.send("what do you know about me?", phone)
    assert "Here is what we keep for this phone number" in reply
    assert f"Appointment request {reference}: sent, and the clinic will call you." in reply
    assert "Name J*** D**" in reply and f"phone {phone[:2]}******{phone[-4:]}" in reply
    assert "Texts: we reply to your texts. Text STOP to end them." in reply
    assert 'say "forget me"' in reply
    assert segments(reply).count <= 3


def test_forget_me_over_sms_covers_the_number_and_keeps_the_opt_out(sms):
    phone, other = new_phone(), new_phone()
    db_url = sms.server["database_url"]
    # The number stopped and started texts again: its opt-out row must stay.
    assert "unsubscribed" in sms.send("STOP", phone)
    assert "subscribed" in sms.send("START", phone)
    sms.send("does the pelicanmango pump beep", phone)
    sms.send("what is spasticity", other)
    other_events = events(sms, other)
    # A web conversation with a request for this number belongs to it too.
    web = f"web-{uuid.uuid4().hex}"
    rest(sms, web, "can the lycheebadger pump get wet")
    add_request(sms, "ITB-W" + uuid.uuid4().hex[:5].upper(), web, phone)
    sms_reference = "ITB-S" + uuid.uuid4().hex[:5].upper()
    add_request(sms, sms_reference, phone, phone)
    add_request(sms, "ITB-O" + uuid.uuid4().hex[:5].upper(), other, other)

    asked = sms.send("forget me", phone)
    assert "delete what we keep for this phone number" in asked
    assert "Reply 1 for yes, delete it, 2 for no, keep it." in asked
    params = sms.params("1", phone)
    answer = sms.post(params)
    assert answer.status_code == 200
    done = reply_texts(answer.text)[0]
    assert done.startswith("Done. I deleted the texts from this number and your appointment requests"), done
    assert sms_reference in done
    assert "if you text STOP, we will never text you again" in done

    # Tracker: a fresh start for the number, the linked web conversation gone, the other number untouched.
    rows = events(sms, phone)
    assert [json.loads(r["data"]).get("text") for r in rows if r["type_name"] == "user"] == ["/affirm"]
    assert all("pelicanmango" not in r["data"] for r in rows)
    assert events(sms, web) == []
    assert events(sms, other) == other_events
    # Project tables.
    assert query(db_url, "select * from appointment_requests where phone = :p", p=phone) == []
    assert len(query(db_url, "select * from appointment_requests where phone = :p", p=other)) == 1
    kept = query(db_url, "select message_sid, body, reply from sms_messages where phone = :p", p=phone)
    assert kept == [{"message_sid": params["MessageSid"], "body": "", "reply": done}]
    assert len(query(db_url, "select * from sms_messages where phone = :p", p=other)) >= 1
    assert query(db_url, "select opted_out from sms_opt_outs where phone = :p", p=phone) == [{"opted_out": 0}]
    state = query(db_url, "select options, pending from sms_conversations where phone = :p", p=phone)
    assert state in ([], [{"options": None, "pending": None}])
    audit = query(db_url, "select * from audit_log where action = 'forget' and target_type = 'phone' order by id")[-1]
    assert audit["username"] == "patient" and phone not in audit["target_id"] and phone[-4:] not in audit["detail"]
    detail = json.loads(audit["detail"])
    assert detail["appointment_requests"] == 2 and detail["sms_messages"] >= 4

    # Twilio retries the webhook: the same reply, no second turn, nothing else changes.
    again = sms.post(params)
    assert again.text == answer.text
    assert events(sms, phone) == rows
    # The conversation goes on.
    assert "spinal" in sms.send("what is ITB", phone)


def test_no_over_sms_keeps_everything(sms):
    phone = new_phone()
    sms.send("does the pump beep", phone)
    sms.send("forget me", phone)
    assert "did not delete anything" in sms.send("2", phone)
    assert len(query(sms.server["database_url"], "select * from sms_messages where phone = :p", p=phone)) == 3
    assert any("does the pump beep" in row["data"] for row in events(sms, phone))
