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

import asyncio
import logging
import re
import uuid
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.appointments import ALL_SLOTS as APPOINTMENT_SLOTS
from itb import language, phone, settings
from itb.content import texts

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_requested"  # itb.tracker_store.FORGET_SLOT


# ------------------------------------------------------------------ texts
# Every word is a response in domain.yml (utter_my_data*, utter_forget_me_*,
# utter_privacy_*). A reply is a response's name and the values that fill it:
# the action sends it by name, and `*_text` renders the same reply here (tests).
# The parts built here are in the conversation's language (`lang`: "en", "es");
# Rasa picks the frame's variation for that language itself.
Reply = Tuple[str, Dict[str, Any]]
MONTHS_ES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre",
]


def _day(value: Any, lang: Optional[str] = None) -> str:
    if lang == language.SPANISH:
        return f"{value.day} de {MONTHS_ES[value.month - 1]} de {value.year}"
    return f"{value:%B} {value.day}, {value.year}"


def _and(items: List[str], lang: Optional[str] = None) -> str:
    if len(items) <= 1:
        return "".join(items)
    if lang == language.SPANISH:
        # "y" is "e" before an i sound ("la conversación e ITB-7KQ2").
        word = "e" if re.match(r"(?i)h?[ií](?![aeoáéó])", items[-1]) else "y"
        return ", ".join(items[:-1]) + f" {word} " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _status(status: str, lang: Optional[str] = None) -> str:
    name = f"utter_my_data_status_{status}"
    return texts.text(name, language=lang) if name in texts.responses() else status


def my_data_reply(known: Any, sms: bool, in_form: bool, lang: Optional[str] = None) -> Reply:
    """The answer to "what do you know about me?" (known: console.privacy.Known)."""
    items = []
    if known.messages:
        items.append(texts.text(
            "utter_my_data_messages", language=lang, count=known.messages, since=_day(known.first_at, lang)
        ))
    else:
        items.append(texts.text("utter_my_data_no_messages", language=lang))
    for request in known.requests:
        items.append(texts.text(
            "utter_my_data_request", language=lang, reference=request.reference,
            status=_status(request.status, lang), name=request.name, phone=request.phone,
        ))
    if not known.requests:
        items.append(texts.text("utter_my_data_no_requests", language=lang))
    if in_form:
        items.append(texts.text("utter_my_data_in_form", language=lang))
    if sms:
        items.append(texts.text(
            "utter_my_data_opted_out" if known.opted_out else "utter_my_data_texts", language=lang
        ))
    return ("utter_my_data_sms" if sms else "utter_my_data"), {"items": "\n".join(items)}


def confirm_reply(sms: bool) -> Reply:
    return ("utter_forget_me_confirm_sms" if sms else "utter_forget_me_confirm"), {}


def done_reply(
    result: Any, sms: bool, channel: Optional[str], stopped_form: bool, lang: Optional[str] = None
) -> Reply:
    """The reply after deleting (result: console.privacy.Forgotten)."""
    parts = [texts.text("utter_forget_me_deleted_texts" if sms else "utter_forget_me_deleted_chat", language=lang)]
    deleted = result.deleted_requests
    if len(deleted) == 1:
        parts.append(texts.text("utter_forget_me_deleted_request", language=lang, reference=deleted[0]))
    elif deleted:
        parts.append(texts.text("utter_forget_me_deleted_requests", language=lang, references=_and(deleted, lang)))
    if stopped_form:
        parts.append(texts.text("utter_forget_me_deleted_form", language=lang))
    more = []
    withdrawn = result.withdrawn_requests + result.kept_withdrawn
    if withdrawn:
        more.append(texts.text("utter_forget_me_withdrawn", language=lang, references=_and(withdrawn, lang)))
    if sms:
        more.append(texts.text("utter_forget_me_sms_kept", language=lang))
    elif channel == "webchat":
        more.append(texts.text("utter_forget_me_webchat_window", language=lang))
    return "utter_forget_me_done", {"deleted": _and(parts, lang), "more": " ".join(more)}


def refuse_reply() -> Reply:
    return "utter_privacy_refused", {}


def failed_reply() -> Reply:
    return "utter_privacy_failed", {}


def render(reply: Reply, lang: Optional[str] = None) -> str:
    """A reply's text, as the Rasa server's generator makes it."""
    name, values = reply
    return texts.text(name, language=lang, **values).strip()


def my_data_text(known: Any, sms: bool, in_form: bool, lang: Optional[str] = None) -> str:
    return render(my_data_reply(known, sms, in_form, lang), lang)


def confirm_text(sms: bool, lang: Optional[str] = None) -> str:
    return render(confirm_reply(sms), lang)


def done_text(
    result: Any, sms: bool, channel: Optional[str], stopped_form: bool, lang: Optional[str] = None
) -> str:
    return render(done_reply(result, sms, channel, stopped_form, lang), lang)


def refuse_text(lang: Optional[str] = None) -> str:
    return render(refuse_reply(), lang)


def failed_text(lang: Optional[str] = None) -> str:
    return render(failed_reply(), lang)


def say(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    name, values = reply
    dispatcher.utter_message(response=name, **values)


# ---------------------------------------------------------------- helpers
def scope(tracker: Tracker) -> Optional[Tuple[str, str]]:
    """("phone", number) over SMS, ("conversation", id) elsewhere, None if not allowed."""
    sender = str(tracker.sender_id or "")
    if tracker.get_latest_input_channel() == "sms" and phone.E164.match(sender):
        return "phone", sender
    if not sender or (phone.NUMBER_LIKE.match(sender) and phone.normalise(sender)):
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
            say(dispatcher, refuse_reply())
            return []
        kind, value = found
        try:
            # In a thread: a slow database must not stall every other conversation's actions.
            known = await asyncio.to_thread(
                privacy.what_we_know, settings.database_url(), settings.tracker_store_url(), **{kind: value}
            )
        except Exception as exc:  # noqa: BLE001 - the patient must hear that it failed
            logger.error("privacy: could not read what is kept (%s)", type(exc).__name__)
            say(dispatcher, failed_reply())
            return []
        say(dispatcher, my_data_reply(known, kind == "phone", _in_form(tracker), language.of_tracker(tracker)))
        return []


class ActionAskForgetMe(Action):
    """Ask before deleting: yes / no buttons (numbered options over SMS)."""

    def name(self) -> Text:
        return "action_ask_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        found = scope(tracker)
        if found is None:
            say(dispatcher, refuse_reply())
            return []
        say(dispatcher, confirm_reply(found[0] == "phone"))
        return []


class ActionForgetMe(Action):
    """Delete it all, after the patient said yes. Safe to repeat."""

    def name(self) -> Text:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        from console import privacy

        found = scope(tracker)
        if found is None:
            say(dispatcher, refuse_reply())
            return []
        kind, value = found
        try:
            result = await asyncio.to_thread(
                privacy.forget, settings.database_url(), settings.tracker_store_url(), _secret(), privacy.PATIENT,
                conversation=value if kind == "conversation" else None, phone=value if kind == "phone" else None,
                keep_tracker={str(tracker.sender_id)}, keep_sms_in_progress=kind == "phone",
            )
        except Exception as exc:  # noqa: BLE001 - nothing is claimed that did not happen
            logger.error("privacy: could not delete a patient's data (%s)", type(exc).__name__)
            say(dispatcher, failed_reply())
            return []
        in_form = _in_form(tracker)
        say(dispatcher, done_reply(
            result, kind == "phone", tracker.get_latest_input_channel(), in_form, language.of_tracker(tracker)
        ))
        events: List[Dict[Text, Any]] = [SlotSet(FORGET_SLOT, uuid.uuid4().hex)]
        if in_form:
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
            events += [SlotSet(slot, None) for slot in APPOINTMENT_SLOTS]
        return events
