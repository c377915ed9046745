"""Clinic contact details come from configuration, not code."""
from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic import ActionClinicContact


def run_action(monkeypatch, **env) -> list:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    dispatcher = CollectingDispatcher()
    tracker = Tracker("t", {}, {}, [], False, None, {}, "action_listen")
    asyncio.run(ActionClinicContact().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_contact_uses_configured_hours_and_address(monkeypatch):
    messages = run_action(
        monkeypatch, CLINIC_NAME="Lakeside Pain Center", CLINIC_HOURS="Mon-Thu 7 am to 4 pm",
        CLINIC_ADDRESS="12 Main St",
    )
    text = messages[0]["text"]
    assert "Lakeside Pain Center" in text and "Mon-Thu 7 am to 4 pm" in text
    assert "12 Main St" in text and "911" in text
    assert messages[0]["buttons"][0]["payload"] == "/request_appointment"


def test_contact_defaults_work_without_configuration(monkeypatch):
    for key in ("CLINIC_NAME", "CLINIC_HOURS", "CLINIC_ADDRESS", "CLINIC_PHONE"):
        monkeypatch.delenv(key, raising=False)
    text = run_action(monkeypatch)[0]["text"]
    assert "800.775.PAIN (7246)" in text
    assert "We are at" not in text
