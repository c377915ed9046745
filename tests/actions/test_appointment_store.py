"""Saving requests: once per form run, on SQLite and PostgreSQL; staff e-mail; CSV export."""
from __future__ import annotations

import csv
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from itb import appointments, db

FIELDS = dict(
    conversation_id="conv-1", channel="rest", full_name="Maria Lopez", phone="+12125550199",
    reason="trial", preferred_times="weekday mornings", preferred_times_parsed="[]",
    may_text=False, note=None,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'itb.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    db.upgrade(url)
    yield url
    db.engine(url).dispose()


def count(url: str) -> int:
    with db.session(url) as session:
        return session.query(db.AppointmentRequest).count()


def test_repeated_save_with_the_same_key_stores_one_row(database):
    first = appointments.save_request(FIELDS, "conv-1:run-a", database)
    again = appointments.save_request(FIELDS, "conv-1:run-a", database)
    assert first.created and not again.created and first.reference == again.reference
    other = appointments.save_request(FIELDS, "conv-1:run-b", database)
    assert other.created and other.reference != first.reference
    assert count(database) == 2
    with db.session(database) as session:
        row = session.query(db.AppointmentRequest).filter_by(reference=first.reference).one()
        assert (row.status, row.phone, row.full_name) == ("new", "+12125550199", "Maria Lopez")


def test_concurrent_retries_still_store_one_row(database):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: appointments.save_request(FIELDS, "conv-2:run", database), range(8)))
    assert len({result.reference for result in results}) == 1
    assert sum(result.created for result in results) == 1
    assert count(database) == 1


def test_hostile_text_is_stored_as_text(database):
    fields = dict(FIELDS, note="'; DROP TABLE appointment_requests; -- 🙂", preferred_times="=HYPERLINK(1)")
    saved = appointments.save_request(fields, "conv-3:run", database)
    with db.session(database) as session:
        row = session.query(db.AppointmentRequest).filter_by(reference=saved.reference).one()
        assert row.note == fields["note"]


def test_csv_export_lists_every_request_and_defuses_formulas(tmp_path, database):
    appointments.save_request(dict(FIELDS, preferred_times="=HYPERLINK(\"x\")"), "conv-4:run", database)
    path = tmp_path / "requests.csv"
    assert appointments.export_csv(str(path), url=database) == 1
    rows = list(csv.DictReader(path.open()))
    assert rows[0]["full_name"] == "Maria Lopez" and rows[0]["status"] == "new"
    assert rows[0]["preferred_times"].startswith("'=")


def test_unreachable_database_raises_instead_of_pretending(tmp_path):
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError):
        appointments.save_request(FIELDS, "k", "postgresql://postgres@127.0.0.1:1/nothing")


def test_staff_email_has_the_reference_but_no_health_details(monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    from support.stack import free_port

    port = free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("STAFF_EMAIL", "nurses@clinic.example")
        assert appointments.notify_staff("ITB-ABC234", "trial", "rest") is True
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        controller.stop()
    body = received[0].get_payload()
    assert "ITB-ABC234" in received[0]["Subject"] and "ITB trial" in body
    assert "Maria" not in body and "555" not in body


def test_no_email_without_smtp_settings(monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert appointments.notify_staff("ITB-ABC234", "trial", "rest") is False


def test_email_failure_does_not_raise(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", "1")
    monkeypatch.setenv("STAFF_EMAIL", "x@example.org")
    assert appointments.notify_staff("ITB-ABC234", "trial", "rest") is False
