"""Answers about the clinic itself, built from configuration (itb.settings)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from itb import settings


def contact_text(clinic: settings.Clinic) -> str:
    lines = [f"You can call {clinic.name} at {clinic.phone}.", f"Our hours are {clinic.hours}."]
    if clinic.address:
        lines.append(f"We are at {clinic.address}.")
    lines.append("In an emergency, call 911.")
    return " ".join(lines)


class ActionClinicContact(Action):
    def name(self) -> Text:
        return "action_clinic_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            text=contact_text(settings.clinic()),
            buttons=[{"title": "Request an appointment", "payload": "/request_appointment"}],
        )
        return []
