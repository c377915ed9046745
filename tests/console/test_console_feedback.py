"""The web chat's answer feedback in the console: answers marked "not helpful" in the
training inbox (comments masked, a link to the transcript), votes and the share
marked helpful per answer on the dashboard, both audited; and "forget me"
(console/privacy.py) deletes a conversation's feedback."""
from __future__ import annotations

import html
import re
import time

import pytest
from sqlalchemy import func, select

from conftest import SECRET, Client, make_users, start_console, stop
from tests.console import data

COMMENT = "my name is Jane Doe, please call 617-555-0142 about the pump"


@pytest.fixture(scope="module")
def feedback_env(tmp_path_factory):
    from console.indexer import Indexer
    from itb import db

    workdir = tmp_path_factory.mktemp("console-feedback")
    env = {"database_url": f"sqlite:///{workdir / 'itb.db'}", "tracker_url": f"sqlite:///{workdir / 'tracker.db'}",
           "workdir": workdir}
    db.upgrade(env["database_url"])
    conversations = data.generated(4, time.time(), days=5, seed=21)
    webs = [sender for sender in conversations if not sender.startswith("+")]
    data.store(env["tracker_url"], conversations)
    with db.session(env["database_url"]) as session:
        session.add_all([
            db.AnswerFeedback(conversation_id=webs[0], message_id="m1.0", answer="utter_ask_pump_refill",
                              helpful=False, comment=COMMENT),
            db.AnswerFeedback(conversation_id=webs[0], message_id="m2.1", answer="utter_ask_spasticity_what",
                              helpful=True),
            db.AnswerFeedback(conversation_id=webs[1], message_id="m1.0", answer="utter_ask_pump_refill",
                              helpful=True),
            db.AnswerFeedback(conversation_id=webs[1], message_id="m2.0", answer="utter_ask_pump_refill",
                              helpful=True),
            db.AnswerFeedback(conversation_id=webs[2], message_id="m1.0", answer="utter_faq/alcohol",
                              helpful=False, comment=None),
        ])
    Indexer(env["database_url"], env["tracker_url"]).sync()
    make_users(env["database_url"])
    env["webs"] = webs
    server = start_console(env, workdir, "feedback")
    yield {**env, "server": server}
    stop(server)


def login(env, role: str) -> Client:
    client = Client(env["server"])
    assert client.login(role).status_code == 303
    return client


def index_id(env, sender: str):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(db.ConversationIndex.id).where(db.ConversationIndex.sender_id == sender)).scalar()


def feedback_count(env, sender: str) -> int:
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(func.count()).select_from(db.AnswerFeedback)
                               .where(db.AnswerFeedback.conversation_id == sender)).scalar()


def test_the_inbox_lists_answers_marked_not_helpful_with_masked_comments(feedback_env):
    from itb import db

    reviewer = login(feedback_env, "reviewer")
    page = reviewer.get("/inbox")
    assert page.status_code == 200
    text = html.unescape(page.text)
    section = text[text.index("Answers marked not helpful"):text.index("Export corrections")]
    rows = re.findall(r'<tr class="feedback-row">(.*?)</tr>', section, re.S)
    assert len(rows) == 2, section
    refill = next(row for row in rows if "utter_ask_pump_refill" in row)
    assert "about the pump" in refill
    assert "Jane" not in section and "Doe" not in section and "617-555-0142" not in section and "0142" not in section
    assert "[phone]" in refill and "[name]" in refill
    assert f'href="/conversations/{index_id(feedback_env, feedback_env["webs"][0])}"' in refill
    alcohol = next(row for row in rows if "utter_faq/alcohol" in row)
    assert "no comment" in alcohol
    # Helpful votes are not listed.
    assert "utter_ask_spasticity_what" not in section
    with db.session(feedback_env["database_url"]) as session:
        row = session.execute(select(db.AuditLog).where(db.AuditLog.action == "inbox.view")
                              .order_by(db.AuditLog.id.desc()).limit(1)).scalar_one()
    assert row.username == "reviewer" and '"feedback_shown": 2' in row.detail


def test_the_dashboard_shows_votes_and_the_share_helpful_per_answer(feedback_env):
    reviewer = login(feedback_env, "reviewer")
    page = reviewer.get("/dashboard")
    assert page.status_code == 200
    votes = {answer: (int(count), share) for answer, count, share in re.findall(
        r'<tr class="vote-row"><td><code>(.*?)</code></td><td class="num">(\d+)</td><td class="num">(.*?)</td></tr>',
        page.text)}
    assert votes == {
        "utter_ask_pump_refill": (3, "67%"),
        "utter_ask_spasticity_what": (1, "100%"),
        "utter_faq/alcohol": (1, "0%"),
    }
    empty = reviewer.get("/dashboard?from=2001-01-01&to=2001-01-03").text
    assert "No votes in this period." in empty


def test_forget_me_deletes_the_conversations_feedback(feedback_env):
    from console import audit, privacy
    from itb import db

    target, other = feedback_env["webs"][0], feedback_env["webs"][1]
    assert feedback_count(feedback_env, target) == 2
    result = privacy.forget(feedback_env["database_url"], feedback_env["tracker_url"], SECRET.encode(),
                            privacy.PATIENT, conversation=target)
    assert result.counts["answer_feedback"] == 2
    assert feedback_count(feedback_env, target) == 0
    assert feedback_count(feedback_env, other) == 2
    with db.session(feedback_env["database_url"]) as session:
        row = session.execute(select(db.AuditLog).where(db.AuditLog.action == "forget")
                              .order_by(db.AuditLog.id.desc()).limit(1)).scalar_one()
    assert row.target_id == audit.fingerprint(SECRET.encode(), target)
    assert '"answer_feedback": 2' in row.detail and "Jane" not in row.detail
    # The inbox no longer shows it.
    reviewer = login(feedback_env, "reviewer")
    assert "about the pump" not in html.unescape(reviewer.get("/inbox").text)
