"""Clinic contact details come from configuration, not code: the action sends
`utter_clinic_contact`, whose settings the response generator fills in."""
from __future__ import annotations

import asyncio
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic import ActionClinicContact
from itb.content.nlg import ContentNLG

ROOT = Path(__file__).resolve().parents[2]
CLINIC = ("CLINIC_NAME", "CLINIC_HOURS", "CLINIC_ADDRESS", "CLINIC_PHONE", "CLINIC_AFTER_HOURS_PHONE")


def run_action(monkeypatch, **env) -> list:
    """The action's messages as the Rasa server sends them (through the generator)."""
    for key in CLINIC:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    dispatcher = CollectingDispatcher()
    tracker = Tracker("t", {}, {}, [], False, None, {}, "action_listen")
    asyncio.run(ActionClinicContact().run(dispatcher, tracker, {}))
    generator = ContentNLG(domain=Domain.load(str(ROOT / "domain.yml")))
    messages = []
    for message in dispatcher.messages:
        assert message["text"] is None and message["response"], "actions send responses by name"
        values = {k: v for k, v in message.items() if k != "response"}
        messages.append(generator.generate_from_slots(message["response"], {}, "rest", **values))
    return messages


def test_contact_uses_configured_hours_and_address(monkeypatch):
    messages = run_action(
        monkeypatch, CLINIC_NAME="Lakeside Pain Center", CLINIC_HOURS="Mon-Thu 7 am to 4 pm",
        CLINIC_ADDRESS="12 Main St", CLINIC_AFTER_HOURS_PHONE="555-010-0100",
    )
    text = messages[0]["text"]
    assert "Lakeside Pain Center" in text and "Mon-Thu 7 am to 4 pm" in text
    assert "12 Main St" in text and "After hours, call 555-010-0100." in text and "911" in text
    assert messages[0]["buttons"][0]["payload"] == "/request_appointment"


def test_contact_defaults_work_without_configuration(monkeypatch):
    text = run_action(monkeypatch)[0]["text"]
    assert "800.775.PAIN (7246)" in text
    # Nothing configured, nothing said: no address, no hours, no after-hours number.
    assert "We are at" not in text and "hours" not in text.lower() and "{" not in text
