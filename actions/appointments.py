"""The appointment request form: ask, check, read back, save once.

Slots use custom mappings, so this module decides what a reply means:
a health question in the middle is left for the rules to answer (the form
then asks again), "cancel" is handled by a rule, and "change the phone"
at the read-back clears just that field so the form asks for it again.
Saving happens when the patient confirms, keyed on conversation + form run,
so a retried call never stores a second row.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from itb import language, phone
from itb.appointments import mail, parse, store
from itb.content import texts

logger = logging.getLogger(__name__)

FORM = "appointment_form"
FIELDS = ["appt_name", "appt_phone", "appt_reason", "appt_times", "appt_may_text", "appt_note"]
ALL_SLOTS = FIELDS + ["appt_confirm", "appt_run", "appt_reference", "appt_times_parsed"]
CHANGE_REQUEST = "__change__"
# Intents that mean the patient asked something instead of answering.
QUESTION_INTENTS = {
    "ask_spasticity_what", "ask_spasticity_causes", "ask_oral_medicines", "ask_itb_what",
    "ask_itb_benefits", "ask_itb_candidate", "ask_itb_side_effects", "ask_itb_danger_signs",
    "ask_itb_vs_pills", "ask_trial_what", "ask_trial_prepare", "ask_trial_duration",
    "ask_trial_side_effects", "ask_trial_results", "ask_pump_surgery", "ask_pump_refill",
    "ask_pump_alarm", "ask_pump_battery", "ask_pump_mri", "ask_pump_daily_life",
    "ask_cost_insurance", "ask_clinic_contact", "request_human", "help", "bot_challenge",
    "ask_my_data", "forget_me",
    "ask_medicine_change", "ask_fasting", "emergency", "emergency_self_harm", "cancel",
}
FIELD_WORDS = {
    "appt_phone": ("phone", "number", "cell", "mobile"),
    "appt_name": ("name", "spelled", "spelling"),
    "appt_reason": ("reason", "visit for", "type of visit", "kind of visit"),
    "appt_times": ("time", "day", "date", "when", "morning", "afternoon"),
    "appt_may_text": ("text", "call only", "contact"),
    "appt_note": ("note", "comment", "message"),
}
# The same in Spanish, as whole words without accents (so "cel" is not read in "cancelar").
FIELD_WORDS_ES = {
    "appt_phone": r"telefonos?|numeros?|cel|celular(?:es)?|movil",
    "appt_name": r"nombres?|apellidos?",
    "appt_reason": r"motivos?|razon(?:es)?|tipo de (?:cita|visita)",
    "appt_times": r"dias?|fechas?|horas?|horarios?|cuando|mananas?|tardes?",
    "appt_may_text": r"textos?|mensajes?|mensajitos?|sms|llamar|llamadas?|whatsapp",
    "appt_note": r"notas?|comentarios?",
}
# A request to change a part at the read-back ("cambiar el teléfono", "sí, pero cambie la hora").
CHANGE_WORDS = re.compile(r"\b(?:change|fix|edit|cambi\w*|correg\w*|corrij\w*|modific\w*)\b")
# Answers: a message's first words (accents and punctuation ignored), the longest phrase wins.
YES = (
    "yes", "yeah", "yep", "sure", "ok", "okay", "correct", "right", "send", "confirm", "fine",
    "si", "claro", "correcto", "dale", "esta bien", "enviar", "envialo", "enviala", "mandalo", "confirmo",
    "de acuerdo", "vale", "perfecto", "exacto", "asi es", "eso es", "por supuesto", "okey",
)
NO = (
    "no", "nope", "nah", "none", "nothing",
    "nada", "ninguno", "ninguna", "no gracias", "nop", "claro que no", "para nada", "creo que no",
)
# Only as the whole message: "y" starts Spanish sentences ("y ..." = "and ..."), "bueno" too.
YES_ALONE, NO_ALONE = ("y", "bueno"), ("n",)
# A note that says only "nothing to add" ("no", "nada, gracias", "no thanks, that's all").
NOTHING = {word for phrase in NO for word in phrase.split()} | {
    "thanks", "thank", "you", "thats", "that", "is", "its", "all", "for", "now", "else", "more", "to",
    "add", "really", "i", "im", "good", "fine", "gracias", "muchas", "eso", "es", "todo", "mas", "por",
    "ahora", "de", "momento", "estoy", "bien", "que", "agregar", "decir",
}
# "Calls only" in Spanish ("solo llamadas", "llamadas solamente", "prefiero que me llamen").
CALLS_ONLY_ES = re.compile(
    r"\b(?:llam\w*|telefono)\b.*\b(?:solo|solamente|unicamente|nomas|nada mas)\b"
    r"|\b(?:solo|solamente|unicamente|nomas|nada mas|prefiero)\b.*\b(?:llam\w*|telefono)\b"
)
TEXT_WORDS = re.compile(r"\b(?:text\w*|mensaj\w*|sms|whatsapp)\b")
EITHER = ("either", "both", "ambos", "ambas", "cualquiera", "los dos", "las dos", "lo que sea")
# The kind of visit as the read-back says it, in the conversation's language
# (itb.appointments.REASON_LABELS says it in English for staff).
REASON_RESPONSES = {
    "trial": "utter_appt_reason_trial", "consult": "utter_appt_reason_consult",
    "refill": "utter_appt_reason_refill", "other": "utter_appt_reason_other",
}


def _intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def _confidence(tracker: Tracker) -> float:
    return float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0.0)


def _text(tracker: Tracker) -> str:
    return parse.clean((tracker.latest_message or {}).get("text"))


def _plain(text: str) -> str:
    """Lowercase words without accents or punctuation ("¡Sí, está bien!" -> "si esta bien")."""
    return " ".join(re.sub(r"[^\w\s]", "", parse.plain(text).replace("_", " ")).split())


# Always left for the safety rules, whatever the words.
SAFETY_INTENTS = ("emergency", "emergency_self_harm", "ask_medicine_change", "ask_fasting")


def _is_question(tracker: Tracker) -> bool:
    """A question or request to leave for the rules, not an answer to the form."""
    intent = _intent(tracker)
    if intent in SAFETY_INTENTS:
        return True
    if intent == "cancel":
        # A name like "Drop Table" must not end the form by accident.
        return _confidence(tracker) >= 0.7
    return intent in QUESTION_INTENTS and (_confidence(tracker) >= 0.6 or _text(tracker).endswith("?"))


# Actions that ask the patient something in the middle of the form: the reply
# answers them, not the form (actions/privacy.py asks before deleting).
OTHER_QUESTIONS = {"action_ask_forget_me"}


def _answers_another_question(tracker: Tracker) -> bool:
    """The last message replies to a question another action asked."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and kind == "action" and event.get("name") != "action_listen":
            return event.get("name") in OTHER_QUESTIONS
    return False


def _plainly_answers(slot: str, text: str) -> bool:
    """The text is obviously an answer to `slot` (e.g. a choice button's text),
    whatever the intent classifier made of it."""
    if slot == "appt_reason":
        return parse.check_reason(text) is not None and len(text.split()) <= 6
    if slot == "appt_phone":
        return sum(ch.isdigit() for ch in text) >= 7
    if slot == "appt_may_text":
        # The choice buttons, in English or Spanish ("Mensajes o llamadas", "Solo llamadas").
        return text.lower() in ("texts or calls are fine", "calls only") or (
            len(text.split()) <= 6 and not text.endswith("?") and _may_text_choice(text) is not None
        )
    return False


def _field_to_change(text: str) -> Optional[str]:
    lowered = text.lower()
    for field, words in FIELD_WORDS.items():
        if any(word in lowered for word in words):
            return field
    plain = _plain(text)
    for field, pattern in FIELD_WORDS_ES.items():
        if re.search(rf"\b(?:{pattern})\b", plain):
            return field
    return None


def _asks_to_change(text: str) -> bool:
    """At the read-back: "change the phone" / "cambiar el teléfono", whatever the intent."""
    return bool(CHANGE_WORDS.search(_plain(text))) and _field_to_change(text) is not None


def _words(text: str) -> List[str]:
    return _plain(text).split()


def _starts_with(words: List[str], phrases: Iterable[str]) -> int:
    """How many words the longest of `phrases` that `words` start with has (0: none)."""
    best = 0
    for phrase in phrases:
        size = len(phrase.split())
        if size > best and words[:size] == phrase.split():
            best = size
    return best


def _yes_no(tracker: Tracker, text: str) -> Optional[bool]:
    intent, words = _intent(tracker), _words(text)
    yes, no = _starts_with(words, YES), _starts_with(words, NO)  # the longer wins: "claro que no"
    if intent == "affirm" or yes > no or (len(words) == 1 and words[0] in YES_ALONE):
        return True
    if intent == "deny" or no or (len(words) == 1 and words[0] in NO_ALONE):
        return False
    return None


def _calls_only(text: str) -> bool:
    lowered = text.lower()
    return "call" in lowered and "only" in lowered or lowered.startswith("calls only") or bool(
        CALLS_ONLY_ES.search(_plain(text))
    )


def _texts_okay(text: str) -> Optional[bool]:
    """What a message that names texts says about them ("Mensajes o llamadas": yes,
    "sin mensajes": no); None if it names none."""
    plain = _plain(text)
    if TEXT_WORDS.search(plain):
        return not {"no", "sin", "nunca", "ningun", "dont"} & set(plain.split())
    if _starts_with(plain.split(), EITHER):
        return True
    return None


def _may_text_choice(text: str) -> Optional[bool]:
    """Texts okay (True) or calls only (False), from the words alone; None if unclear."""
    return False if _calls_only(text) else _texts_okay(text)


class ValidateAppointmentForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_appointment_form"

    # ---------------------------------------------------------- extraction
    def _answer_for(self, slot: str, tracker: Tracker) -> Dict[Text, Any]:
        """The raw answer to `slot`, if the last message answered it."""
        if tracker.active_loop.get("name") != FORM or tracker.get_slot("requested_slot") != slot:
            return {}
        if _answers_another_question(tracker):
            return {}
        text = _text(tracker)
        if _intent(tracker) == "change_detail" and _field_to_change(text) and not _plainly_answers(slot, text):
            # "my cell is 212 736 0199" answers the phone question; "change my cell" does not.
            return {slot: CHANGE_REQUEST}
        if slot == "appt_confirm" and _asks_to_change(text) and _intent(tracker) not in SAFETY_INTENTS + ("cancel",):
            return {slot: CHANGE_REQUEST}
        if _is_question(tracker) and not _plainly_answers(slot, text):
            return {}
        return {slot: text}

    async def get_extraction_events(self, dispatcher, tracker, domain) -> List[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        if not tracker.get_slot("appt_run"):
            # One id per run of the form: the key that makes saving idempotent.
            events.append(SlotSet("appt_run", uuid.uuid4().hex))
        return events

    async def extract_appt_name(self, dispatcher, tracker, domain):
        return self._answer_for("appt_name", tracker)

    async def extract_appt_phone(self, dispatcher, tracker, domain):
        return self._answer_for("appt_phone", tracker)

    async def extract_appt_reason(self, dispatcher, tracker, domain):
        return self._answer_for("appt_reason", tracker)

    async def extract_appt_times(self, dispatcher, tracker, domain):
        return self._answer_for("appt_times", tracker)

    async def extract_appt_may_text(self, dispatcher, tracker, domain):
        return self._answer_for("appt_may_text", tracker)

    async def extract_appt_note(self, dispatcher, tracker, domain):
        return self._answer_for("appt_note", tracker)

    async def extract_appt_confirm(self, dispatcher, tracker, domain):
        return self._answer_for("appt_confirm", tracker)

    # ---------------------------------------------------------- validation
    def _change(self, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        field = _field_to_change(_text(tracker))
        if field is None:
            dispatcher.utter_message(response="utter_appt_which_part")
            return {slot: None}
        return {field: None, slot: None, "appt_confirm": None}

    async def validate_appt_name(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_name", tracker, dispatcher)
        name, problem = parse.check_name(value)
        if problem == "too_long":
            dispatcher.utter_message(response="utter_appt_name_too_long")
        elif problem:
            dispatcher.utter_message(response="utter_appt_name_unreadable")
        return {"appt_name": name}

    async def validate_appt_phone(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_phone", tracker, dispatcher)
        if _is_sms(tracker) and _yes_no(tracker, value):
            value = tracker.sender_id
        number, problem = phone.parse(value)
        if problem == "letters":
            dispatcher.utter_message(response="utter_appt_phone_letters")
        elif problem:
            dispatcher.utter_message(response="utter_appt_phone_incomplete")
        return {"appt_phone": number}

    async def validate_appt_reason(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_reason", tracker, dispatcher)
        reason = parse.check_reason(value)
        if reason is None:
            dispatcher.utter_message(response="utter_appt_reason_unclear")
        return {"appt_reason": reason}

    async def validate_appt_times(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_times", tracker, dispatcher)
        mentions = [
            entity.get("value") for entity in (tracker.latest_message or {}).get("entities", [])
            if entity.get("entity") == "DATE" and isinstance(entity.get("value"), str)
        ]
        if language.of_tracker(tracker) != language.ENGLISH:
            mentions = []  # the English spaCy model misreads Spanish dates: read the whole text
        times, dates, problem = parse.check_times(value, mentions)
        if problem:  # past, too_far, too_long or empty
            dispatcher.utter_message(response=f"utter_appt_times_{problem}")
            return {"appt_times": None}
        return {"appt_times": times, "appt_times_parsed": json.dumps(dates)}

    async def validate_appt_may_text(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_may_text", tracker, dispatcher)
        if _calls_only(value):
            return {"appt_may_text": "no"}
        answer = _yes_no(tracker, value)
        if answer is None:
            answer = _texts_okay(value)
        if answer is None:
            dispatcher.utter_message(response="utter_appt_may_text_unclear")
            return {"appt_may_text": None}
        return {"appt_may_text": "yes" if answer else "no"}

    async def validate_appt_note(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_note", tracker, dispatcher)
        if _yes_no(tracker, value) is False and len(value) < 20 and set(_words(value)) <= NOTHING:
            return {"appt_note": "-"}  # but "no oye bien" ("he can't hear well") is a note
        if len(value) > parse.MAX_NOTE_CHARS:
            dispatcher.utter_message(response="utter_appt_note_too_long")
            return {"appt_note": None}
        return {"appt_note": value}

    async def validate_appt_confirm(self, value, dispatcher, tracker, domain):
        if value == CHANGE_REQUEST:
            return self._change("appt_confirm", tracker, dispatcher)
        answer = _yes_no(tracker, value)
        if answer is None:
            dispatcher.utter_message(response="utter_appt_confirm_unclear")
            return {"appt_confirm": None}
        if answer is False:
            dispatcher.utter_message(response="utter_appt_confirm_change")
            return {"appt_confirm": None}
        # The database and the staff e-mail (SMTP, up to 10 s) block: they run in a
        # worker thread, so one slow mail server never stalls other conversations.
        return await asyncio.to_thread(save, tracker)


def _is_sms(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() == "sms" and str(tracker.sender_id).startswith("+")


def save(tracker: Tracker) -> Dict[Text, Any]:
    """Store the confirmed request; the reference tells the patient it worked."""
    note = tracker.get_slot("appt_note")
    fields = {
        "conversation_id": tracker.sender_id,
        "channel": tracker.get_latest_input_channel() or "web",
        "full_name": tracker.get_slot("appt_name"),
        "phone": tracker.get_slot("appt_phone"),
        "reason": tracker.get_slot("appt_reason"),
        "preferred_times": tracker.get_slot("appt_times"),
        "preferred_times_parsed": tracker.get_slot("appt_times_parsed"),
        "may_text": tracker.get_slot("appt_may_text") == "yes",
        "note": None if note in (None, "-") else note,
    }
    key = f"{tracker.sender_id}:{tracker.get_slot('appt_run') or 'none'}"
    try:
        saved = store.save_request(fields, key)
    except Exception as exc:  # noqa: BLE001 - the patient must hear that it failed
        logger.error("appointment request could not be saved (%s)", type(exc).__name__)
        return {"appt_confirm": "yes", "appt_reference": "failed"}
    if saved.created:
        mail.notify_staff(saved.reference, fields["reason"], fields["channel"])
    return {"appt_confirm": "yes", "appt_reference": saved.reference}


class ActionAskApptPhone(Action):
    """Ask for the phone number; on SMS, offer the number the caller texts from."""

    def name(self) -> Text:
        return "action_ask_appt_phone"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if _is_sms(tracker):
            number = phone.pretty(str(tracker.sender_id))
            dispatcher.utter_message(response="utter_appt_phone_question_sms", number=number)
        else:
            dispatcher.utter_message(response="utter_appt_phone_question")
        return []


class ActionAskApptConfirm(Action):
    """Read the request back before anything is sent."""

    def name(self) -> Text:
        return "action_ask_appt_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # utter_appt_read_back(_note) reads the name, times and note from their
        # slots (the one without "_note" when there is none); the rest is
        # given here as people read it.
        # The values are in the conversation's language, like the response around them.
        tongue = language.of_tracker(tracker)
        may_text = "utter_appt_texts_okay" if tracker.get_slot("appt_may_text") == "yes" else "utter_appt_calls_only"
        reason = tracker.get_slot("appt_reason")
        note = tracker.get_slot("appt_note")
        dispatcher.utter_message(
            response="utter_appt_read_back_note" if note and note != "-" else "utter_appt_read_back",
            phone=phone.pretty(tracker.get_slot("appt_phone") or ""),
            reason=texts.text(REASON_RESPONSES[reason], language=tongue) if reason in REASON_RESPONSES else "-",
            may_text=texts.text(may_text, language=tongue),
        )
        return []


class ActionAppointmentDone(Action):
    """After the form: the reference, or a plain message that saving failed."""

    def name(self) -> Text:
        return "action_appointment_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reference = tracker.get_slot("appt_reference")
        if reference and reference != "failed":
            dispatcher.utter_message(response="utter_appt_saved", reference=reference)
        else:
            dispatcher.utter_message(response="utter_appt_not_saved")
        return [SlotSet(slot, None) for slot in ALL_SLOTS]


class ActionCancelAppointment(Action):
    def name(self) -> Text:
        return "action_cancel_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_appointment_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + [SlotSet(s, None) for s in ALL_SLOTS]
