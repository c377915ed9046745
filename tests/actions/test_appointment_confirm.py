"""The confirmation saves the request and e-mails staff without stalling the action
server: while one patient's confirmation waits on a slow mail server, another
conversation's action still answers at once."""
from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, Dict, Iterator

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import appointments as form
from itb import db
from itb.content import texts

SLOTS: Dict[str, Any] = {
    "appt_name": "Maria Lopez", "appt_phone": "+12125550199", "appt_reason": "trial",
    "appt_times": "weekday mornings", "appt_times_parsed": "[]", "appt_may_text": "no",
    "appt_note": "-", "appt_run": "run-1", "requested_slot": "appt_confirm",
}


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite database as the default one (DATABASE_URL), which the action saves to."""
    url = f"sqlite:///{tmp_path / 'itb.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.engine.cache_clear()
    db._session_factory.cache_clear()
    db.upgrade(url)
    yield url
    db.engine(url).dispose()
    db.engine.cache_clear()
    db._session_factory.cache_clear()


class StallingMailServer:
    """Accepts a connection and says nothing (no SMTP greeting) until released, or for `limit` seconds."""

    def __init__(self, limit: float = 4.0) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted, self.released, self.limit = threading.Event(), threading.Event(), limit
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(10)
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        self.accepted.set()
        self.released.wait(self.limit)
        connection.close()  # the client hears the server hang up: the e-mail fails

    def close(self) -> None:
        self.released.set()
        self.listener.close()
        self.thread.join(5)


@pytest.fixture
def slow_mail(monkeypatch) -> Iterator[StallingMailServer]:
    server = StallingMailServer()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(server.port))
    monkeypatch.setenv("STAFF_EMAIL", "nurses@clinic.example")
    yield server
    server.close()


def stored(url: str, sender: str) -> list:
    with db.session(url) as session:
        return [(row.reference, row.full_name, row.phone)
                for row in session.query(db.AppointmentRequest).filter_by(conversation_id=sender)]


def test_a_slow_mail_server_does_not_stall_other_conversations(database, slow_mail):
    latest = {"text": "yes", "intent": {"name": "affirm", "confidence": 1.0}, "entities": []}
    confirming = Tracker("patient-1", dict(SLOTS), latest, [], False, None, {"name": form.FORM}, "action_listen")
    other = Tracker("patient-2", {}, {"text": "book", "intent": {}, "entities": []}, [], False, None,
                    {"name": form.FORM}, "action_listen")

    async def scenario() -> Dict[str, Any]:
        confirm = asyncio.create_task(
            form.ValidateAppointmentForm().validate_appt_confirm("yes", CollectingDispatcher(), confirming, {})
        )
        # The confirmation is now waiting on the mail server's greeting...
        assert await asyncio.to_thread(slow_mail.accepted.wait, 5), "the confirmation never reached the mail server"
        # ...and another conversation's action answers meanwhile.
        dispatcher = CollectingDispatcher()
        await asyncio.wait_for(form.ActionAskApptPhone().run(dispatcher, other, {}), timeout=1)
        asked = texts.text(dispatcher.messages[0]["response"])
        assert asked.startswith("What phone number should the clinic call?"), asked
        assert not confirm.done(), "the confirmation finished before the mail server answered"
        slow_mail.released.set()
        return await asyncio.wait_for(confirm, timeout=15)

    result = asyncio.run(scenario())
    # The same outcome as ever: the request is saved and the patient gets its reference,
    # though the e-mail failed.
    assert result["appt_confirm"] == "yes" and result["appt_reference"].startswith("ITB-")
    assert stored(database, "patient-1") == [(result["appt_reference"], "Maria Lopez", "+12125550199")]
    dispatcher = CollectingDispatcher()
    done = Tracker("patient-1", dict(SLOTS, appt_confirm="yes", appt_reference=result["appt_reference"]),
                   latest, [], False, None, {}, "action_listen")
    asyncio.run(form.ActionAppointmentDone().run(dispatcher, done, {}))
    assert dispatcher.messages[0]["response"] == "utter_appt_saved"
    assert dispatcher.messages[0]["reference"] == result["appt_reference"]
