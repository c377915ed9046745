"""When no answer fits for sure: ask "Do you mean A or B?", or say so plainly.

The intent classifier (itb/intent_classifier.py) predicts `nlu_fallback` with
the two best answers as `candidates` when they are too close to pick one; the
assistant then offers both as buttons (numbered options over SMS), titled by
each answer's `metadata.title` in domain.yml. Otherwise nothing fits, and the
reply says so and offers the clinic's number and an appointment request,
never an unrelated answer.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


def answer_title(domain: Dict[Text, Any], label: str) -> Optional[str]:
    """The short title of an answer ('faq/trial_dose' or 'ask_trial_what')."""
    variants = (domain.get("responses") or {}).get(f"utter_{label}") or []
    for variant in variants:
        title = ((variant or {}).get("metadata") or {}).get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
    return None


class ActionNotSure(Action):
    def name(self) -> Text:
        return "action_not_sure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message or {}).get("intent") or {}
        options = []
        for label in intent.get("candidates") or []:
            title = answer_title(domain, str(label))
            if title:
                options.append({"title": title, "label": str(label)})
        if len(options) == 2:
            # utter_clarify's buttons: the two answers ({first}, {second}), then "Something else".
            dispatcher.utter_message(
                response="utter_clarify",
                first=options[0]["title"],
                first_label=options[0]["label"],
                second=options[1]["title"],
                second_label=options[1]["label"],
            )
        else:
            dispatcher.utter_message(response="utter_default")
        return []
