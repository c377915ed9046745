"""Which language a message is in, and when it may change the conversation's."""
from __future__ import annotations

import pytest

from itb import language


@pytest.mark.parametrize("text", [
    "mi hijo tiene fiebre alta y está muy rígido, se le acabó la bomba",
    "cada cuanto hay que rellenar la bomba",
    "la bomba de baclofen esta pitando",
    "cuanto cuesta la prueba de ITB",
    "necesito hacer una cita para el refill",
    "hola",
    "buenas tardes",
])
def test_spanish_messages_are_told(text):
    assert language.detect(text) == "es"


@pytest.mark.parametrize("text", [
    "how often is the pump refilled",
    "what happens during the trial",
    "my pump alarm is beeping and I feel dizzy",
    "can I travel with the pump",
])
def test_english_messages_are_told(text):
    assert language.detect(text) == "en"


@pytest.mark.parametrize("text", [
    "sí", "si", "ok", "1", "no", "yes", "gracias", "thanks", "John Michael Smith", "Maria Lopez",
    "555 123 4567", "(555) 123-4567", "tuesday morning", "", "   ", "🙂", "?!",
])
def test_short_replies_names_and_numbers_tell_nothing(text):
    assert language.detect(text) is None


@pytest.mark.parametrize("text, expected", [
    ("Español", "es"), ("espanol", "es"), ("en español por favor", "es"), ("Spanish please", "es"),
    ("¿Habla español?", "es"), ("English", "en"), ("in English please", "en"), ("inglés", "en"),
    ("can you answer in english", "en"), ("what is spanish for pump", None),
    ("my mother only speaks spanish and needs a refill", None),
])
def test_explicit_choices(text, expected):
    assert language.choice(text) == expected


def test_a_channels_hint_is_used_only_when_the_text_tells_nothing():
    assert language.of_message("sí", hint="es") == "es"
    assert language.of_message("ok", hint="es-MX") == "es"
    assert language.of_message("how often is the pump refilled", hint="es") == "en"
    assert language.of_message("ok", hint="fr") is None
    assert language.of_message("ok", hint=None) is None
    assert language.of_message("English", hint="es") == "en"


@pytest.mark.parametrize("value", [None, 3, b"es", ["es"], {"a": 1}, "x" * 10_000, "\x00es"])
def test_odd_input_never_raises(value):
    assert language.detect(value) is None or language.detect(value) in language.SUPPORTED
    assert language.choice(value) is None
    language.supported(value)


def test_the_conversation_language_defaults_to_english():
    assert language.of_slots({}) == "en"
    assert language.of_slots({"language": "es"}) == "es"
    assert language.of_slots({"language": "de"}) == "en"
    assert language.of_slots(None) == "en"
