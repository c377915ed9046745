"""Spanish is a second version of every text, as plain and as safe as the English.

Every response in domain.yml has a Spanish variation (condition: the `language`
slot is "es") for each English one; it keeps the placeholders, the buttons'
actions and the channel; it reads "fairly easy" or easier (Fernández-Huerta
70 or more); it never instructs or promises; its emergency lines say what to do
first; and it goes out by SMS as GSM-7 in pages of at most 3 segments.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import pytest
import textstat
import yaml

from channels.sms_text import GSM7, MAX_SEGMENTS, more_suffix, paginate, plain, segments
from itb.content import texts

ROOT = Path(__file__).resolve().parent.parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")
NUMBER = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN|\{[A-Za-z_]+\}")
UNENDED_LINE = re.compile(r"(?<![.!?:])\n")
# The formula needs sentences: a list item or a label ("- Solicitudes de cita:
# ninguna.") is checked for length with the English (tests/test_domain.py).
PROSE_WORDS = 8
EASY = 70  # Fernández-Huerta: 70-80 "bastante fácil" (fairly easy), higher is easier


def language_of(variant: dict) -> str:
    return texts.language_of(variant) or "en"


def split(language: str) -> Dict[str, List[dict]]:
    return {
        name: [variant for variant in variants if language_of(variant) == language]
        for name, variants in DOMAIN["responses"].items()
    }


ENGLISH = split("en")
SPANISH = split("es")
SPANISH_TEXTS = {
    f"{name}#{index}": variant["text"] for name, variants in SPANISH.items() for index, variant in enumerate(variants)
}
PROSE = {key: text for key, text in SPANISH_TEXTS.items() if len(NUMBER.sub("", text).split()) >= PROSE_WORDS}


def fernandez_huerta(text: str) -> float:
    """textstat's Spanish formula, without leaving its language set for anyone else."""
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(UNENDED_LINE.sub(".\n", NUMBER.sub("", text))))
    finally:
        textstat.set_lang("en_US")


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_each_english_variation_has_a_spanish_one(name):
    english, spanish = ENGLISH[name], SPANISH[name]
    assert len(spanish) == len(english), name
    for en, es in zip(english, spanish, strict=True):
        assert es.get("channel") == en.get("channel")
        assert sorted(PLACEHOLDER.findall(es["text"])) == sorted(PLACEHOLDER.findall(en["text"]))
        en_buttons, es_buttons = en.get("buttons") or [], es.get("buttons") or []
        assert len(es_buttons) == len(en_buttons)
        for en_button, es_button in zip(en_buttons, es_buttons, strict=True):
            if en_button["payload"].startswith("/"):  # an intent: the same one
                assert es_button["payload"] == en_button["payload"]
            assert es_button["title"].strip()


@pytest.mark.parametrize("key", sorted(PROSE))
def test_each_spanish_text_is_fairly_easy_to_read(key):
    assert fernandez_huerta(PROSE[key]) >= EASY, PROSE[key]


SPANISH_FORBIDDEN = [
    r"(?<!si )\busted (va a )?calific", r"\bgarantiz", r"\bdeje de tomar\b", r"\bs[aá]ltese\b", r"\bno coma\b",
    r"\bse va a curar\b", r"\bla resonancia es segura\b", r"\$\d",
]


@pytest.mark.parametrize("pattern", SPANISH_FORBIDDEN)
def test_no_spanish_text_instructs_or_promises(pattern):
    assert [key for key, text in SPANISH_TEXTS.items() if re.search(pattern, text, re.I)] == []


def test_spanish_emergency_lines_say_what_to_do_first():
    first = texts.text("utter_emergency", language="es").splitlines()[0]
    assert first.startswith("Llame al 911 o vaya a la sala de emergencias ahora.")
    crisis = texts.text("utter_emergency_self_harm", language="es").splitlines()[0]
    assert crisis.startswith("Llame o envíe un mensaje de texto al 988 ahora.")
    assert "988 y marque 2" in crisis and "AYUDA" in crisis  # the 988 Lifeline's Spanish option
    assert "{" not in first + crisis


def test_medicine_and_fasting_hand_offs_never_instruct():
    medicine = texts.text("utter_medicine_change", language="es")
    assert medicine.startswith("No puedo decirle") and "equipo" in medicine
    fasting = texts.text("utter_fasting", language="es")
    assert fasting.startswith("No puedo decirle") and "equipo" in fasting


def test_texts_falls_back_to_english_for_an_unknown_language():
    assert texts.text("utter_greet", language="fr") == texts.text("utter_greet")
    assert texts.text("utter_greet", language="es") != texts.text("utter_greet")


def sms_pages(key: str) -> List[str]:
    name, index = key.rsplit("#", 1)
    text = SPANISH[name][int(index)]["text"]
    return paginate(plain(texts._interpolate(text, {}, name)), suffix=more_suffix("es"))


@pytest.mark.parametrize("key", sorted(SPANISH_TEXTS))
def test_each_spanish_text_goes_by_sms_as_gsm7_within_3_segments_a_page(key):
    for page in sms_pages(key):
        size = segments(page)
        assert size.encoding == GSM7, page
        assert size.count <= MAX_SEGMENTS


def test_spanish_answers_by_sms_take_few_segments():
    answers = [key for key in SPANISH_TEXTS if key.startswith(("utter_ask_", "utter_faq/"))]
    counts = [sum(segments(page).count for page in sms_pages(key)) for key in answers]
    print(f"\nSpanish answers by SMS: {len(counts)} answers, segments per reply: "
          f"max {max(counts)}, mean {sum(counts) / len(counts):.2f}")
    assert max(counts) <= MAX_SEGMENTS
