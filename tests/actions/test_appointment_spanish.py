"""The appointment form in Spanish: what patients type (dates, reasons, names,
phone numbers, yes and no), the read-back's words, and a whole run of the
form's actions in a Spanish conversation, rendered by the response generator
as the Rasa server does (no trained model needed; tests/e2e/test_appointments_spanish.py
runs the real assistant)."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import appointments as form
from itb import appointments, db, language
from itb.content import texts

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)  # a Wednesday


# ------------------------------------------------------------ dates and times
@pytest.mark.parametrize(
    "text,dates",
    [
        ("hoy", ["2026-11-25"]),
        ("hoy en la tarde", ["2026-11-25"]),
        ("esta tarde", ["2026-11-25"]),
        ("mañana", ["2026-11-26"]),
        ("manana", ["2026-11-26"]),
        ("Mañana después de las 2", ["2026-11-26"]),
        ("mañana por la mañana", ["2026-11-26"]),
        ("pasado mañana", ["2026-11-27"]),
        ("pasado manana en la tarde", ["2026-11-27"]),
        ("el martes por la mañana", ["2026-12-01"]),
        ("el próximo jueves", ["2026-11-26"]),
        ("el jueves que viene", ["2026-11-26"]),
        ("lunes", ["2026-11-30"]),
        ("los viernes en la tarde", ["2026-11-27"]),
        ("el sábado", ["2026-11-28"]),
        ("el sabado", ["2026-11-28"]),
        ("domingo", ["2026-11-29"]),
        ("el miércoles", ["2026-12-02"]),  # today is Wednesday: the next one
        ("15 de marzo", ["2027-03-15"]),
        ("el 3 de diciembre", ["2026-12-03"]),
        ("el 1º de diciembre", ["2026-12-01"]),
        ("15 de marzo de 2027", ["2027-03-15"]),
        ("diciembre 10", ["2026-12-10"]),
        ("3/15", ["2027-03-15"]),  # month/day, as the clinic writes dates
        ("1/12", ["2027-01-12"]),  # January 12, not December 1
        ("15/3", ["2027-03-15"]),  # can only be day/month
    ],
)
def test_spanish_dates_are_read(text, dates):
    assert appointments.check_times(text, today=TODAY) == (text, dates, None)


@pytest.mark.parametrize(
    "text",
    ["por la mañana", "Por la mañana", "en la mañana", "en las mañanas", "temprano en la manana",
     "por las tardes", "entre semana por la mañana", "cualquier día de la semana"],
)
def test_in_the_morning_is_not_tomorrow(text):
    assert appointments.check_times(text, today=TODAY) == (text, [], None)


@pytest.mark.parametrize(
    "text,problem",
    [("ayer", "past"), ("anteayer", "past"), ("la semana pasada", "past"),
     ("15 de marzo de 2020", "past"), ("1 de junio de 2076", "too_far")],
)
def test_spanish_past_and_far_dates_are_refused(text, problem):
    assert appointments.check_times(text, today=TODAY)[2] == problem


@pytest.mark.parametrize(
    "text,dates",
    [("can we set 3 pm", []), ("tomorrow", ["2026-11-26"]), ("next Tuesday after 2 pm", ["2026-12-01"]),
     ("12/15", ["2026-12-15"]), ("Dec 3 or Dec 4 in the morning", ["2026-12-03"])],
)
def test_english_dates_still_read_the_same(text, dates):
    assert appointments.check_times(text, today=TODAY) == (text, dates, None)


# ------------------------------------------------------------------ reasons
@pytest.mark.parametrize(
    "text,reason",
    [
        ("prueba", "trial"), ("La prueba de ITB", "trial"), ("la prueba", "trial"),
        ("dosis de prueba", "trial"),
        ("recarga", "refill"), ("rellenar la bomba", "refill"), ("Recarga o revisión de la bomba", "refill"),
        ("revisar la bomba", "refill"), ("la alarma de la bomba suena", "refill"),
        ("cambio de batería", "refill"), ("una cita de control", "refill"),
        ("cita nueva", "consult"), ("consulta", "consult"), ("Primera visita sobre ITB", "consult"),
        ("una primera consulta", "consult"), ("cirugía", "consult"), ("la cirugia de la bomba", "consult"),
        ("quiero información sobre la bomba", "consult"),
        ("otro", "other"), ("Otra cosa", "other"), ("algo más", "other"),
        ("plátano", None), ("", None),
    ],
)
def test_spanish_reasons(text, reason):
    assert appointments.check_reason(text) == reason


def test_english_reasons_are_read_first():
    # "control" alone is not a Spanish reason: English "better control" stays unread.
    assert appointments.check_reason("better control of my spasticity") is None
    assert appointments.check_reason("a pump refill") == "refill"


# ----------------------------------------------------------- names, phones
@pytest.mark.parametrize(
    "text", ["José Pérez-Núñez", "María de los Ángeles", "Iñaki Zúñiga", "Ana María O'Higgins"]
)
def test_spanish_names_are_accepted(text):
    assert appointments.check_name(text) == (text, None)


def test_names_typed_with_combining_accents_are_accepted_and_composed():
    decomposed = "Jose\u0301 Pe\u0301rez-Nu\u0301n\u0303ez"
    assert appointments.check_name(decomposed) == ("José Pérez-Núñez", None)


@pytest.mark.parametrize(
    "text",
    ["mi cel es 212 555 0199", "Mi número es (212) 555-0199", "mi teléfono: 212.555.0199",
     "cel 2125550199", "212 555 0199, gracias", "mi celular es el 212-555-0199", "my cell is 212-555-0199"],
)
def test_phone_numbers_written_in_a_sentence(text):
    assert appointments.check_phone(text) == ("+12125550199", None)


@pytest.mark.parametrize(
    "text,problem",
    [("mi cel es 555 123 4567", "invalid"),  # 555-123 is no real exchange (as in English)
     ("555-abc-1234", "letters"), ("llámame", "letters"), ("mi cel es 212 555", "letters")],
)
def test_bad_phone_numbers_in_spanish_are_refused(text, problem):
    assert appointments.check_phone(text) == (None, problem)


# --------------------------------------------------- the form's own words
def tracker(text: str = "", intent: Optional[str] = None, **slots: Any) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9} if intent else {}, "entities": []}
    return Tracker("t", dict(slots), latest, [], False, None, {}, "action_listen")


@pytest.mark.parametrize(
    "text", ["sí", "Sí", "si", "¡Sí!", "sí, envíelo", "claro", "Claro que sí", "correcto", "dale",
             "está bien", "esta bien", "Está bien, gracias", "enviar", "confirmo", "ok", "de acuerdo",
             "yes", "y", "sure"],
)
def test_yes_words(text):
    assert form._yes_no(tracker(text), text) is True


@pytest.mark.parametrize(
    "text", ["no", "No.", "nada", "ninguno", "ninguna", "no gracias", "No, gracias", "claro que no",
             "nope", "n"],
)
def test_no_words(text):
    assert form._yes_no(tracker(text), text) is False


@pytest.mark.parametrize("text", ["y el teléfono?", "bueno, déjeme pensar", "José", "martes"])
def test_not_an_answer(text):
    assert form._yes_no(tracker(text), text) is None


@pytest.mark.parametrize(
    "text,field",
    [("cambiar el teléfono", "appt_phone"), ("cambiar el telefono", "appt_phone"),
     ("cambiar el número", "appt_phone"), ("mi cel está mal", "appt_phone"),
     ("cambiar el celular", "appt_phone"), ("cambiar el nombre", "appt_name"),
     ("el motivo", "appt_reason"), ("cambiar la razón", "appt_reason"), ("cambiar el día", "appt_times"),
     ("la fecha", "appt_times"), ("cambiar la hora", "appt_times"), ("cuándo", "appt_times"),
     ("mejor en la mañana", "appt_times"), ("en la tarde", "appt_times"),
     ("cambiar los mensajes de texto", "appt_may_text"), ("prefiero que me llamen, cambiar llamar", "appt_may_text"),
     ("cambiar la nota", "appt_note"), ("el comentario", "appt_note"),
     ("change the phone number", "appt_phone"), ("change the times", "appt_times")],
)
def test_which_part_to_change(text, field):
    assert form._field_to_change(text) == field


@pytest.mark.parametrize("text", ["cancelar", "cancela", "diabetes", "ahora no"])
def test_no_part_is_read_inside_other_words(text):
    assert form._field_to_change(text) is None


@pytest.mark.parametrize(
    "text", ["cambiar el teléfono", "Sí, pero cambie la hora", "corrija el nombre por favor", "change the phone"]
)
def test_change_requests_at_the_read_back_whatever_the_intent(text):
    tracked = Tracker("t", {"requested_slot": "appt_confirm"}, {"text": text, "intent": {}, "entities": []},
                      [], False, None, {"name": form.FORM}, "action_listen")
    assert form.ValidateAppointmentForm()._answer_for("appt_confirm", tracked) == {"appt_confirm": form.CHANGE_REQUEST}


def test_an_emergency_that_names_a_part_is_left_for_the_safety_rules():
    text = "hace una hora que no respira, cambiar la hora"
    tracked = Tracker("t", {"requested_slot": "appt_confirm"},
                      {"text": text, "intent": {"name": "emergency", "confidence": 1.0}, "entities": []},
                      [], False, None, {"name": form.FORM}, "action_listen")
    assert form.ValidateAppointmentForm()._answer_for("appt_confirm", tracked) == {}


def validate(method: str, value: str, intent: Optional[str] = None, **slots: Any) -> Dict[str, Any]:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(getattr(form.ValidateAppointmentForm(), method)(
        value, dispatcher, tracker(value, intent, **slots), {}
    ))
    return result


@pytest.mark.parametrize(
    "text,answer",
    [("Mensajes o llamadas", "yes"), ("Mensajes o llamadas está bien", "yes"),
     ("Mensajes de texto o llamadas", "yes"), ("Textos o llamadas, está bien", "yes"),
     ("Llamadas o mensajes, cualquiera", "yes"), ("sí, mensajes", "yes"), ("sí", "yes"),
     ("cualquiera", "yes"), ("ambos", "yes"),
     ("Solo llamadas", "no"), ("Sólo llamadas", "no"), ("solamente llamadas", "no"),
     ("Llamadas solamente", "no"), ("únicamente llamadas", "no"), ("solo por teléfono", "no"),
     ("nada más llamadas", "no"), ("prefiero que me llamen", "no"), ("sin mensajes", "no"),
     ("no", "no"), ("mensajes no", "no"), ("sí, pero solo llamadas", "no"),
     ("Texts or calls are fine", "yes"), ("Calls only", "no"), ("no texts please", "no")],
)
def test_may_text_answers(text, answer):
    assert validate("validate_appt_may_text", text) == {"appt_may_text": answer}


@pytest.mark.parametrize("text", ["Mensajes o llamadas", "Solo llamadas", "Sólo llamadas", "Llamadas solamente"])
def test_may_text_buttons_are_answers_whatever_the_intent(text):
    assert form._plainly_answers("appt_may_text", text)


def test_may_text_question_is_not_an_answer():
    assert not form._plainly_answers("appt_may_text", "¿me pueden mandar mensajes?")


@pytest.mark.parametrize("text", ["no", "nada", "No, gracias", "ninguna", "nada más", "no, eso es todo", "no thanks"])
def test_nothing_to_add(text):
    assert validate("validate_appt_note", text) == {"appt_note": "-"}


@pytest.mark.parametrize("text", ["no oye bien", "no camina", "no puede subir escaleras", "no stairs please"])
def test_a_note_that_starts_with_no_is_kept(text):
    assert validate("validate_appt_note", text) == {"appt_note": text}


@pytest.mark.parametrize(
    "text,reason", [("La prueba de ITB", "trial"), ("Recarga o revisión de la bomba", "refill"),
                    ("cita nueva", "consult"), ("otra cosa", "other")],
)
def test_reason_answers(text, reason):
    assert validate("validate_appt_reason", text) == {"appt_reason": reason}


def test_spanish_times_ignore_the_english_models_date_guesses():
    # spaCy's English model reads "15" out of "el 15 de marzo" at best: the whole text is read.
    dispatcher = CollectingDispatcher()
    text = "el martes por la mañana o el 15 de marzo"
    latest = {"text": text, "intent": {}, "entities": [{"entity": "DATE", "value": "15"}]}
    tracked = Tracker("t", {"language": "es"}, latest, [], False, None, {}, "action_listen")
    result = asyncio.run(form.ValidateAppointmentForm().validate_appt_times(text, dispatcher, tracked, {}))
    assert result["appt_times"] == text and json.loads(result["appt_times_parsed"])  # a date was read


# ----------------------------------------------------------- cancelling
@pytest.mark.parametrize(
    "text", ["cancelar", "Cancela", "cancelo", "olvídalo", "olvidalo", "ya no", "déjalo",
             "dejalo", "salir", "¡Basta!", "cancel", "never mind"],
)
def test_spanish_cancel_phrases_cancel(text):
    from rasa.shared.nlu.training_data.message import Message

    from itb.safety.guard import SafetyGuard

    message = Message({"text": text, "intent": {"name": "inform", "confidence": 0.4}})
    SafetyGuard().process([message])
    assert message.get("intent")["name"] == "cancel"


@pytest.mark.parametrize("text", ["ya no me duele", "salir de la casa es difícil", "Basta Pérez"])
def test_longer_messages_with_those_words_do_not_cancel(text):
    from rasa.shared.nlu.training_data.message import Message

    from itb.safety.guard import SafetyGuard

    message = Message({"text": text, "intent": {"name": "inform", "confidence": 0.4}})
    SafetyGuard().process([message])
    assert message.get("intent")["name"] != "cancel"


# --------------------------------------------- the read-back's own words
def test_reason_labels_in_english_match_the_staff_labels():
    for reason, response in form.REASON_RESPONSES.items():
        assert texts.text(response) == appointments.REASON_LABELS[reason]


@pytest.mark.parametrize("reason", sorted(form.REASON_RESPONSES))
def test_reason_labels_have_spanish(reason):
    spanish = texts.text(form.REASON_RESPONSES[reason], language="es")
    assert spanish and spanish != appointments.REASON_LABELS[reason]


# Every response the form and the other actions say, or build text from.
FORM_RESPONSES = sorted(
    {"utter_ask_appt_name", "utter_ask_appt_reason", "utter_ask_appt_times", "utter_ask_appt_may_text",
     "utter_ask_appt_note", "utter_request_appointment", "utter_appointment_cancelled",
     "utter_appt_phone_question", "utter_appt_phone_question_sms", "utter_appt_which_part",
     "utter_appt_name_too_long", "utter_appt_name_unreadable", "utter_appt_phone_letters",
     "utter_appt_phone_incomplete", "utter_appt_reason_unclear", "utter_appt_may_text_unclear",
     "utter_appt_note_too_long", "utter_appt_confirm_unclear", "utter_appt_confirm_change",
     "utter_appt_read_back", "utter_appt_read_back_note", "utter_appt_texts_okay", "utter_appt_calls_only", "utter_appt_saved",
     "utter_appt_not_saved", "utter_clarify", "utter_default", "utter_clinic_contact"}
    | {f"utter_appt_times_{problem}" for problem in ("past", "too_far", "too_long", "empty")}
    | set(form.REASON_RESPONSES.values())
    | set(texts.names("utter_my_data")) | set(texts.names("utter_forget_me")) | set(texts.names("utter_privacy"))
)


@pytest.mark.parametrize("name", FORM_RESPONSES)
def test_every_response_the_actions_use_has_spanish(name):
    assert "es" in {texts.language_of(variant) for variant in texts.responses()[name]}, name


DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.mark.parametrize("name", ["utter_appt_read_back", "utter_appt_read_back_note"])
@pytest.mark.parametrize("lang", ["es", "en", None])
def test_the_read_back_variation_rasa_may_pick_is_in_the_conversations_language(name, lang):
    # Rasa picks at random among every conditional variation whose conditions hold:
    # each must be in the conversation's language; the note line only in "_note".
    slots = {"language": lang, "appt_note": "Usa silla de ruedas"}
    candidates = ResponseVariationFilter(DOMAIN.responses).responses_for_utter_action(name, "rest", slots)
    assert candidates
    for variant in candidates:
        assert texts.language_of(variant) == (lang if lang == "es" else None), variant["text"]
        assert ("{appt_note}" in variant["text"]) == name.endswith("_note"), variant["text"]


# --------------------------------------------- the form, run in Spanish
SLOTS = list(DOMAIN.as_dict()["slots"])
REQUIRED = DOMAIN.as_dict()["forms"][form.FORM]["required_slots"]
ASKERS = {"appt_phone": form.ActionAskApptPhone, "appt_confirm": form.ActionAskApptConfirm}


class FormRun:
    """The form's actions run turn by turn as Rasa's FormAction runs them (validate,
    then ask the first empty slot), each message rendered by the response generator
    with the slots of that moment. Intents are left out: the words decide."""

    def __init__(self, lang: Optional[str], sender: str = "es-form", channel: str = "rest") -> None:
        from itb.content.nlg import ContentNLG

        self.sender, self.channel = sender, channel
        self.slots: Dict[str, Any] = {name: None for name in SLOTS}
        self.slots["language"] = lang
        self.events: List[Dict[str, Any]] = []
        self.generator = ContentNLG(domain=DOMAIN)
        self.active = True
        self.slots["requested_slot"] = REQUIRED[0]
        self.opening = self._render_ask(REQUIRED[0])

    def _tracker(self, latest: Dict[str, Any]) -> Tracker:
        return Tracker(self.sender, dict(self.slots), latest, list(self.events), False, None,
                       {"name": form.FORM} if self.active else {}, "action_listen")

    def _render(self, dispatcher: CollectingDispatcher) -> List[str]:
        out = []
        for message in dispatcher.messages:
            values = {k: v for k, v in message.items() if k != "response"}
            rendered = self.generator.generate_from_slots(message["response"], dict(self.slots), self.channel, **values)
            out.append(rendered["text"])
        return out

    def _apply(self, events: List[Dict[str, Any]]) -> None:
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
            self.events.append(event)

    def _render_ask(self, slot: str) -> List[str]:
        dispatcher = CollectingDispatcher()
        if slot in ASKERS:
            asyncio.run(ASKERS[slot]().run(dispatcher, self._tracker({}), {}))
        else:
            dispatcher.utter_message(response=f"utter_ask_{slot}")
        return self._render(dispatcher)

    def say(self, text: str) -> str:
        latest = {"text": text, "intent": {}, "entities": []}
        self.events.append({"event": "user", "text": text, "parse_data": latest, "input_channel": self.channel})
        dispatcher = CollectingDispatcher()
        events = asyncio.run(form.ValidateAppointmentForm().run(dispatcher, self._tracker(latest), DOMAIN.as_dict()))
        replies = self._render(dispatcher)  # Rasa renders an action's messages before its events apply
        self._apply(events)
        missing = next((slot for slot in REQUIRED if self.slots.get(slot) is None), None)
        if missing is None:
            self.active = False
            self.slots["requested_slot"] = None
            dispatcher = CollectingDispatcher()
            events = asyncio.run(form.ActionAppointmentDone().run(dispatcher, self._tracker(latest), {}))
            replies += self._render(dispatcher)
            self._apply(events)
        else:
            self.slots["requested_slot"] = missing
            replies += self._render_ask(missing)
        return "\n".join(replies)


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite database as the default one (DATABASE_URL), which the action saves to."""
    url = f"sqlite:///{tmp_path / 'itb.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SMTP_HOST", raising=False)
    db.engine.cache_clear()  # the default engine is made once per process, from DATABASE_URL
    db._session_factory.cache_clear()
    db.upgrade(url)
    yield url
    db.engine(url).dispose()
    db.engine.cache_clear()
    db._session_factory.cache_clear()


def stored(url: str, sender: str) -> List[Dict[str, Any]]:
    with db.session(url) as session:
        rows = session.query(db.AppointmentRequest).filter_by(conversation_id=sender).all()
        return [{column: getattr(row, column) for column in appointments.EXPORT_COLUMNS} for row in rows]


def next_weekday(index: int) -> str:
    today = dt.date.today()
    return (today + dt.timedelta(days=(index - today.weekday()) % 7 or 7)).isoformat()


def spanish(text: str) -> bool:
    return language.detect(text) == language.SPANISH


def test_a_spanish_request_runs_in_spanish_and_is_saved(database):
    run = FormRun("es", sender="es-run-1")
    assert spanish(" ".join(run.opening)), run.opening  # the name question
    steps = [
        ("José Pérez-Núñez", "appt_phone"),
        ("mi cel es 212 555 0199", "appt_reason"),
        ("La prueba de ITB", "appt_times"),
        ("el martes por la mañana", "appt_may_text"),
        ("Solo llamadas", "appt_note"),
        ("Usa silla de ruedas", "appt_confirm"),
    ]
    for message, asked in steps:
        reply = run.say(message)
        assert run.slots["requested_slot"] == asked, (message, reply)
        assert spanish(reply), (message, reply)
    read_back = reply
    for value in ("José Pérez-Núñez", "(212) 555-0199", "la prueba de ITB", "el martes por la mañana",
                  "Usa silla de ruedas", texts.text("utter_appt_calls_only", language="es")):
        assert value in read_back, (value, read_back)
    for english in ("the ITB trial", "calls only", "Please check", "Name:", "Phone:"):
        assert english not in read_back, (english, read_back)
    assert run.slots["appt_times_parsed"] == json.dumps([next_weekday(1)])  # next Tuesday, not tomorrow

    # "Change the phone" at the read-back asks for the phone number only.
    reply = run.say("cambiar el teléfono")
    assert run.slots["requested_slot"] == "appt_phone" and spanish(reply), reply
    reply = run.say("(212) 555-0100")
    assert run.slots["requested_slot"] == "appt_confirm" and "(212) 555-0100" in reply and spanish(reply)

    done = run.say("sí")
    assert not run.active and spanish(done), done
    rows = stored(database, "es-run-1")
    assert len(rows) == 1
    row = rows[0]
    assert row["reference"] in done
    assert row["full_name"] == "José Pérez-Núñez" and row["phone"] == "+12125550100"
    assert row["reason"] == "trial" and row["preferred_times"] == "el martes por la mañana"
    assert json.loads(row["preferred_times_parsed"]) == [next_weekday(1)]
    assert row["may_text"] is False and row["note"] == "Usa silla de ruedas" and row["status"] == "new"


def test_a_spanish_request_without_a_note(database):
    run = FormRun("es", sender="es-run-2")
    for message in ("María de los Ángeles", "212-555-0199", "Recarga o revisión de la bomba",
                    "pasado mañana por la tarde", "Mensajes o llamadas"):
        run.say(message)
    read_back = run.say("nada")
    assert run.slots["requested_slot"] == "appt_confirm" and spanish(read_back), read_back
    assert "una recarga o revisión de la bomba" in read_back
    assert texts.text("utter_appt_texts_okay", language="es") in read_back
    unclear = run.say("mmm")
    assert run.slots["requested_slot"] == "appt_confirm" and spanish(unclear), unclear
    done = run.say("claro")
    row = stored(database, "es-run-2")[0]
    assert row["reference"] in done and row["note"] is None and row["may_text"] is True
    assert row["reason"] == "refill"
    expected = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert json.loads(row["preferred_times_parsed"]) == [expected]


def test_an_english_request_reads_back_as_before(database):
    run = FormRun(None, sender="en-run")
    assert "full name" in " ".join(run.opening)
    for message in ("Maria Lopez", "(212) 555-0199", "The ITB trial", "next Tuesday after 2 pm",
                    "Texts or calls are fine"):
        run.say(message)
    read_back = run.say("no")
    assert read_back.startswith("Please check your request:") and "Note:" not in read_back
    assert "Visit for: the ITB trial" in read_back and "Texts okay: yes" in read_back
    done = run.say("yes")
    assert "Your reference is ITB-" in done
    assert stored(database, "en-run")[0]["note"] is None


# ------------------------------------------------------- the other actions
def test_privacy_parts_are_in_the_conversations_language():
    from actions import privacy
    from console.privacy import Forgotten, Known, RequestInfo

    request = RequestInfo("ITB-7KQ2", "scheduled", "J*** D**", "+1******4567", dt.datetime(2025, 5, 3))
    known = Known(messages=12, first_at=dt.datetime(2025, 5, 3), requests=[request], opted_out=False)
    _, values = privacy.my_data_reply(known, sms=False, in_form=True, lang="es")
    assert "3 de mayo de 2025" in values["items"]
    assert texts.text("utter_my_data_status_scheduled", language="es") in values["items"]
    assert texts.text("utter_my_data_in_form", language="es") in values["items"]
    _, values = privacy.done_reply(Forgotten(deleted_requests=["A", "B"]), False, "webchat", True, "es")
    assert texts.text("utter_forget_me_deleted_form", language="es") in values["deleted"]
    assert " y " in values["deleted"] and " and " not in values["deleted"]
    assert texts.text("utter_forget_me_webchat_window", language="es") == values["more"]
    # English stays as it was.
    _, values = privacy.my_data_reply(known, sms=False, in_form=False)
    assert "May 3, 2025" in values["items"]


def test_choice_titles_are_in_the_conversations_language():
    from actions.answers import answer_title

    domain = {"responses": {"utter_ask_trial_what": [
        {"text": "The trial...", "metadata": {"title": "The trial"}},
        {"text": "La prueba...", "metadata": {"title": "La prueba", "language": "es"},
         "condition": [{"type": "slot", "name": "language", "value": "es"}]},
    ]}}
    assert answer_title(domain, "ask_trial_what", "es") == "La prueba"
    assert answer_title(domain, "ask_trial_what", "en") == "The trial"
    assert answer_title(domain, "ask_trial_what") == "The trial"
