"""Patients in control of their data: "what do you know about me?" and "forget me".

Over the web chat and REST the data is this conversation's; over SMS it is the
phone number's (every conversation and request of that number). The reading
and the deleting are console/privacy.py, shared with the staff console and the
command line. This conversation's own events are deleted by Rasa's tracker
store when it saves this turn (itb/tracker_store.py): `action_forget_me`
returns the slot `forget_requested`, which asks for that. Deleting them here
would not last: Rasa writes a turn's events back when it saves it.

A conversation id that looks like a phone number but did not come through the
SMS channel (whose Twilio signature proves the number) gets neither a summary
nor a deletion: a REST client can choose any conversation id.
"""
from __future__ import annotations

import logging
import uuid
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.appointments import ALL_SLOTS as APPOINTMENT_SLOTS
from itb import settings

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_requested"  # itb.tracker_store.FORGET_SLOT
CONFIRM_BUTTONS = [
    {"title": "Yes, delete it", "payload": "/affirm"},
    {"title": "No, keep it", "payload": "/deny"},
]
STATUS_WORDS = {
    "new": "sent, and the clinic will call you",
    "contacted": "the clinic has been in touch",
    "scheduled": "a visit is set up",
    "closed": "closed",
    "withdrawn": "withdrawn",
}


# ------------------------------------------------------------------ texts
def _day(value: Any) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def _phone() -> str:
    return settings.clinic().phone


def _and(items: List[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def my_data_text(known: Any, sms: bool, in_form: bool) -> str:
    """The answer to "what do you know about me?" (known: console.privacy.Known)."""
    where = "for this phone number" if sms else "from this chat"
    lines = [f"Here is what we keep {where}:"]
    if known.messages:
        lines.append(f"- Messages: {known.messages}, kept since {_day(known.first_at)}.")
    else:
        lines.append("- Messages: none yet, just this one.")
    if known.requests:
        for request in known.requests:
            lines.append(
                f"- Appointment request {request.reference}: {STATUS_WORDS.get(request.status, request.status)}. "
                f"Name {request.name}, phone {request.phone}."
            )
    else:
        lines.append("- Appointment requests: none.")
    if in_form:
        lines.append("- The request you are filling in now. It is not sent yet.")
    if sms:
        if known.opted_out:
            lines.append("- Texts: you said STOP, so we do not text you.")
        else:
            lines.append("- Texts: we reply to your texts. Text STOP to end them.")
    lines.append('To delete all of this, say "forget me".')
    return "\n".join(lines)


def confirm_text(sms: bool) -> str:
    if sms:
        return ("Do you want me to delete what we keep for this phone number? "
                "That is your texts and any appointment request for this number. This can't be undone.")
    return ("Do you want me to delete what we keep from this chat? "
            "That is your messages and any appointment request you sent here. This can't be undone.")


def done_text(result: Any, sms: bool, channel: Optional[str], stopped_form: bool) -> str:
    """The reply after deleting (result: console.privacy.Forgotten)."""
    parts = ["the texts from this number" if sms else "this chat"]
    deleted = result.deleted_requests
    if len(deleted) == 1:
        parts.append(f"your appointment request {deleted[0]}")
    elif deleted:
        parts.append(f"your appointment requests {_and(deleted)}")
    if stopped_form:
        parts.append("the request you were filling in")
    lines = [f"Done. I deleted {_and(parts)}."]
    withdrawn = result.withdrawn_requests + result.kept_withdrawn
    if withdrawn:
        lines.append(
            f"Your request {_and(withdrawn)} is now withdrawn. The clinic had already started on it, "
            "so they keep its name and phone number to cancel any visit."
        )
    if sms:
        lines.append("I did not delete your choice about texts: if you text STOP, we will never text you again.")
    elif channel == "webchat":
        lines.append("This window still shows the old messages until you close it or press Start over.")
    return " ".join(lines)


def refuse_text() -> str:
    return (f"Sorry, I can't do that in this chat. Please call the clinic at {_phone()}, "
            "and our team will help you.")


def failed_text() -> str:
    return (f"Sorry, I could not do that just now. Please try again later, or call the clinic at {_phone()}.")


# ---------------------------------------------------------------- helpers
def scope(tracker: Tracker) -> Optional[Tuple[str, str]]:
    """("phone", number) over SMS, ("conversation", id) elsewhere, None if not allowed."""
    from channels.sms_text import E164
    from console import masking

    sender = str(tracker.sender_id or "")
    if tracker.get_latest_input_channel() == "sms" and E164.match(sender):
        return "phone", sender
    if not sender or (masking.E164_LIKE.match(sender) and masking.normalise_phone(sender)):
        return None  # a number that no signed SMS proved
    return "conversation", sender


def _secret() -> bytes:
    """The console's key for the audit log's hashes (CONSOLE_SECRET_KEY, or its generated file)."""
    from console import config

    try:
        return config.secret_key(settings.console().secret_key)
    except FileExistsError:  # the console created the file at the same moment
        return config.secret_key(settings.console().secret_key)


def _in_form(tracker: Tracker) -> bool:
    return bool((tracker.active_loop or {}).get("name"))


# ---------------------------------------------------------------- actions
class ActionMyData(Action):
    """What is kept about this conversation (or this phone number, over SMS)."""

    def name(self) -> Text:
        return "action_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        from console import privacy

        found = scope(tracker)
        if found is None:
            dispatcher.utter_message(text=refuse_text())
            return []
        kind, value = found
        try:
            known = privacy.what_we_know(settings.database_url(), settings.tracker_store_url(), **{kind: value})
        except Exception as exc:  # noqa: BLE001 - the patient must hear that it failed
            logger.error("privacy: could not read what is kept (%s)", type(exc).__name__)
            dispatcher.utter_message(text=failed_text())
            return []
        dispatcher.utter_message(text=my_data_text(known, kind == "phone", _in_form(tracker)))
        return []


class ActionAskForgetMe(Action):
    """Ask before deleting: yes / no buttons (numbered options over SMS)."""

    def name(self) -> Text:
        return "action_ask_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        found = scope(tracker)
        if found is None:
            dispatcher.utter_message(text=refuse_text())
            return []
        dispatcher.utter_message(text=confirm_text(found[0] == "phone"), buttons=CONFIRM_BUTTONS)
        return []


class ActionForgetMe(Action):
    """Delete it all, after the patient said yes. Safe to repeat."""

    def name(self) -> Text:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        from console import privacy

        found = scope(tracker)
        if found is None:
            dispatcher.utter_message(text=refuse_text())
            return []
        kind, value = found
        try:
            result = privacy.forget(
                settings.database_url(), settings.tracker_store_url(), _secret(), privacy.PATIENT,
                conversation=value if kind == "conversation" else None, phone=value if kind == "phone" else None,
                keep_tracker={str(tracker.sender_id)}, keep_sms_in_progress=kind == "phone",
            )
        except Exception as exc:  # noqa: BLE001 - nothing is claimed that did not happen
            logger.error("privacy: could not delete a patient's data (%s)", type(exc).__name__)
            dispatcher.utter_message(text=failed_text())
            return []
        in_form = _in_form(tracker)
        dispatcher.utter_message(text=done_text(result, kind == "phone", tracker.get_latest_input_channel(), in_form))
        events: List[Dict[Text, Any]] = [SlotSet(FORGET_SLOT, uuid.uuid4().hex)]
        if in_form:
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
            events += [SlotSet(slot, None) for slot in APPOINTMENT_SLOTS]
        return events
