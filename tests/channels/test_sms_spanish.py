"""Spanish over SMS, through the real Rasa server, signed as Twilio signs.

Spanish keywords (PARAR, AYUDA, EMPEZAR, MÁS) work like the English ones and
answer in Spanish; a Spanish question gets a Spanish answer with the Spanish
intro; the number's language is kept, so a short reply ("1", "sí") stays in
Spanish; every reply is GSM-7 within 3 segments.
"""
from __future__ import annotations

from channels.sms_text import GSM7, segments
from itb.content import texts
from support.twilio import new_phone


def assert_gsm7_sized(text: str) -> None:
    size = segments(text)
    assert size.encoding == GSM7 and 1 <= size.count <= 3, (size, text)


def test_parar_opts_out_in_spanish_and_empezar_opts_back_in(sms):
    phone = new_phone()
    stopped = sms.send("Parar", phone)
    # "ó" is not GSM-7: it goes without the accent.
    assert stopped.startswith("Cancelo los textos") and "EMPEZAR" in stopped
    assert sms.send("¿qué es la espasticidad?", phone) == ""
    welcome = sms.send("EMPEZAR", phone)
    assert welcome.startswith("Volvera a recibir textos") and "PARAR" in welcome
    assert_gsm7_sized(stopped)
    assert_gsm7_sized(welcome)


def test_every_spanish_opt_out_keyword_works(sms):
    for word in ("PARAR", "detener", "Cancelar", "BAJA", "alto"):
        phone = new_phone()
        assert sms.send(word, phone).startswith("Cancelo"), word
        assert sms.send("cuanto cuesta la bomba", phone) == "", word


def test_si_opts_back_in_while_opted_out(sms):
    phone = new_phone()
    sms.send("PARAR", phone)
    assert sms.send("Sí", phone).startswith("Volvera a recibir")


def test_ayuda_gives_the_program_details_in_spanish(sms):
    phone = new_phone()
    reply = sms.send("AYUDA", phone)
    for part in ("800.775.7246", "911", "PARAR", "automático"):
        assert part in reply or part.replace("á", "a") in reply, part
    assert_gsm7_sized(reply)
    assert sms.user_events(phone) == []


def test_a_spanish_question_gets_a_spanish_answer_with_the_spanish_intro(sms):
    phone = new_phone()
    reply = sms.send("cada cuanto hay que rellenar la bomba de baclofen", phone)
    assert "PARAR" in reply and "STOP" not in reply, reply
    assert "automatico" in reply or "automático" in reply
    assert_gsm7_sized(reply)


def test_a_short_reply_keeps_the_numbers_language(sms):
    phone = new_phone()
    page = sms.send("que es la espasticidad", phone)
    for _ in range(3):  # the intro may push the options onto the next page
        if "Responda 1" in page:
            break
        page = sms.send("MÁS", phone)
    assert "Responda 1" in page, page
    answer = sms.send("1", phone)
    assert "Responda" in answer or "para" in answer, answer
    assert "Reply" not in answer, answer


def test_a_spanish_emergency_gets_the_spanish_line_first(sms):
    phone = new_phone()
    reply = sms.send("mi hijo tiene fiebre alta y esta muy rigido, se le acabo la bomba", phone)
    assert reply.startswith("Llame al 911 o vaya a la sala de emergencias ahora."), reply


def test_a_spanish_emergency_in_an_english_conversation_still_comes_first(sms):
    phone = new_phone()
    assert "muscles" in sms.send("what is spasticity", phone)
    reply = sms.send("mi esposo no despierta y respira muy lento", phone)
    assert reply.startswith(("Llame al 911", "Call 911")), reply


def test_an_english_emergency_in_a_spanish_conversation_still_comes_first(sms):
    phone = new_phone()
    sms.send("que es la espasticidad", phone)
    reply = sms.send("my wife is having a seizure right now", phone)
    assert reply.startswith(("Call 911", "Llame al 911")), reply


def test_mas_sends_the_rest_of_a_long_spanish_reply(sms):
    phone = new_phone()
    first = sms.send("¿qué es la prueba de ITB y cómo es?", phone)
    if texts.text("utter_sms_more", language="es") in first:
        rest = sms.send("MÁS", phone)
        assert rest and "Reply MORE" not in rest
