"""Answer feedback: "Helpful? Yes / No" under the assistant's answers in the widget,
the channel's `answer_feedback` event (channels/webchat.py) and its rows in
`answer_feedback` (itb/db.py)."""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from typing import Any, Dict, List, Optional

import pytest
from playwright.sync_api import expect

from tests.widget.test_widget_a11y import run_axe
from tests.widget.test_widget_channel import Client

SPASTICITY = "utter_ask_spasticity_what"
COMMENT = "It did not say how long it lasts. Call me at 617-555-0199"


def feedback_rows(servers, session_id: str) -> List[Dict[str, Any]]:
    path = str(servers["database_url"])[len("sqlite:///"):]
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "select * from answer_feedback where conversation_id = ? order by id", (session_id,)
        ).fetchall()
    return [dict(row) for row in rows]


def wait_until(check, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    return check()


# ------------------------------------------------------------ the widget
def test_keyboard_only_vote_no_with_a_comment_is_stored_and_announced(new_chat, servers):
    chat = new_chat()
    page = chat.page
    chat.open()
    expect(chat.input).to_be_focused()
    # The greeting is not an answer: no control under it.
    expect(chat.log.get_by_role("group", name="Rate this answer")).to_have_count(0)

    page.keyboard.type("what is spasticity")
    page.keyboard.press("Enter")
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()
    control = chat.log.get_by_role("group", name="Rate this answer")
    expect(control).to_have_count(1)
    expect(control).to_contain_text("Helpful?")
    expect(control.get_by_role("button", name="Yes", exact=True)).to_be_visible()
    expect(control.get_by_role("button", name="No", exact=True)).to_be_visible()

    # Keyboard only: back from the text box to "No".
    for _ in range(15):
        page.keyboard.press("Shift+Tab")
        if chat.focused().get("text") == "No":
            break
    else:
        pytest.fail("Shift+Tab never reached the No button")
    assert chat.focused()["tag"] == "button"
    assert chat.focused()["outline"].startswith("solid"), "no visible focus on No"
    page.keyboard.press("Enter")

    comment = chat.log.get_by_role("textbox", name="What was missing?")
    expect(comment).to_be_focused()
    expect(comment).to_have_attribute("maxlength", "500")
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    assert chat.focused()["text"] == "Send"
    assert chat.focused()["outline"].startswith("solid"), "no visible focus on Send"
    page.keyboard.press("Enter")

    # The thanks line replaces the control, in a polite live region.
    thanks = chat.log.get_by_role("status").filter(has_text="Thanks for your feedback.")
    expect(thanks).to_have_count(1)
    expect(thanks).to_have_attribute("aria-live", "polite")
    expect(chat.log.get_by_role("group", name="Rate this answer")).to_have_count(0)
    expect(chat.log.get_by_role("textbox", name="What was missing?")).to_have_count(0)
    expect(chat.input).to_be_focused()

    session_id = chat.storage()["state"]["sessionId"]
    rows = wait_until(lambda: feedback_rows(servers, session_id))
    assert len(rows) == 1, rows
    assert rows[0]["answer"] == SPASTICITY
    assert rows[0]["helpful"] in (0, False)
    assert rows[0]["comment"] == COMMENT
    assert rows[0]["message_id"].count(".") == 1
    # The comment never reaches the log.
    assert COMMENT not in servers["log"].read_text(errors="replace")
    assert "617-555-0199" not in servers["log"].read_text(errors="replace")

    # One vote per answer: after a reload the thanks line stays, no control comes back.
    page.reload()
    chat.launcher.wait_for()
    chat.wait_for_text("tight or stiff")
    expect(chat.log.get_by_role("group", name="Rate this answer")).to_have_count(0)
    expect(chat.log).to_contain_text("Thanks for your feedback.")
    assert chat.third_party_requests() == []
    assert chat.csp_violations() == []
    assert chat.errors == []


def test_axe_finds_no_violations_with_the_feedback_control_open(new_chat):
    chat = new_chat()
    chat.open()
    chat.ask("what is spasticity")
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()
    control = chat.log.get_by_role("group", name="Rate this answer")
    violations = run_axe(chat)
    assert violations == [], json.dumps(violations, indent=2)
    control.get_by_role("button", name="No", exact=True).click()
    expect(chat.log.get_by_role("textbox", name="What was missing?")).to_be_focused()
    violations = run_axe(chat)
    print(f"axe-core with the comment field open: {len(violations)} violations")
    assert violations == [], json.dumps(violations, indent=2)
    chat.log.get_by_role("button", name="Skip", exact=True).click()
    expect(chat.log.get_by_role("status").filter(has_text="Thanks for your feedback.")).to_have_count(1)
    violations = run_axe(chat)
    assert violations == [], json.dumps(violations, indent=2)


# ------------------------------------------------------------ the channel
@pytest.fixture
def client(servers):
    clients = []

    def make(**kwargs) -> Client:
        clients.append(Client(str(servers["rasa"]), **kwargs))
        return clients[-1]

    yield make
    for c in clients:
        c.close()


def rate(chat: Client, session_id: str, message_id: Optional[str], helpful: Any = False, **extra) -> Dict:
    data = {"session_id": session_id, "message_id": message_id, "helpful": helpful, **extra}
    return chat.sio.call("answer_feedback", data, timeout=30)


def ask(chat: Client, session_id: str, text: str) -> List[Dict[str, Any]]:
    count = len(chat.bot)
    assert chat.say(text, session_id) == {"ok": True}
    time.sleep(0.3)
    return chat.bot[count:]


def test_answers_are_marked_and_one_vote_is_stored_per_answer(servers, client):
    chat = client()
    session = chat.session()
    replies = ask(chat, session, "what is spasticity")
    marked = [r for r in replies if r.get("answer")]
    assert [r["answer"] for r in marked] == [SPASTICITY]
    # Only the answer: not the disclosure or the suggestions that may follow it.
    assert len(marked) == 1 and marked[0]["text"].startswith("Spasticity")
    greeting = ask(chat, session, "hello")
    assert not any(r.get("answer") for r in greeting)

    # The history marks the same message.
    other = client()
    other.session(session)
    history = other.history[-1]["messages"]
    assert [m["id"] for m in history if m.get("answer") == SPASTICITY] == [marked[0]["id"]]

    # The answer's name comes from the conversation, never from the client.
    assert rate(chat, session, marked[0]["id"], False, comment="  too short  ", answer="utter_fake") == {"ok": True}
    rows = feedback_rows(servers, session)
    assert [(r["answer"], r["helpful"], r["comment"]) for r in rows] == [(SPASTICITY, 0, "too short")]
    # A repeated vote replaces the first one: never two rows.
    assert rate(chat, session, marked[0]["id"], True) == {"ok": True}
    rows = feedback_rows(servers, session)
    assert [(r["answer"], r["helpful"], r["comment"]) for r in rows] == [(SPASTICITY, 1, None)]


def test_forged_sessions_unknown_messages_and_bad_comments_are_refused(servers, client):
    owner = client()
    session = owner.session()
    answer = [r for r in ask(owner, session, "what is spasticity") if r.get("answer")][0]
    greeting = ask(owner, session, "hello")[0]
    intruder = client()
    intruder_session = intruder.session()
    assert rate(intruder, uuid.uuid4().hex + uuid.uuid4().hex, answer["id"]) == {"ok": False, "error": "no_session"}
    assert rate(intruder, session[:32] + uuid.uuid4().hex, answer["id"]) == {"ok": False, "error": "no_session"}
    # Another conversation's id, even a real one, is not this connection's.
    assert rate(intruder, session, answer["id"]) == {"ok": False, "error": "no_session"}
    # A message of another conversation, or none at all, or not an answer.
    assert rate(intruder, intruder_session, answer["id"]) == {"ok": False, "error": "unknown_message"}
    assert rate(owner, session, "0123456789abcdef.0") == {"ok": False, "error": "unknown_message"}
    assert rate(owner, session, greeting["id"]) == {"ok": False, "error": "unknown_message"}
    assert rate(owner, session, "../../etc")["error"] == "bad_request"
    assert rate(owner, session, answer["id"], helpful="no")["error"] == "bad_request"
    assert rate(owner, session, answer["id"], comment=42)["error"] == "bad_request"
    assert owner.sio.call("answer_feedback", "nonsense", timeout=30)["error"] == "bad_request"
    for size in (501, 100_000):
        assert rate(owner, session, answer["id"], comment="a" * size) == {"ok": False, "error": "too_long", "max": 500}
    assert rate(owner, session, answer["id"], comment="bad\x00comment") == {"ok": False, "error": "bad_comment"}
    assert rate(owner, session, answer["id"], comment="bad\x1bcomment") == {"ok": False, "error": "bad_comment"}
    assert feedback_rows(servers, session) == [] and feedback_rows(servers, intruder_session) == []
    assert rate(owner, session, answer["id"], comment="b" * 500) == {"ok": True}
    assert len(feedback_rows(servers, session)) == 1


def test_too_many_votes_a_minute_are_refused(servers, client):
    chat = client()
    session = chat.session()
    answer = [r for r in ask(chat, session, "what is spasticity") if r.get("answer")][0]
    answers = [rate(chat, session, answer["id"], n % 2 == 0) for n in range(20)]
    assert all(a == {"ok": True} for a in answers)
    refused = rate(chat, session, answer["id"], True)
    assert refused["ok"] is False and refused["error"] == "rate_limited"
    assert 1 <= refused["retry_after"] <= 60
    assert len(feedback_rows(servers, session)) == 1
