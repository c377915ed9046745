"""When no answer fits for sure: ask "Do you mean A or B?", or say so plainly.

The intent classifier (itb/intent_classifier.py) predicts `nlu_fallback` with
the two best answers as `candidates` when they are too close to pick one; the
assistant then offers both as buttons (numbered options over SMS), titled by
each answer's `metadata.title` in domain.yml (the title of the variation in the
conversation's language). When exactly one of the two is on the topic the
assistant just answered ("how long does it take" right after the trial), that
one is answered: the patient is still on it. Otherwise nothing fits, and the
reply says so and offers the clinic's number and an appointment request,
never an unrelated answer.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from itb import language
from itb.content import texts


def answer_title(domain: Dict[Text, Any], label: str, lang: Optional[str] = None) -> Optional[str]:
    """The short title of an answer ('faq/trial_dose' or 'ask_trial_what'), from
    its variation in `lang` ("es"), else its English one."""
    variants = [v for v in (domain.get("responses") or {}).get(f"utter_{label}") or [] if isinstance(v, dict)]
    wanted = lang if lang and lang != language.ENGLISH else None
    ordered = [v for v in variants if wanted and texts.language_of(v) == wanted]
    ordered += [v for v in variants if texts.language_of(v) is None]
    for variant in ordered:
        title = (variant.get("metadata") or {}).get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
    return None


def topic(label: str) -> str:
    """The topic of an answer or response: 'faq/trial_dose', 'ask_trial_what',
    'utter_ask_trial_what' -> 'trial'."""
    name = label[len("utter_"):] if label.startswith("utter_") else label
    name = name.split("/", 1)[1] if name.startswith("faq/") else name[len("ask_"):] if name.startswith("ask_") else ""
    return name.split("_", 1)[0]


def last_answer(tracker: Tracker) -> Optional[str]:
    """The answer the assistant gave in the turn before this message, if any."""
    users = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            users += 1
            if users == 2:  # back past the previous message: that turn had no answer
                return None
        elif kind == "bot" and users == 1:
            name = (event.get("metadata") or {}).get("utter_action")
            if isinstance(name, str) and name.startswith(("utter_ask_", "utter_faq/")):
                return name
    return None


def on_topic(candidates: List[str], previous: Optional[str]) -> Optional[str]:
    """The one candidate on the topic of the previous answer, if exactly one is."""
    if not previous or not topic(previous):
        return None
    same = [label for label in candidates if topic(label) == topic(previous)]
    return same[0] if len(same) == 1 else None


class ActionNotSure(Action):
    def name(self) -> Text:
        return "action_not_sure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message or {}).get("intent") or {}
        lang = language.of_tracker(tracker)
        candidates = [str(label) for label in intent.get("candidates") or []]
        chosen = on_topic(candidates, last_answer(tracker))
        if chosen and f"utter_{chosen}" in (domain.get("responses") or {}):
            dispatcher.utter_message(response=f"utter_{chosen}")
            return []
        options = []
        for label in candidates:
            title = answer_title(domain, label, lang)
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
