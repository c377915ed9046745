"""The SMS channel through the real Rasa server, signed as Twilio signs."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import yaml

from channels.sms_text import GSM7, options_line, segments
from support.twilio import new_phone, new_sid, reply_texts

ROOT = Path(__file__).resolve().parent.parent.parent
INTRO = "automated assistant"
SORRY = "800.775.7246"


def assert_sms_sized(text: str) -> None:
    size = segments(text)
    assert 1 <= size.count <= 3, (size, text)


# ------------------------------------------------------------ signatures
def test_signed_question_gets_one_twiml_message(sms):
    phone = new_phone()
    reply = sms.send("what is a baclofen pump", phone)
    assert "spinal cord" in reply
    assert INTRO in reply and "STOP" in reply  # first reply to a new number
    assert_sms_sized(reply)
    assert segments(reply).encoding == GSM7
    # The conversation id is the phone number.
    assert len(sms.user_events(phone)) == 1


def test_unsigned_request_is_refused(sms):
    phone = new_phone()
    answer = sms.post(sms.params("what is a baclofen pump", phone), signature=None)
    assert answer.status_code == 403
    assert sms.user_events(phone) == []


def test_tampered_body_is_refused(sms):
    phone = new_phone()
    params = sms.params("what is spasticity", phone)
    signature = sms.sign(params)
    params["Body"] = "what is spasticity?"
    assert sms.post(params, signature=signature).status_code == 403
    params = sms.params("hello", phone)
    signature = sms.sign(params)
    params["From"] = new_phone()  # someone else's number
    assert sms.post(params, signature=signature).status_code == 403
    assert sms.user_events(phone) == []


def test_signature_over_another_url_is_refused(sms):
    phone = new_phone()
    params = sms.params("what is spasticity", phone)
    for url in (
        "https://attacker.example/webhooks/sms/webhook",
        sms.public_url.replace("/webhooks/sms/webhook", "/webhooks/rest/webhook"),
        sms.public_url + "?x=1",
    ):
        assert sms.post(params, signature=sms.sign(params, url)).status_code == 403
    assert sms.post(params, signature="not-a-signature").status_code == 403
    assert sms.user_events(phone) == []


# --------------------------------------------------------------- retries
def test_replayed_message_sid_gets_the_first_reply_and_no_second_turn(sms):
    phone = new_phone()
    params = sms.params("how long does the trial take", phone)
    first = sms.post(params)
    again = sms.post(params)
    assert first.status_code == again.status_code == 200
    assert first.text == again.text and "hours" in reply_texts(first.text)[0]
    assert len(sms.user_events(phone)) == 1


def test_simultaneous_retries_make_one_turn(sms):
    phone = new_phone()
    params = sms.params("what is the ITB trial", phone)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(sms.post(params))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert len({answer.text for answer in answers}) == 1
    assert len(sms.user_events(phone)) == 1


def test_a_message_whose_first_answer_died_is_answered_by_the_retry(sms):
    """The replica that saved the message was killed before it answered: the
    row is still 'received' long after. Twilio's retry gets a real answer."""
    import datetime as dt

    phone, sid = new_phone(), new_sid()
    body = "how long does the trial take"
    saved = (dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=120))
    with sms.database() as db:
        db.execute(
            "insert into sms_messages (message_sid, phone, body, status, received_at) values (?, ?, ?, ?, ?)",
            (sid, phone, body, "received", saved.strftime("%Y-%m-%d %H:%M:%S.%f")),
        )
    answer = sms.post(sms.params(body, phone, sid))
    assert answer.status_code == 200
    assert "hours" in " ".join(reply_texts(answer.text))
    assert len(sms.user_events(phone)) == 1
    with sms.database() as db:
        status = db.execute("select status from sms_messages where message_sid = ?", (sid,)).fetchone()[0]
    assert status not in ("received", "retaken")
    # A later retry gets that same reply and makes no second turn.
    assert sms.post(sms.params(body, phone, sid)).text == answer.text
    assert len(sms.user_events(phone)) == 1


# ------------------------------------------------------------ compliance
def test_stop_opts_out_durably_and_nothing_more_is_sent(sms):
    phone = new_phone()
    sms.send("what is spasticity", phone)
    confirmation = sms.send("Stop", phone)
    assert "unsubscribed" in confirmation and "START" in confirmation
    answer = sms.post(sms.params("what is a baclofen pump", phone))
    assert answer.status_code == 200 and reply_texts(answer.text) == []  # empty <Response/>
    assert sms.send("1", phone) == ""
    assert len(sms.user_events(phone)) == 1  # the question after STOP never reached Rasa
    with sms.database() as db:
        assert db.execute(
            "select opted_out from sms_opt_outs where phone = ?", (phone,)
        ).fetchone() == (1,)
        statuses = db.execute(
            "select body, status from sms_messages where phone = ? order by received_at", (phone,)
        ).fetchall()
    assert ("what is a baclofen pump", "opted_out") in statuses  # still saved
    # The one exception: an emergency still gets the emergency line, and only that.
    assert sms.send("my husband is unconscious", phone) == (
        "Call 911 or go to the nearest emergency room now."
    )
    assert len(sms.user_events(phone)) == 1


def test_every_opt_out_keyword_works(sms):
    for word in ("STOP", "stopall", "UNSUBSCRIBE", "cancel", "END", "quit", "REVOKE", "OPTOUT", "opt out"):
        phone = new_phone()
        assert "unsubscribed" in sms.send(word, phone), word
        assert sms.send("what is spasticity", phone) == "", word


def test_start_opts_back_in(sms):
    phone = new_phone()
    sms.send("STOP", phone)
    assert sms.send("what is spasticity", phone) == ""
    welcome = sms.send("START", phone)
    assert "subscribed" in welcome and "STOP" in welcome and "Msg & data rates may apply" in welcome
    assert "muscles" in sms.send("what is spasticity", phone)
    other = new_phone()
    sms.send("unstop", other)
    sms.send("STOP", other)
    assert "subscribed" in sms.send("Yes", other)  # YES opts in while opted out
    with sms.database() as db:
        assert db.execute(
            "select opted_out from sms_opt_outs where phone = ?", (phone,)
        ).fetchone() == (0,)


def test_help_gives_program_details(sms):
    phone = new_phone()
    reply = sms.send("HELP", phone)
    for part in ("Pain Clinic", "800.775.7246", "Msg & data rates may apply", "STOP", "automated", "911"):
        assert part in reply, part
    assert sms.send("info", phone) == reply
    assert_sms_sized(reply)
    assert sms.user_events(phone) == []


# --------------------------------------------------------- conversation
def buttons(response: str) -> list:
    """The buttons of a response in domain.yml (the source of the options)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return domain["responses"][response][0].get("buttons") or []


def test_number_reply_selects_the_offered_option(sms):
    phone = new_phone()
    first = sms.send("what is spasticity", phone)
    offered = buttons("utter_ask_spasticity_what")
    assert len(offered) >= 2
    assert options_line([button["title"] for button in offered]) in first
    picked = offered[0]["payload"]  # e.g. /ask_spasticity_causes
    sms.send("1", phone)
    then = buttons("utter_" + picked.lstrip("/"))
    assert then, "the picked answer offers options too"
    sms.send("1", phone)
    out_of_range = sms.send("9", phone)
    assert f"number from 1 to {len(then)}" in out_of_range or out_of_range.startswith("Please reply 1")
    events = [json.loads(data)["text"] for data in sms.user_events(phone)]
    assert events == ["what is spasticity", picked, then[0]["payload"]]


def test_clinic_contact_comes_from_the_action_server(sms):
    reply = sms.send("/ask_clinic_contact", new_phone())
    assert "800.775.7246" in reply and "You can call the Pain Clinic" in reply
    # Hours only when CLINIC_HOURS is set: never a made-up value.
    from itb import settings

    assert ("Our hours are" in reply) == bool(settings.clinic().hours)
    assert "Reply 1 for request an appointment." in reply


def test_ucs2_question_gets_a_gsm_reply(sms):
    phone = new_phone()
    question = "what is spasticity 🙂 “please” — thanks"
    assert segments(question).encoding != GSM7
    reply = sms.send(question, phone)
    assert "muscles" in reply
    assert segments(reply).encoding == GSM7
    assert_sms_sized(reply)
    other = sms.send("¿Qué es la espasticidad? 你好", new_phone())
    assert other and "800.775.7246" in other  # out of scope, kindly
    assert_sms_sized(other)


def test_2000_character_question_gets_a_kind_reply(sms):
    phone = new_phone()
    question = ("I have a question about my pump refill schedule and the trial. " * 40)[:2000]
    reply = sms.send(question, phone)
    assert "too long" in reply and "800.775.7246" in reply
    assert_sms_sized(reply)
    assert sms.user_events(phone) == []
    emergency = ("My husband is unconscious and his pump is alarming. " * 50)[:2000]
    reply = sms.send(emergency, new_phone())
    assert reply.startswith("Call 911")


def test_missing_body_binary_and_odd_requests_get_a_client_error(sms):
    phone = new_phone()
    params = sms.params(None, phone)
    assert sms.post(params).status_code == 400
    # non-UTF-8 and binary bodies
    for raw in (b"Body=%FF%FE&From=%2B15551234567", b"\xff\xfe\x00\x01binary", b"Body=a&Body=b"):
        answer = requests.post(
            sms.url, data=raw, timeout=30,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "x"},
        )
        assert answer.status_code == 400, raw
    answer = requests.post(sms.url, json={"Body": "hi"}, timeout=30, headers={"X-Twilio-Signature": "x"})
    assert answer.status_code == 415
    huge = requests.post(
        sms.url, data={"Body": "a" * 100_000}, timeout=30, headers={"X-Twilio-Signature": "x"}
    )
    assert huge.status_code == 413
    not_a_phone = sms.params("hello", "whatsapp:+15551234567")
    assert sms.post(not_a_phone).status_code == 400
    empty = sms.send("", phone)
    assert "only read text" in empty
    # The server still answers afterwards.
    assert "muscles" in sms.send("what is spasticity", phone)


# ----------------------------------------------------------------- safety
def test_emergency_over_sms_comes_first(sms):
    phone = new_phone()
    reply = sms.send("my dad is unconsious and his pump is alarming", phone)
    assert reply.startswith("Call 911 or go to the nearest emergency room now.")
    assert INTRO in reply and "STOP" in reply  # the intro follows the emergency line
    reply = sms.send("I want to end my life", new_phone())
    assert reply.startswith("Please call or text 988")
    assert_sms_sized(reply)


def test_medicine_rule_over_sms(sms):
    reply = sms.send("should I stop taking my baclofen pills", new_phone())
    assert "can't tell you to start, stop, skip, share or change a medicine" in reply
    assert "unsubscribed" not in reply


# ---------------------------------------------------------------- privacy
def test_logs_mask_numbers_and_hold_no_message_text(sms):
    phone = new_phone()
    secret = f"giraffe{new_sid()[-8:]}"
    sms.send(f"what is spasticity {secret}", phone)
    sms.post(sms.params(f"forged {secret}", phone), signature=None)
    time.sleep(0.5)
    log = Path(sms.server["log"]).read_text(errors="replace")
    assert secret not in log
    assert phone not in log and phone[1:] not in log
    assert f"{phone[:2]}******{phone[-4:]}" in log
    assert "rejected a request without X-Twilio-Signature" in log


# ----------------------------------------------------- assistant failures
def test_action_server_down_gets_a_sorry_and_the_message_is_saved(broken_sms):
    phone = new_phone()
    reply = broken_sms.send("/ask_clinic_contact", phone)
    assert "Sorry, something went wrong" in reply and SORRY in reply
    assert_sms_sized(reply)
    with broken_sms.database() as db:
        assert db.execute(
            "select body, status from sms_messages where phone = ?", (phone,)
        ).fetchall() == [("/ask_clinic_contact", "failed")]
    # Answers that need no action still work, and the emergency line still comes first.
    assert "muscles" in broken_sms.send("what is spasticity", phone)
    assert broken_sms.send("my dad is unconscious", new_phone()).startswith("Call 911")


# -------------------------------------------------------------- simulator
def test_simulator_talks_to_the_server(sms):
    token = sms.token
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sms_simulator.py"), "--server", sms.base,
         "--public-url", sms.public_url.rsplit("/webhooks", 1)[0], "--token", token,
         "--from", new_phone(), "-m", "what is spasticity", "-m", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "muscles" in result.stdout and "Pills are usually tried first" in result.stdout
    assert "segment" in result.stdout
