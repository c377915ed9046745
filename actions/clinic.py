"""Answers about the clinic itself.

The words are `utter_clinic_contact` in domain.yml; the clinic's name, number,
hours, address and after-hours number come from the settings (itb/settings.py)
through the response generator (itb/content/nlg.py), which leaves out a
sentence whose setting is empty.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionClinicContact(Action):
    def name(self) -> Text:
        return "action_clinic_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_clinic_contact")
        return []
