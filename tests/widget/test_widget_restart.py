"""The assistant restarts mid-conversation: the widget says so, keeps the message, recovers."""
from __future__ import annotations

import json
import sqlite3

from playwright.sync_api import expect

DEMO_PATH = "/webhooks/webchat/demo"


def user_texts(db, session_id: str) -> list:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id",
            (session_id,),
        ).fetchall()
    return [json.loads(row[0])["text"] for row in rows]


def test_server_restart_mid_conversation_recovers(assistant, open_chat, artifacts):
    assistant.start()
    chat = open_chat(assistant.url + DEMO_PATH)
    chat.open()
    chat.ask("what is a baclofen pump")
    chat.wait_for_text("spinal cord")
    chat.wait_idle()
    expect(chat.status).to_be_hidden()

    assistant.stop()
    expect(chat.status).to_contain_text("Offline. Reconnecting")
    # Written while the assistant is down: kept, and marked as not sent yet.
    chat.ask("how long does the trial take")
    expect(chat.log).to_contain_text("Not sent yet: waiting for the connection.")
    chat.screenshot(artifacts / "widget-offline.png")

    assistant.start()
    chat.wait_for_text("trial visit varies", timeout=60_000)
    chat.wait_idle()
    expect(chat.status).to_be_hidden()
    assert chat.bubbles("user") == ["what is a baclofen pump", "how long does the trial take"]
    bot = chat.bubbles("bot")
    assert sum("spinal cord" in text for text in bot) == 1
    assert sum("trial visit varies" in text for text in bot) == 1
    # The server has each message once, in the same conversation.
    session = chat.storage()["state"]["sessionId"]
    assert user_texts(assistant.tracker_db, session) == [
        "what is a baclofen pump", "how long does the trial take",
    ]
    assert chat.third_party_requests() == []
