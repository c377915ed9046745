"""Appointment requests end to end: chat over REST, then look at the stored row."""
from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import create_engine, text

from support.stack import running_assistant


def chat(server, sender: str, message: str) -> str:
    response = requests.post(
        f"{server['rasa']}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
    )
    assert response.status_code == 200, response.text
    return "\n".join(m.get("text", "") for m in response.json())


def stored(server, sender: str) -> list:
    engine = create_engine(server["database_url"], future=True)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(
                text("select * from appointment_requests where conversation_id = :c"), {"c": sender}
            )]
    finally:
        engine.dispose()


HAPPY_PATH = [
    ("I'd like to book the ITB trial for my son", "full name"),
    ("Maria Lopez", "phone number"),
    ("(212) 555-0199", "visit for"),
    ("The ITB trial", "days and times"),
    ("next Tuesday after 2 pm", "text messages"),
    ("Texts or calls are fine", "anything else"),
    ("He uses a wheelchair", "Shall I send it"),
]


def book(server, sender: str) -> str:
    for message, expected in HAPPY_PATH:
        reply = chat(server, sender, message)
        assert expected in reply, (message, reply)
    return chat(server, sender, "yes")


def test_a_request_is_stored_once_and_the_patient_gets_a_reference(servers):
    sender = f"appt-{uuid.uuid4().hex}"
    done = book(servers, sender)
    assert "Your reference is ITB-" in done and "will call you" in done and "800.775" in done
    rows = stored(servers, sender)
    assert len(rows) == 1
    row = rows[0]
    assert row["full_name"] == "Maria Lopez" and row["phone"] == "+12125550199"
    assert row["reason"] == "trial" and row["preferred_times"] == "next Tuesday after 2 pm"
    assert row["status"] == "new" and row["channel"] == "rest" and row["note"] == "He uses a wheelchair"
    assert row["reference"] in done
    # Saying yes again does not make a second request.
    chat(servers, sender, "yes")
    assert len(stored(servers, sender)) == 1


def test_read_back_lets_one_field_change(servers):
    sender = f"appt-{uuid.uuid4().hex}"
    for message, _ in HAPPY_PATH:
        chat(servers, sender, message)
    assert "phone number" in chat(servers, sender, "change the phone number")
    summary = chat(servers, sender, "212-555-0100")
    assert "(212) 555-0100" in summary and "Maria Lopez" in summary
    chat(servers, sender, "yes")
    assert stored(servers, sender)[0]["phone"] == "+12125550100"


def test_health_question_in_the_middle_is_answered_then_the_form_resumes(servers):
    sender = f"appt-{uuid.uuid4().hex}"
    chat(servers, sender, "can I make an appointment")
    reply = chat(servers, sender, "how long does the trial take?")
    assert "hours" in reply and "full name" in reply


def test_emergency_in_the_middle_wins(servers):
    sender = f"appt-{uuid.uuid4().hex}"
    chat(servers, sender, "book an appointment please")
    chat(servers, sender, "Maria Lopez")
    reply = chat(servers, sender, "wait my son is having a seizure")
    assert reply.startswith("Call 911")


@pytest.mark.parametrize("word", ["cancel", "never mind", "forget it"])
def test_cancel_at_any_point_saves_nothing(servers, word):
    sender = f"appt-{uuid.uuid4().hex}"
    chat(servers, sender, "I want an appointment")
    chat(servers, sender, "Maria Lopez")
    assert "Nothing was sent" in chat(servers, sender, word)
    assert stored(servers, sender) == []
    assert "spinal cord" in chat(servers, sender, "what is ITB")


@pytest.mark.parametrize(
    "step,bad,reask",
    [
        (1, "x" * 4000, "first and last name"),
        (1, "🙂🙂🙂", "first and last name"),
        (1, "Robert'); DROP TABLE appointment_requests;--", "first and last name"),
        (2, "555-abc-defg", "only have digits"),
        (2, "", "empty"),
        (4, "June 1 2076", "more than a year"),
        (4, "yesterday", "already passed"),
    ],
)
def test_bad_answers_get_a_kind_re_ask(servers, step, bad, reask):
    sender = f"appt-{uuid.uuid4().hex}"
    chat(servers, sender, "I need an appointment")
    for message, _ in HAPPY_PATH[1:step]:
        chat(servers, sender, message)
    reply = chat(servers, sender, bad)
    assert reask in reply
    assert stored(servers, sender) == []


def test_requests_are_stored_in_postgres(tmp_path_factory, postgres_url):
    # (Rasa's tracker store treats any URL containing "postgresql" as one, so the
    # SQLite tracker file's folder must not be named after this test.)
    with running_assistant(tmp_path_factory.mktemp("pg"), DATABASE_URL=postgres_url) as server:
        sender = f"appt-pg-{uuid.uuid4().hex}"
        assert "ITB-" in book(server, sender)
        rows = stored(server, sender)
        assert len(rows) == 1 and rows[0]["phone"] == "+12125550199"


def test_database_down_is_said_plainly_and_nothing_is_claimed(tmp_path):
    # The schema exists (migrated at start) but the database then goes away:
    # simulate with a SQLite file whose directory becomes read-only.
    folder = tmp_path / "db"
    folder.mkdir()
    url = f"sqlite:///{folder / 'itb.db'}"
    with running_assistant(tmp_path, DATABASE_URL=url) as server:
        (folder / "itb.db").unlink()
        folder.chmod(0o500)
        try:
            sender = f"appt-down-{uuid.uuid4().hex}"
            done = book(server, sender)
        finally:
            folder.chmod(0o700)
        assert "could not save your request" in done and "800.775" in done
        assert "reference" not in done.lower()
        assert "Maria" not in server["log"].read_text(errors="replace")


def test_action_server_down_gets_a_plain_apology(tmp_path):
    with running_assistant(tmp_path, ACTION_ENDPOINT_URL="http://127.0.0.1:9/webhook") as server:
        reply = chat(server, f"appt-noact-{uuid.uuid4().hex}", "I want to book an appointment")
        assert "could not finish that" in reply and "800.775" in reply
        # Questions answered from the domain still work.
        assert "spinal cord" in chat(server, f"q-{uuid.uuid4().hex}", "what is ITB")
