"""Patients in control of their data, end to end over REST with the real servers:
"what do you know about me?" and "forget me" (confirm, delete, audit), from any
point of a conversation, on SQLite and PostgreSQL. Checks what the patient sees
and which rows are really gone."""
from __future__ import annotations

import concurrent.futures
import json
import time
import uuid

import requests
from sqlalchemy import create_engine, text

from support.postgres import scratch_postgres
from support.stack import running_assistant
from tests.e2e.test_appointments import HAPPY_PATH

YES_WORDS = ("Yes, delete it", "No, keep it")


def post(server, sender: str, message: str, message_id: str | None = None) -> list:
    body = {"sender": sender, "message": message}
    if message_id:
        body["message_id"] = message_id
    response = requests.post(f"{server['rasa']}/webhooks/rest/webhook", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def chat(server, sender: str, message: str, message_id: str | None = None) -> str:
    return "\n".join(m.get("text", "") for m in post(server, sender, message, message_id))


def query(url: str, sql: str, **params) -> list:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def tracker_url(server) -> str:
    return server["env"]["TRACKER_STORE_URL"]


def events(server, sender: str) -> list:
    return query(tracker_url(server), "select type_name, data from events where sender_id = :s order by id", s=sender)


def user_texts(server, sender: str) -> list:
    return [json.loads(row["data"]).get("text") for row in events(server, sender) if row["type_name"] == "user"]


def requests_of(server, sender: str) -> list:
    return query(server["database_url"], "select * from appointment_requests where conversation_id = :c", c=sender)


def audit_rows(server, action: str = "forget") -> list:
    return query(server["database_url"], "select * from audit_log where action = :a order by id", a=action)


def book(server, sender: str) -> str:
    for message, expected in HAPPY_PATH:
        reply = chat(server, sender, message)
        assert expected in reply, (message, reply)
    done = chat(server, sender, "yes")
    assert "Your reference is ITB-" in done, done
    return done.split("Your reference is ")[1].split(".")[0]


def wait_until(check, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def sender(kind: str = "priv") -> str:
    return f"{kind}-{uuid.uuid4().hex}"


# ---------------------------------------------------------- what we know
def test_what_do_you_know_without_a_request(servers):
    me = sender()
    chat(servers, me, "what is ITB")
    reply = chat(servers, me, "what do you know about me?")
    today = time.gmtime()
    assert "Here is what we keep from this chat" in reply
    assert f"kept since {time.strftime('%B', today)} {today.tm_mday}, {today.tm_year}" in reply
    assert "Appointment requests: none." in reply
    assert 'say "forget me"' in reply
    assert "phone number" not in reply  # no SMS lines on the web


def test_what_do_you_know_with_a_request_shows_it_masked(servers):
    me = sender()
    reference = book(servers, me)
    reply = chat(servers, me, "what info do you keep about me")
    assert f"Appointment request {reference}: sent, and the clinic will call you." in reply
    assert "Name M**** L****, phone +1******0199." in reply
    assert "Maria" not in reply and "0199" in reply and "212" not in reply


def test_a_phone_number_as_rest_conversation_id_gets_nothing(servers):
    # REST clients choose their conversation id; only a signed SMS proves a number.
    number = "+1617555" + f"{uuid.uuid4().int % 10**4:04d}"
    assert "can't do that in this chat" in chat(servers, number, "what do you know about me")
    assert "can't do that in this chat" in chat(servers, number, "forget me")


# ------------------------------------------------------------ forget me
def test_forget_me_asks_first_and_no_keeps_everything(servers):
    me = sender()
    chat(servers, me, "does the zebrafig pump beep")
    asked = post(servers, me, "forget me")
    assert "Do you want me to delete what we keep from this chat?" in asked[0]["text"]
    assert [b["title"] for b in asked[0]["buttons"]] == list(YES_WORDS)
    assert "did not delete anything" in chat(servers, me, "no")
    assert "does the zebrafig pump beep" in user_texts(servers, me)
    # A later "yes" is just a yes: the question was not the last thing asked.
    assert "Done" not in chat(servers, me, "yes")
    assert "does the zebrafig pump beep" in user_texts(servers, me)


def test_forget_me_deletes_this_conversation_and_only_this_one(servers):
    me, other = sender(), sender("other")
    reference = book(servers, me)
    chat(servers, me, "can the quokkaberry pump get wet?")
    other_reference = book(servers, other)
    chat(servers, other, "what does the tamarillo alarm mean")
    other_events = events(servers, other)
    # The console's indexer (started beside the bot) has the conversation in its search index.
    wait_until(lambda: query(servers["database_url"],
                             "select t.term from conversation_terms t join conversation_index c "
                             "on c.id = t.conversation_id where c.sender_id = :s and t.term = 'quokkaberry'", s=me))

    assert "Do you want me to delete" in chat(servers, me, "please delete my data")
    message_id = uuid.uuid4().hex
    done = chat(servers, me, "yes", message_id=message_id)
    assert done.startswith("Done. I deleted this chat and your appointment request"), done
    assert reference in done

    # The tracker store holds only a fresh start: the "yes" (as a payload) and the reply.
    rows = events(servers, me)
    assert [json.loads(r["data"]).get("text") for r in rows if r["type_name"] == "user"] == ["/affirm"]
    assert all("quokkaberry" not in r["data"] and "Maria" not in r["data"] for r in rows)
    assert [r["type_name"] for r in rows if r["type_name"] in ("user", "bot")] == ["user", "bot"]
    assert requests_of(servers, me) == []
    # The console's index no longer has the words (it re-indexes the fresh start).
    wait_until(lambda: not query(servers["database_url"],
                                 "select t.term from conversation_terms t join conversation_index c "
                                 "on c.id = t.conversation_id where c.sender_id = :s", s=me))
    # The other conversation is untouched.
    assert events(servers, other) == other_events
    assert [r["reference"] for r in requests_of(servers, other)] == [other_reference]
    # One audit row, without content.
    row = [r for r in audit_rows(servers) if '"appointment_requests": 1' in (r["detail"] or "")][-1]
    assert row["username"] == "patient" and row["role"] == "patient" and row["target_type"] == "conversation"
    assert row["target_id"].startswith("hmac:") and me not in row["target_id"]
    assert reference not in row["detail"] and "Maria" not in row["detail"]
    detail = json.loads(row["detail"])
    assert detail["appointment_requests"] == 1 and detail["messages"] >= 16

    # The same message again (a client's retry) gets the same reply and changes nothing.
    assert chat(servers, me, "yes", message_id=message_id) == done
    assert len(events(servers, me)) == len(rows)
    # Asking again shows what is left: nothing but the reply.
    after = chat(servers, me, "what do you know about me")
    assert "Appointment requests: none." in after and "Messages: 2," in after


def test_forget_me_twice_is_harmless(servers):
    me, other = sender(), sender("other")
    chat(servers, me, "what is the trial")
    chat(servers, other, "what is the trial")
    before = events(servers, other)
    for _ in range(2):
        chat(servers, me, "forget me")
        assert chat(servers, me, "yes").startswith("Done. I deleted this chat.")
    assert user_texts(servers, me) == ["/affirm"]
    assert events(servers, other) == before
    assert "spinal" in chat(servers, me, "what is ITB")  # the conversation goes on


def test_forget_me_in_the_middle_of_the_appointment_form(servers):
    me = sender()
    chat(servers, me, "I want to book an appointment")
    assert "phone number" in chat(servers, me, "Maria Lopez")
    # Asked mid-form: answered, and the form goes on.
    known = chat(servers, me, "what do you know about me?")
    assert "The request you are filling in now. It is not sent yet." in known and "phone number" in known
    # "No" returns to the form where it was; the form does not take "no" as an answer.
    asked = chat(servers, me, "delete my data")
    assert "Do you want me to delete" in asked and "phone number" not in asked
    kept = chat(servers, me, "no")
    assert "did not delete anything" in kept and "phone number" in kept
    assert "visit for" in chat(servers, me, "(212) 555-0199")
    # "Yes" deletes and ends the form: nothing is sent to the clinic.
    chat(servers, me, "forget me")
    done = chat(servers, me, "yes")
    assert "Done. I deleted this chat and the request you were filling in." in done
    assert requests_of(servers, me) == []
    assert all("Maria" not in row["data"] and "0199" not in row["data"] for row in events(servers, me))
    reply = chat(servers, me, "what is ITB")
    assert "spinal" in reply and "visit for" not in reply


def test_a_request_staff_acted_on_is_withdrawn_not_deleted(servers):
    me = sender()
    reference = book(servers, me)
    engine = create_engine(servers["database_url"], future=True)
    with engine.begin() as connection:
        connection.execute(text("update appointment_requests set status = 'scheduled' where reference = :r"),
                           {"r": reference})
    engine.dispose()
    chat(servers, me, "forget me")
    done = chat(servers, me, "yes")
    assert f"Your request {reference} is now withdrawn." in done
    rows = requests_of(servers, me)
    assert len(rows) == 1 and rows[0]["status"] == "withdrawn"
    assert rows[0]["note"] is None and rows[0]["preferred_times"] == "" and rows[0]["full_name"] == "Maria Lopez"
    history = query(servers["database_url"], "select from_status, to_status, changed_by from appointment_status_changes "
                    "where request_id = :i", i=rows[0]["id"])
    assert history == [{"from_status": "scheduled", "to_status": "withdrawn", "changed_by": "patient"}]
    # Asking again: the withdrawn request is still listed; forgetting again leaves it as it is.
    assert f"Appointment request {reference}: withdrawn." in chat(servers, me, "what do you know about me")
    chat(servers, me, "forget me")
    chat(servers, me, "yes")
    assert requests_of(servers, me)[0]["status"] == "withdrawn"


def test_forget_and_a_new_message_at_the_same_moment(servers):
    """The two turns never run at once (Rasa's conversation lock); whichever
    goes first, nothing crashes and the old messages never come back."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(3):
            me = sender()
            chat(servers, me, "is the walrusplum trial painful")
            chat(servers, me, "forget me")
            forgetting = pool.submit(post, servers, me, "yes")
            time.sleep(0.03)  # while the "yes" is being handled
            asking = pool.submit(post, servers, me, "how long does the battery last")
            replies = [forgetting.result(), asking.result()]
            assert replies[0] and replies[1]
            assert any("Done. I deleted" in m.get("text", "") for m in replies[0])
            texts = user_texts(servers, me)
            assert "is the walrusplum trial painful" not in texts and "forget me" not in texts
            assert texts in (["/affirm", "how long does the battery last"], ["/affirm"]), texts
            assert "spinal" in chat(servers, me, "what is ITB")
            assert all("walrusplum" not in row["data"] for row in events(servers, me))


# ------------------------------------------------------------ PostgreSQL
def test_forget_me_on_postgresql(tmp_path_factory):
    with scratch_postgres() as url:
        with running_assistant(tmp_path_factory.mktemp("privacy-pg"), DATABASE_URL=url,
                               TRACKER_STORE_URL=url) as server:
            me, other = sender("pg"), sender("pg-other")
            reference = book(server, me)
            chat(server, me, "can the kumquatzebra pump get wet?")
            chat(server, other, "what is the trial")
            other_events = events(server, other)
            assert reference in chat(server, me, "what do you know about me")
            chat(server, me, "forget me")
            done = chat(server, me, "yes")
            assert done.startswith("Done. I deleted this chat and your appointment request") and reference in done
            assert user_texts(server, me) == ["/affirm"]
            assert all("kumquatzebra" not in row["data"] for row in events(server, me))
            assert requests_of(server, me) == []
            assert events(server, other) == other_events
            row = audit_rows(server)[-1]
            assert row["username"] == "patient" and json.loads(row["detail"])["appointment_requests"] == 1
            assert "Appointment requests: none." in chat(server, me, "what do you know about me")


# --------------------------------------------------------------- web chat
class Webchat:
    """The widget's side of the socket.io protocol (channels/webchat.py)."""

    def __init__(self, server) -> None:
        import socketio

        self.sio = socketio.Client(reconnection=False)
        self.bot: list = []
        self.history: list = []
        self.confirmed: list = []
        self.sio.on("bot_uttered", self.bot.append)
        self.sio.on("session_confirm", self.confirmed.append)
        self.sio.on("session_history", self.history.append)
        self.sio.connect(server["rasa"], socketio_path="/webhooks/webchat/socket.io", transports=["websocket"])

    def session(self, session_id: str | None = None) -> str:
        count = len(self.history)
        self.sio.emit("session_request", {"session_id": session_id})
        wait_until(lambda: len(self.history) > count, 10)
        return self.confirmed[-1]

    def say(self, message: str, session_id: str, message_id: str | None = None, **extra) -> dict:
        return self.sio.call("user_uttered", {"message": message, "session_id": session_id,
                                              "message_id": message_id or uuid.uuid4().hex, **extra}, timeout=60)


def test_forget_me_in_the_web_chat(servers):
    chat = Webchat(servers)
    try:
        session = chat.session()
        assert chat.say("does the figletmoth pump beep", session)["ok"]
        assert chat.say("forget me", session)["ok"]
        wait_until(lambda: any("Do you want me to delete" in m.get("text", "") for m in chat.bot))
        question = [m for m in chat.bot if "Do you want me to delete" in m.get("text", "")][-1]
        assert [r["title"] for r in question["quick_replies"]] == list(YES_WORDS)
        message_id = uuid.uuid4().hex
        assert chat.say("/affirm", session, message_id, metadata={"display": "Yes, delete it"}) == {"ok": True}
        wait_until(lambda: any(m.get("text", "").startswith("Done.") for m in chat.bot))
        done = [m["text"] for m in chat.bot if m.get("text", "").startswith("Done.")][-1]
        assert done == ("Done. I deleted this chat. This window still shows the old messages until you close it "
                        "or press Start over.")
        # Sent again (the widget resends after a dropped connection): not handled twice.
        assert chat.say("/affirm", session, message_id)["duplicate"] is True
    finally:
        chat.sio.disconnect()
    # A widget that reconnects gets only what is left.
    again = Webchat(servers)
    try:
        again.session(session)
        messages = again.history[-1]["messages"]
        assert [(m["sender"], m["text"]) for m in messages] == [("user", "Yes, delete it"), ("bot", done)]
    finally:
        again.sio.disconnect()
    assert all("figletmoth" not in row["data"] for row in events(servers, session))
