"""Conversations for the console's tests, built from Rasa's own event classes
and stored with Rasa's own SQLTrackerStore (as the bot stores them)."""
from __future__ import annotations

import asyncio
import importlib.util
import random
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
DAY = 86400.0

# Unusual words, so that tests can prove they never reach a log file.
MARKER = "zebraquartz"
PATIENT_NAME = "Jane Doe"
PATIENT_PHONE_TEXT = "617-555-0134"
FORM_NAME = "Jane Roe"
FORM_PHONE = "+16175550199"
SMS_NUMBER = "+16175550188"
# A conversation in Spanish (the `language` slot set to "es"); its words have accents
# that searches without them must find ("riñón", "álta"), and one written without ("panico").
SPANISH_SENDER = "web-spanish"
SPANISH_HIGH_FEVER = "Tengo fiebre álta y me duele el riñón desde ayer"
SPANISH_PANIC = "creo que es un ataque de panico por la bomba"


def language_entity(text: str, value: str) -> Dict[str, Any]:
    """The `language` entity itb/language's LanguageDetector adds to a message."""
    return {"entity": "language", "value": value, "start": 0, "end": len(text), "extractor": "LanguageDetector"}


def seed_module() -> Any:
    spec = importlib.util.spec_from_file_location("seed_conversations", ROOT / "scripts" / "seed_conversations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _user(text: str, intent: str, confidence: float, at: float, channel: str = "socketio",
          entities: Optional[List[Dict[str, Any]]] = None, ranking: Optional[List[Dict[str, Any]]] = None) -> Any:
    from rasa.shared.core.events import UserUttered

    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": entities or [], "text": text,
             "message_id": uuid.uuid4().hex, "metadata": {},
             "intent_ranking": ranking or [{"name": intent, "confidence": confidence}]}
    return UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=at, input_channel=channel,
                       message_id=parse["message_id"])


def _bot(action: str, text: str, at: float, buttons: Optional[List[Dict[str, str]]] = None) -> List[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered

    return [ActionExecuted(action, policy="RulePolicy", confidence=1.0, timestamp=at),
            BotUttered(text, data={"buttons": buttons}, metadata={"utter_action": action}, timestamp=at + 0.1)]


def _start(at: float) -> List[Any]:
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    return [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at + 0.01),
            ActionExecuted("action_listen", timestamp=at + 0.02)]


def _listen(at: float) -> Any:
    from rasa.shared.core.events import ActionExecuted

    return ActionExecuted("action_listen", timestamp=at)


def special_conversations(now: float) -> Dict[str, List[Any]]:
    """Hand-made conversations the tests look for, by sender id."""
    from rasa.shared.core.events import ActiveLoop, SlotSet

    t = now - 2 * 3600
    name_text = f"Hi, my name is {PATIENT_NAME} and my number is {PATIENT_PHONE_TEXT}. How long does the trial take?"
    start = name_text.index(PATIENT_NAME)
    conversations: Dict[str, List[Any]] = {}
    conversations["web-named-patient"] = _start(t) + [
        _user(name_text, "ask_trial_duration", 0.92, t + 5,
              entities=[{"entity": "PERSON", "value": PATIENT_NAME, "start": start, "end": start + len(PATIENT_NAME),
                         "extractor": "SpacyEntityExtractor"}]),
        *_bot("utter_ask_trial_duration", "The test dose visit usually takes a few hours.", t + 6),
        _listen(t + 7),
        _user(f"does the {MARKER} pump beep twice when the alarm goes", "ask_pump_alarm", 0.41, t + 30),
        *_bot("utter_ask_pump_alarm", "A two-tone alarm means call the doctor now.", t + 31),
        _listen(t + 32),
    ]
    t = now - 3 * 3600
    conversations[SMS_NUMBER] = _start(t) + [
        _user("my dad is unconscious and his pump is alarming", "emergency", 1.0, t + 5, channel="sms"),
        *_bot("utter_emergency", "Call 911 or go to the nearest emergency room now.", t + 6),
        _listen(t + 7),
    ]
    t = now - 4 * 3600
    conversations["web-fallback"] = _start(t) + [
        _user("can my cat sleep on the pump side", "nlu_fallback", 0.2, t + 5,
              ranking=[{"name": "nlu_fallback", "confidence": 0.2}, {"name": "ask_pump_daily_life", "confidence": 0.17},
                       {"name": "ask_pump_surgery", "confidence": 0.05}]),
        *_bot("utter_default", "Sorry, I did not understand that.", t + 6),
        _listen(t + 7),
    ]
    t = now - 5 * 3600
    conversations["web-appointment"] = _start(t) + [
        _user("I want to book the trial", "request_appointment", 0.95, t + 5),
        *_bot("utter_request_appointment", "I can help you ask for an appointment.", t + 6),
        ActiveLoop("appointment_form", timestamp=t + 7),
        _listen(t + 8),
        _user(FORM_NAME, "ask_itb_what", 0.12, t + 20),
        SlotSet("appt_name", FORM_NAME, timestamp=t + 21),
        *_bot("action_ask_appt_phone", f"Thanks, {FORM_NAME}. What number can we call?", t + 22),
        _listen(t + 23),
        _user("617 555 0199", "nlu_fallback", 0.2, t + 40),
        SlotSet("appt_phone", FORM_PHONE, timestamp=t + 41),
        ActiveLoop(None, timestamp=t + 42),
        *_bot("action_appointment_done", "Your reference is ITB-7Q2K. The clinic will call you.", t + 43),
        _listen(t + 44),
    ]
    t = now - 7 * 3600
    conversations[SPANISH_SENDER] = _start(t) + [
        _user("Español", "set_language", 1.0, t + 5, entities=[language_entity("Español", "es")]),
        SlotSet("language", "es", timestamp=t + 5.5),
        *_bot("utter_language_set", "Muy bien, le voy a contestar en español.", t + 6),
        _listen(t + 7),
        _user(SPANISH_HIGH_FEVER, "ask_pump_refill", 0.35, t + 20,
              entities=[language_entity(SPANISH_HIGH_FEVER, "es")]),
        *_bot("utter_ask_pump_refill", "La bomba se rellena con una aguja a través de la piel.", t + 21),
        _listen(t + 22),
        # no `language` entity (as when the detector cannot tell): the conversation's language (es) stays
        _user(SPANISH_PANIC, "nlu_fallback", 0.2, t + 40),
        *_bot("utter_default", "Perdone, no le entendí bien.", t + 41),
        _listen(t + 42),
    ]
    t = now - 6 * 3600
    conversations["web-handoff"] = _start(t) + [
        _user("can I talk to a real person", "request_human", 0.97, t + 5),
        *_bot("utter_request_human", "To talk with our team, call 800.775.PAIN (7246).", t + 6),
        _listen(t + 7),
        _user("=HYPERLINK(\"http://evil\") what is a pump", "ask_itb_what", 0.88, t + 20),
        *_bot("utter_ask_itb_what", "ITB stands for intrathecal baclofen.", t + 21),
        _listen(t + 22),
    ]
    return conversations


def store(tracker_url: str, conversations: Dict[str, List[Any]]) -> None:
    """Save with Rasa's own SQLTrackerStore (which also creates the events table)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker_store = SQLTrackerStore(host=tracker_url)

    async def save_all() -> None:
        for sender, events in conversations.items():
            await tracker_store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save_all())
    tracker_store.engine.dispose()


def generated(count: int, now: float, days: float = 60, seed: int = 11) -> Dict[str, List[Any]]:
    """Varied conversations from the seeding script's generator."""
    seed_conversations = seed_module()
    rng = random.Random(seed)
    result = {}
    for number in range(count):
        channel = "sms" if number % 4 == 0 else "web"
        sender = f"+1{301 + seed}555{number:04d}" if channel == "sms" else f"gen-{number:04d}-{uuid.UUID(int=rng.getrandbits(128)).hex[:8]}"
        start = now - rng.uniform(DAY, days * DAY)
        result[sender] = seed_conversations.conversation_events(rng, sender, start, channel)
    return result


def populate(database_url: str, tracker_url: str, generated_count: int = 60, now: Optional[float] = None) -> Dict[str, Any]:
    """Tracker conversations + an appointment request + indexing. Returns facts for the tests."""
    from console.indexer import Indexer
    from itb import db

    now = now or time.time()
    db.upgrade(database_url)
    conversations = {**generated(generated_count, now), **special_conversations(now)}
    store(tracker_url, conversations)
    with db.session(database_url) as session:
        session.add(db.AppointmentRequest(
            reference="ITB-7Q2K", idempotency_key="web-appointment:1", conversation_id="web-appointment",
            channel="web", full_name=FORM_NAME, phone=FORM_PHONE, reason="trial",
            preferred_times=f"Tuesday mornings, ask for {FORM_NAME}", may_text=True, note="=1+2 wheelchair user",
            status="new"))
        session.add(db.SmsOptOut(phone="+13125550000", opted_out=True))
    Indexer(database_url, tracker_url).sync()
    return {"senders": list(conversations), "count": len(conversations)}
