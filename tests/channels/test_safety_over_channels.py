"""The safety net through the real server on every channel: REST, web chat and signed SMS."""
from __future__ import annotations

import time
import uuid

import pytest
import requests

from support.twilio import new_phone
from tests.widget.test_widget_channel import Client

WITHDRAWAL = "missed my refill appointment and now i have withdrawal symptoms"
SELF_ADJUST = "i feel way too loose and weak, can i turn my pump down myself or take less?"
BORROW = "my prescription for baclofen ran out, can i use my wife's till monday"
FASTING = "do i need to fast before the trial"


def rest(servers, text: str) -> str:
    response = requests.post(
        f"{servers['rasa']}/webhooks/rest/webhook",
        json={"sender": f"safety-{uuid.uuid4().hex[:12]}", "message": text}, timeout=60,
    )
    assert response.status_code == 200
    return "\n".join(reply.get("text", "") for reply in response.json())


def webchat(servers, text: str) -> str:
    chat = Client(str(servers["rasa"]))
    try:
        session = chat.session()
        assert chat.say(text, session) == {"ok": True}
        deadline = time.monotonic() + 20
        while not chat.bot and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        return "\n".join(reply.get("text", "") for reply in chat.bot)
    finally:
        chat.close()


@pytest.fixture(params=["rest", "webchat", "sms"])
def say(request, servers, sms):
    if request.param == "rest":
        return lambda text: rest(servers, text)
    if request.param == "webchat":
        return lambda text: webchat(servers, text)
    return lambda text: sms.send(text, new_phone())


def test_withdrawal_after_a_missed_refill_gets_911_first(say):
    assert say(WITHDRAWAL).startswith("Call 911 or go to the nearest emergency room now.")


def test_turning_the_pump_down_oneself_gets_the_hand_off_not_988(say):
    reply = say(SELF_ADJUST)
    assert "988" not in reply and not reply.startswith("Call 911")
    assert "can't tell you to start, stop, skip, share or change a medicine" in reply


def test_borrowing_baclofen_gets_the_hand_off_with_the_warning(say):
    reply = say(BORROW)
    assert "Stopping baclofen all at once" in reply and "988" not in reply


def test_fasting_gets_its_own_hand_off(say):
    reply = say(FASTING)
    assert "whether to eat, drink or fast" in reply


def test_every_channel_says_general_information_not_medical_advice_once(say):
    reply = say("what is spasticity")
    assert reply.count("not medical advice") == 1
