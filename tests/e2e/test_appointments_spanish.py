"""Appointment requests in Spanish, end to end: chat over REST with the real
assistant (a model trained with the Spanish data), then look at the stored row.
Every reply must be the Spanish response (domain.yml's `language: es`
variation), with the values read back in Spanish too."""
from __future__ import annotations

import datetime as dt
import json
import uuid

from itb import language
from itb.content import texts
from tests.e2e.test_appointments import chat, stored


def es(name: str, **values: str) -> str:
    """The Spanish text of a response, filled as the server fills it."""
    return texts.text(name, language="es", **values)


def spanish(reply: str) -> bool:
    return language.detect(reply) == language.SPANISH


def next_tuesday() -> str:
    today = dt.date.today()
    return (today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)).isoformat()


SPANISH_PATH = [
    ("quiero una cita", "utter_ask_appt_name"),
    ("José Pérez-Núñez", "utter_appt_phone_question"),
    ("mi cel es 212 555 0199", "utter_ask_appt_reason"),
    ("La prueba de ITB", "utter_ask_appt_times"),
    ("el martes por la mañana", "utter_ask_appt_may_text"),
    ("Solo llamadas", "utter_ask_appt_note"),
]


def fill_in(server, sender: str) -> str:
    """The form up to the read-back; returns the read-back."""
    for message, asked in SPANISH_PATH:
        reply = chat(server, sender, message)
        assert es(asked) in reply and spanish(reply), (message, reply)
    return chat(server, sender, "Usa silla de ruedas")


def test_a_spanish_request_is_read_back_in_spanish_and_stored(servers):
    sender = f"appt-es-{uuid.uuid4().hex}"
    read_back = fill_in(servers, sender)
    assert spanish(read_back), read_back
    for value in ("José Pérez-Núñez", "(212) 555-0199", es("utter_appt_reason_trial"), "el martes por la mañana",
                  es("utter_appt_calls_only"), "Usa silla de ruedas"):
        assert value in read_back, (value, read_back)
    for english in ("Please check", "Name:", "the ITB trial", "calls only", "Shall I send"):
        assert english not in read_back, (english, read_back)

    done = chat(servers, sender, "sí")
    assert spanish(done) and "ITB-" in done, done
    rows = stored(servers, sender)
    assert len(rows) == 1
    row = rows[0]
    assert row["reference"] in done and es("utter_appt_saved", reference=row["reference"]) in done
    assert row["full_name"] == "José Pérez-Núñez" and row["phone"] == "+12125550199"
    assert row["reason"] == "trial" and row["preferred_times"] == "el martes por la mañana"
    assert json.loads(row["preferred_times_parsed"]) == [next_tuesday()]  # not tomorrow
    assert not row["may_text"] and row["note"] == "Usa silla de ruedas" and row["status"] == "new"
    # Saying yes again does not make a second request.
    chat(servers, sender, "sí")
    assert len(stored(servers, sender)) == 1


def test_the_spanish_read_back_lets_one_field_change(servers):
    sender = f"appt-es-{uuid.uuid4().hex}"
    fill_in(servers, sender)
    reply = chat(servers, sender, "Cambiar el teléfono")  # the read-back's Spanish button
    assert es("utter_appt_phone_question") in reply, reply
    summary = chat(servers, sender, "212-555-0100")
    assert "(212) 555-0100" in summary and "José Pérez-Núñez" in summary and spanish(summary), summary
    chat(servers, sender, "claro")
    assert stored(servers, sender)[0]["phone"] == "+12125550100"


def test_olvidalo_cancels_and_saves_nothing(servers):
    sender = f"appt-es-{uuid.uuid4().hex}"
    chat(servers, sender, "quiero una cita")
    chat(servers, sender, "José Pérez-Núñez")
    reply = chat(servers, sender, "olvídalo")
    assert es("utter_appointment_cancelled") in reply, reply
    assert stored(servers, sender) == []
