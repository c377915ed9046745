"""Conversations over HTTP: list, search, filters, pagination, transcript,
masking and reveal, tags, notes, review marks and exports."""
from __future__ import annotations

import csv
import io
import json
import re

from sqlalchemy import select

from tests.console import data


def conversation_id(env, sender):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(db.ConversationIndex.id).where(db.ConversationIndex.sender_id == sender)).scalar()


def indexed(env):
    from sqlalchemy import func

    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(func.count()).select_from(db.ConversationIndex)).scalar()


def listed_ids(html):
    return [int(i) for i in re.findall(r'href="/conversations/(\d+)" class="row-link"', html)]


def test_list_is_newest_first_with_channel_length_question_and_flags(console, client_for):
    client = client_for("reviewer")
    page = client.get("/conversations")
    assert page.status_code == 200
    total = indexed(console.env)
    assert f"<strong>{total}</strong> conversations" in page.text
    ids = listed_ids(page.text)
    assert len(ids) == 50
    # the five hand-made conversations are the newest (hours ago), the newest first
    assert ids[0] == conversation_id(console.env, "web-named-patient")
    assert ids[1] == conversation_id(console.env, data.SMS_NUMBER)
    assert "How long does the trial take?" in page.text
    assert data.PATIENT_NAME not in page.text and "617-555-0134" not in page.text  # masked in the list too
    for label in ("Emergency", "Fallback", "Handoff", "Appointment", "Low confidence"):
        assert f"</span>{label}</span>" in page.text
    assert 'channel-sms">SMS' in page.text and 'channel-web">Web' in page.text


def test_pagination_walks_every_conversation_once(console, client_for):
    client = client_for("reviewer")
    seen, path, pages = [], "/conversations", 0
    while path:
        page = client.get(path)
        seen += listed_ids(page.text)
        pages += 1
        older = re.search(r'href="([^"]+)" rel="next"', page.text)
        path = older.group(1).replace("&amp;", "&") if older else None
    total = indexed(console.env)
    assert pages == (total + 49) // 50 and len(seen) == len(set(seen)) == total
    # and back: "Newer" from the second page returns the first page
    second = client.get(re.search(r'href="([^"]+)" rel="next"', client.get("/conversations").text).group(1).replace("&amp;", "&"))
    newer = re.search(r'href="([^"]+)" rel="prev"', second.text).group(1).replace("&amp;", "&")
    assert listed_ids(client.get(newer).text) == listed_ids(client.get("/conversations").text)


def test_full_text_search_words_prefixes_and_phone_numbers(console, client_for):
    client = client_for("reviewer")
    named = conversation_id(console.env, "web-named-patient")
    assert listed_ids(client.get(f"/conversations?q={data.MARKER}").text) == [named]
    assert listed_ids(client.get("/conversations?q=ZEBRAQUA").text) == [named]  # prefix, any case
    assert listed_ids(client.get(f"/conversations?q={data.MARKER}+nothing-like-this").text) == []
    cat = listed_ids(client.get("/conversations?q=cat+sleep").text)
    assert conversation_id(console.env, "web-fallback") in cat
    sms = listed_ids(client.get("/conversations?q=(617) 555-0188").text)
    assert sms == [conversation_id(console.env, data.SMS_NUMBER)]
    by_request_phone = listed_ids(client.get("/conversations?q=617.555.0199").text)
    assert by_request_phone == [conversation_id(console.env, "web-appointment")]


def test_filters(console, client_for):
    client = client_for("reviewer")

    def ids(query):
        return set(listed_ids(client.get("/conversations?" + query).text))

    emergency = ids("emergency=1")
    assert conversation_id(console.env, data.SMS_NUMBER) in emergency
    assert conversation_id(console.env, "web-fallback") not in emergency
    assert conversation_id(console.env, "web-fallback") in ids("fallback=1")
    assert conversation_id(console.env, "web-handoff") in ids("handoff=1")
    assert conversation_id(console.env, "web-appointment") in ids("appointment=1")
    assert conversation_id(console.env, "web-named-patient") in ids("low=1")  # 0.41 < 0.5
    sms = ids("channel=sms")
    assert conversation_id(console.env, data.SMS_NUMBER) in sms and conversation_id(console.env, "web-fallback") not in sms
    assert ids("intent=ask_pump_alarm") >= {conversation_id(console.env, "web-named-patient")}
    assert ids("intent=not_an_intent") == ids("")  # an unknown value is ignored, not an error
    assert ids("from=2000-01-01&to=2000-01-31") == set()
    assert ids("emergency=1&channel=sms&q=unconscious") == {conversation_id(console.env, data.SMS_NUMBER)}


def test_transcript_shows_turns_intents_confidence_and_actions(console, client_for):
    client = client_for("reviewer")
    named = conversation_id(console.env, "web-named-patient")
    page = client.get(f"/conversations/{named}")
    assert page.status_code == 200
    html = page.text
    assert "<code>ask_trial_duration</code> · confidence 0.92" in html
    assert "<code>ask_pump_alarm</code> · confidence 0.41" in html
    assert "Action <code>utter_ask_pump_alarm</code>" in html
    assert html.index("How long does the trial take?") < html.index("beep twice")
    assert "New session" in html and "Low confidence" in html
    # local time (CONSOLE_TIMEZONE=America/Chicago) and an ISO timestamp for machines
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\w{3} \d\d, \d\d:\d\d:\d\d</time>', html)
    assert "America/Chicago" in html
    fallback = client.get(f"/conversations/{conversation_id(console.env, 'web-fallback')}").text
    assert "Best guess <code>ask_pump_daily_life</code>" in fallback
    assert client.get("/conversations/987654").status_code == 404


def test_reviewer_sees_names_and_numbers_masked(console, client_for):
    client = client_for("reviewer")
    html = client.get(f"/conversations/{conversation_id(console.env, 'web-named-patient')}").text
    assert data.PATIENT_NAME not in html and data.PATIENT_PHONE_TEXT not in html
    assert 'class="masked" title="name hidden">[name]' in html and "[phone]" in html
    assert "Reveal" not in html
    form = client.get(f"/conversations/{conversation_id(console.env, 'web-appointment')}").text
    assert data.FORM_NAME not in form and "617 555 0199" not in form and "Jane" not in form
    sms = client.get(f"/conversations/{conversation_id(console.env, data.SMS_NUMBER)}").text
    assert data.SMS_NUMBER not in sms and "••• ••• ••88" in sms


def test_clinician_reveal_is_audited_and_shows_details(console, client_for):
    from itb import db

    client = client_for("clinician")
    cid = conversation_id(console.env, "web-appointment")
    assert data.FORM_NAME not in client.get(f"/conversations/{cid}").text
    response = client.post(f"/conversations/{cid}/reveal")
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).text
    assert data.FORM_NAME in html and "617 555 0199" in html and "recorded in the audit log" in html
    with db.session(console.env["database_url"]) as session:
        reveal = session.execute(select(db.AuditLog).where(db.AuditLog.action == "conversation.reveal",
                                                           db.AuditLog.target_id == str(cid))).scalars().all()
        view = session.execute(select(db.AuditLog).where(db.AuditLog.action == "conversation.view",
                                                         db.AuditLog.target_id == str(cid))
                               .order_by(db.AuditLog.id.desc())).scalars().first()
    assert reveal and reveal[0].username == "clinician" and '"revealed": true' in view.detail
    # another clinician's session has not revealed anything
    other = client_for("clinician2")
    assert data.FORM_NAME not in other.get(f"/conversations/{cid}").text


def test_tags_notes_and_review_marks(console, client_for):
    client = client_for("reviewer")
    cid = conversation_id(console.env, "web-fallback")
    assert client.post(f"/conversations/{cid}/tags", {"tag": "Needs FAQ"}).status_code == 303
    assert client.post(f"/conversations/{cid}/tags", {"tag": "<script>"}).status_code == 400
    assert client.post(f"/conversations/{cid}/notes", {"body": "Add a pets answer <b>soon</b>"}).status_code == 303
    assert client.post(f"/conversations/{cid}/review", {"action": "mark"}).status_code == 303
    html = client.get(f"/conversations/{cid}").text
    assert '<span class="tag">needs faq</span>' in html
    assert "Add a pets answer &lt;b&gt;soon&lt;/b&gt;" in html  # escaped
    assert "Reviewed by reviewer" in html
    assert set(listed_ids(client.get("/conversations?tag=needs+faq").text)) == {cid}
    assert cid in listed_ids(client.get("/conversations?reviewed=yes").text)
    assert cid not in listed_ids(client.get("/conversations?reviewed=no").text)
    assert client.post(f"/conversations/{cid}/tags", {"tag": "needs faq", "remove": "1"}).status_code == 303
    assert client.post(f"/conversations/{cid}/review", {"action": "unmark"}).status_code == 303
    assert listed_ids(client.get("/conversations?tag=needs+faq").text) == []


def test_exports_are_masked_by_role_and_audited(console, client_for):
    from itb import db

    reviewer = client_for("reviewer")
    cid = conversation_id(console.env, "web-appointment")
    one = reviewer.post(f"/conversations/{cid}/export", {"format": "json", "reveal": "1"})
    assert one.status_code == 200 and "attachment" in one.headers["Content-Disposition"]
    record = json.loads(one.text)["conversations"][0]
    assert record["masked"] is True and record["conversation"] == f"C-{cid}"
    assert data.FORM_NAME not in one.text and "0199" not in one.text
    assert [t["speaker"] for t in record["turns"]][:2] == ["patient", "assistant"]
    assert record["turns"][0]["intent"] == "request_appointment"

    clinician = client_for("clinician")
    revealed = clinician.post(f"/conversations/{cid}/export", {"format": "json", "reveal": "1"})
    assert data.FORM_NAME in revealed.text and json.loads(revealed.text)["conversations"][0]["masked"] is False

    many = reviewer.post("/conversations/export", {"format": "csv", "channel": "web", "handoff": "1"})
    rows = list(csv.DictReader(io.StringIO(many.text)))
    assert rows and {row["channel"] for row in rows} == {"web"}
    handoff = [row for row in rows if row["text"].startswith("'=HYPERLINK")]
    assert handoff, "a cell that starts like a formula is neutralised"
    with db.session(console.env["database_url"]) as session:
        actions = [(r.action, r.username, r.detail) for r in session.execute(
            select(db.AuditLog).where(db.AuditLog.action.in_(["conversation.export", "conversations.export"]))).scalars()]
    assert ("conversation.export", "reviewer") in [(a, u) for a, u, _ in actions]
    assert any(a == "conversation.export" and u == "clinician" and '"revealed": true' in d for a, u, d in actions)
    assert any(a == "conversations.export" and '"handoff": "1"' in d for a, u, d in actions)


def test_new_conversations_appear_without_a_restart(console, client_for):
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
    import time as clock

    now = clock.time()
    data.store(console.env["tracker_url"], {"late-arrival": [
        ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now),
        UserUttered("what about quokkanumbat refills", intent={"name": "ask_pump_refill", "confidence": 0.9},
                    parse_data={"intent": {"name": "ask_pump_refill", "confidence": 0.9}, "entities": []},
                    timestamp=now + 1, input_channel="rest")]})
    client = client_for("reviewer")
    deadline = clock.monotonic() + 10
    while clock.monotonic() < deadline:
        if listed_ids(client.get("/conversations?q=quokkanumbat").text):
            break
        clock.sleep(0.3)
    assert listed_ids(client.get("/conversations?q=quokkanumbat").text) == [conversation_id(console.env, "late-arrival")]
