"""The chat widget on the demo page, in Debian's Chromium: what a patient sees and does."""
from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid

from playwright.sync_api import expect


def test_ask_a_question_and_see_the_answer(new_chat, artifacts, title):
    chat = new_chat()
    expect(chat.dialog).to_be_hidden()
    chat.open()

    # Header and greeting: who this is, what it is not, and what to do in an emergency.
    expect(chat.dialog.get_by_role("heading", name=title)).to_be_visible()
    expect(chat.dialog.get_by_text("Automated assistant", exact=True)).to_be_visible()
    greeting = chat.bubbles("bot")[0]
    assert "I am an automated assistant, not a person" in greeting
    assert "general information only" in greeting
    assert "In an emergency, call 911." in greeting
    expect(chat.button("Talk to a person")).to_be_visible()
    expect(chat.button("Start over")).to_be_visible()
    chat.screenshot(artifacts / "widget-desktop-greeting.png")

    chat.ask("What is a baclofen pump?")
    chat.wait_for_text("spinal cord")
    chat.wait_idle()
    assert chat.bubbles("user") == ["What is a baclofen pump?"]
    expect(chat.input).to_have_value("")
    expect(chat.input).to_be_focused()
    chat.screenshot(artifacts / "widget-desktop.png")


def test_quick_reply_buttons_send_their_payload(new_chat):
    chat = new_chat()
    chat.open()
    # The greeting's suggestions.
    chat.dialog.get_by_role("button", name="What is ITB?").click()
    chat.wait_for_text("intrathecal baclofen")
    suggestions = chat.dialog.get_by_role("group", name="Suggested replies")
    expect(suggestions.first).to_be_visible()
    # A reply's suggestion: the title is shown as the user's message, the payload answered.
    suggestions.get_by_role("button", name="How does it help?").click()
    chat.wait_for_text("ITB is not a cure")
    chat.wait_idle()
    assert chat.bubbles("user") == ["What is ITB?", "How does it help?"]
    expect(chat.dialog.get_by_role("button", name="How does it help?")).to_have_count(0)
    expect(chat.input).to_be_focused()


def test_talk_to_a_person_and_start_over(new_chat):
    chat = new_chat()
    chat.open()
    chat.button("Talk to a person").click()
    chat.wait_for_text("800.775.PAIN (7246)")
    chat.wait_idle()
    assert chat.bubbles("user") == ["Talk to a person"]
    # The clinic's number in answers is a link that calls it.
    expect(chat.log.get_by_role("link", name="800.775.PAIN (7246)").first).to_have_attribute(
        "href", "tel:+18007757246"
    )
    before = chat.storage()["state"]["sessionId"]

    chat.button("Start over").click()
    expect(chat.log.locator(".msg")).to_have_count(1)  # the greeting only
    assert "In an emergency, call 911." in chat.bubbles("bot")[0]
    expect(chat.input).to_be_focused()
    chat.ask("how long does the trial take")
    chat.wait_for_text("trial visit varies")
    chat.wait_idle()
    assert chat.bubbles("user") == ["how long does the trial take"]
    after = chat.storage()["state"]["sessionId"]
    assert after and after != before


def test_reload_keeps_the_conversation_and_a_new_tab_does_not(new_chat):
    chat = new_chat()
    chat.open()
    chat.ask("How long does the trial take?")
    chat.wait_for_text("trial visit varies")
    chat.wait_idle()
    replies = chat.bubbles("bot")

    chat.page.reload()
    expect(chat.dialog).to_be_visible()  # it stays open, with the conversation
    chat.wait_for_text("trial visit varies")
    chat.wait_idle()
    time.sleep(0.5)  # the server's history has been merged: nothing doubled
    assert chat.bubbles("user") == ["How long does the trial take?"]
    assert chat.bubbles("bot") == replies
    chat.ask("what is spasticity")
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()
    assert chat.bubbles("user") == ["How long does the trial take?", "what is spasticity"]

    tab = chat.page.context.new_page()
    tab.goto(chat.page.url)
    other = type(chat)(tab, chat.origin)
    expect(other.dialog).to_be_hidden()
    other.open()
    expect(other.log.locator(".msg")).to_have_count(1)
    assert other.bubbles("user") == []
    assert "trial visit varies" not in other.log.inner_text()


def test_nothing_leaves_the_site_and_nothing_is_kept_but_session_storage(new_chat, servers):
    chat = new_chat()
    chat.open()
    secret = f"zebra{uuid.uuid4().hex[:8]}"
    chat.ask(f"{secret} what are the side effects of the pump")
    chat.wait_idle()
    chat.button("Talk to a person").click()
    chat.wait_for_text("800.775.PAIN")
    chat.wait_idle()

    assert chat.third_party_requests() == []
    assert chat.csp_violations() == []
    assert chat.errors == []
    stored = chat.storage()
    assert stored["local"] == [] and stored["cookie"] == ""
    assert stored["session"] == ["itb-webchat"]
    assert chat.page.context.cookies() == []
    # What the patient wrote is never in the server's log.
    time.sleep(0.5)
    assert secret not in servers["log"].read_text(errors="replace")


def test_escape_closes_and_focus_returns_to_the_launcher(new_chat):
    chat = new_chat()
    chat.open()
    expect(chat.launcher).to_have_attribute("aria-expanded", "true")
    expect(chat.input).to_be_focused()  # focus moves into the dialog
    expect(chat.dialog).not_to_have_attribute("aria-modal", "true")  # the page stays usable
    chat.page.keyboard.press("Escape")
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_have_attribute("aria-expanded", "false")
    expect(chat.launcher).to_be_focused()
    # The close button does the same.
    chat.launcher.click()
    expect(chat.input).to_be_focused()
    chat.dialog.get_by_role("button", name="Close chat").click()
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    assert re.fullmatch("Ask a question", chat.launcher.inner_text().strip())


def test_a_network_drop_loses_and_doubles_nothing(new_chat, servers):
    chat = new_chat()
    chat.open()
    chat.ask("what is a baclofen pump")
    chat.wait_for_text("spinal cord")
    chat.wait_idle()
    context = chat.page.context

    # Written while offline: kept, then sent once the network is back.
    context.set_offline(True)
    expect(chat.status).to_contain_text("Offline. Reconnecting")
    chat.ask("how long does the trial take")
    expect(chat.log).to_contain_text("Not sent yet: waiting for the connection.")
    context.set_offline(False)
    chat.wait_for_text("trial visit varies")
    chat.wait_idle()
    expect(chat.status).to_be_hidden()

    # The network drops just after sending, while the reply is on its way:
    # the reply comes with the conversation's history when the widget reconnects.
    chat.ask("what is spasticity")
    context.set_offline(True)
    expect(chat.status).to_contain_text("Offline")
    context.set_offline(False)
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()
    time.sleep(0.5)

    assert chat.bubbles("user") == [
        "what is a baclofen pump", "how long does the trial take", "what is spasticity",
    ]
    bot = chat.bubbles("bot")
    for answer in ("spinal cord", "trial visit varies", "tight or stiff"):
        assert sum(answer in text for text in bot) == 1, (answer, bot)
    with sqlite3.connect(servers["tracker_db"]) as db:
        texts = [json.loads(row[0])["text"] for row in db.execute(
            "select data from events where sender_id = ? and type_name = 'user'",
            (chat.storage()["state"]["sessionId"],),
        )]
    assert texts == ["what is a baclofen pump", "how long does the trial take", "what is spasticity"]
