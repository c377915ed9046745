"""Seed a synthetic set of conversations into Rasa's tracker store, for the
staff console's performance check (and its tests).

Every conversation is made of Rasa's own event objects (rasa.shared.core.events)
and stored exactly as rasa.core.tracker_store.SQLTrackerStore stores them (the
table is created by that class; rows are written in bulk with the same
columns: type_name, timestamp, intent_name, action_name and the event's JSON).
Patient messages are taken from the project's NLU examples, bot messages from
domain.yml; names and phone numbers are invented (555 numbers).

    python scripts/seed_conversations.py --count 100000 --days 180
    python scripts/seed_conversations.py --count 100000 --index   # then index for the console
    python scripts/seed_conversations.py --count 0 --measure      # time the console's pages

Uses TRACKER_STORE_URL / DATABASE_URL like the rest (see .env.example), or
--tracker-url / --database-url. Only for test and demo databases: the
conversations are fake.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python scripts/seed_conversations.py`: the project root is importable
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

import yaml  # noqa: E402
from sqlalchemy import text  # noqa: E402

from itb.content import fill  # noqa: E402
from support.nlu import examples_of  # noqa: E402

FIRST = ["Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Aisha", "Wei", "Carlos", "Nora", "Dmitri",
         "Grace", "Samuel", "Priya", "Tomás", "Hannah", "Jamal", "Keiko", "Olivia", "Ethan"]
LAST = ["Garcia", "Johnson", "Nguyen", "Smith", "Okafor", "Kowalski", "Haddad", "Chen", "Rivera", "Brown",
        "Lindqvist", "Patel", "O'Brien", "Moreau", "Santos", "Fischer", "Ali", "Novak", "Tanaka", "Walker"]
EXTRA_QUESTIONS = {  # the kind of wording that ends in a fallback or low confidence
    "nlu_fallback": ["can my cat sleep on the pump side", "is the weather ok for driving home",
                     "what about the thing they said last time", "blorp", "do you sell wheelchairs",
                     "my insurance card has a different address is that a problem for parking"],
}


@lru_cache(maxsize=1)
def nlu_examples() -> Dict[str, List[str]]:
    examples: Dict[str, List[str]] = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for line, intent in examples_of(path):
            # drop entity mark-up: [text](entity) -> text
            while "[" in line and "](" in line:
                start = line.index("[")
                middle = line.index("](", start)
                end = line.index(")", middle)
                line = line[:start] + line[start + 1:middle] + line[end + 1:]
            examples.setdefault(intent, []).append(line)
    return examples


@lru_cache(maxsize=1)
def responses() -> Dict[str, Dict[str, Any]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text()) or {}
    result = {}
    for name, variants in (domain.get("responses") or {}).items():
        if variants and isinstance(variants, list) and isinstance(variants[0], dict):
            # As the assistant says it: the clinic's settings filled in (itb/content/fill.py).
            result[name] = fill.fill_response(dict(variants[0]))
    result["action_clinic_contact"] = result.get("utter_clinic_contact", {})
    return result


def _ranking(rng: random.Random, intent: str, confidence: float) -> List[Dict[str, Any]]:
    others = [name for name in nlu_examples() if name != intent]
    rest = rng.sample(others, k=min(4, len(others)))
    left = max(0.0, 1.0 - confidence)
    ranking = [{"name": intent, "confidence": confidence}]
    for name in rest:
        share = left * rng.uniform(0.2, 0.6)
        left -= share
        ranking.append({"name": name, "confidence": share})
    return ranking


def conversation_events(rng: random.Random, sender: str, start: float, channel: str) -> List[Any]:
    """One synthetic conversation as Rasa events (a session start, 1-6 turns)."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered

    examples = nlu_examples()
    utter = responses()
    model = {"model_id": "synthetic", "assistant_id": "itb-patient-assistant"}
    clock = [start]

    def tick(low: float = 0.2, high: float = 2.0) -> float:
        clock[0] += rng.uniform(low, high)
        return clock[0]

    events: List[Any] = [
        ActionExecuted("action_session_start", timestamp=tick(), metadata=model, confidence=1.0),
        SessionStarted(timestamp=tick(), metadata=model),
        ActionExecuted("action_listen", timestamp=tick(), metadata=model),
    ]
    input_channel = {"sms": "sms", "web": rng.choice(["socketio", "rest"])}[channel]
    special = {"emergency", "emergency_self_harm", "request_human", "request_appointment", "nlu_fallback"}
    answerable = [i for i in examples if (f"utter_{i}" in utter or i == "ask_clinic_contact") and i not in special]
    turns = rng.choices([1, 2, 3, 4, 5, 6], weights=[20, 30, 22, 14, 9, 5])[0]
    disclosed = False
    for _ in range(turns):
        roll = rng.random()
        slots: List[Tuple[str, str]] = []
        if roll < 0.02:
            intent, confidence = "emergency", 1.0
        elif roll < 0.06:
            intent, confidence = "request_human", rng.uniform(0.7, 0.99)
        elif roll < 0.10:
            intent, confidence = "request_appointment", rng.uniform(0.6, 0.99)
        elif roll < 0.17:
            intent, confidence = "nlu_fallback", 0.2
        else:
            intent = rng.choice(answerable)
            confidence = rng.uniform(0.3, 0.6) if rng.random() < 0.12 else rng.uniform(0.7, 0.999)
        pool = examples.get(intent) or EXTRA_QUESTIONS.get(intent) or ["hello"]
        if intent == "nlu_fallback":
            pool = EXTRA_QUESTIONS["nlu_fallback"] + [q for i in rng.sample(answerable, 3) for q in examples[i][:2]]
        text = rng.choice(pool)
        ranking = _ranking(rng, intent, confidence)
        if intent == "nlu_fallback":
            ranking = [{"name": "nlu_fallback", "confidence": 0.2}] + _ranking(rng, rng.choice(answerable), 0.15)
        parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text,
                 "message_id": uuid.UUID(int=rng.getrandbits(128)).hex, "metadata": {},
                 "intent_ranking": ranking}
        events.append(UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=tick(5, 90),
                                  input_channel=input_channel, message_id=parse["message_id"], metadata=model))
        action = {"emergency": "utter_emergency", "nlu_fallback": "utter_default"}.get(intent, f"utter_{intent}")
        if intent == "ask_clinic_contact":
            action = "action_clinic_contact"
        events.append(ActionExecuted(action, policy="RulePolicy", confidence=1.0, timestamp=tick(), metadata=model))
        response = utter.get(action) or utter["utter_clinic_contact"]
        events.append(BotUttered(response.get("text"), data={"buttons": response.get("buttons")},
                                 metadata={"utter_action": action, **model}, timestamp=tick()))
        if intent == "request_appointment" and rng.random() < 0.6:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            phone = f"+1{rng.choice(['312', '617', '415', '212'])}555{rng.randint(0, 9999):04d}"
            events.append(ActiveLoop("appointment_form", timestamp=tick()))
            for value, slot in ((f"my name is {name}", "appt_name"), (phone[2:5] + "-" + phone[5:8] + "-" + phone[8:], "appt_phone")):
                events.append(ActionExecuted("action_listen", timestamp=tick(), metadata=model))
                answer = {"intent": {"name": "inform", "confidence": rng.uniform(0.2, 0.5)}, "entities": [],
                          "text": value, "intent_ranking": []}
                events.append(UserUttered(value, intent=answer["intent"], parse_data=answer, timestamp=tick(5, 40),
                                          input_channel=input_channel, metadata=model))
                slots.append((slot, name if slot == "appt_name" else phone))
                events.append(SlotSet(slot, slots[-1][1], timestamp=tick()))
            events.append(ActiveLoop(None, timestamp=tick()))
        if not disclosed:
            disclosed = True
            events.append(ActionExecuted("utter_disclosure", policy="SafetyPolicy", confidence=1.0,
                                         timestamp=tick(), metadata=model))
            events.append(BotUttered(utter.get("utter_disclosure", {}).get("text", "I am an automated assistant."),
                                     metadata={"utter_action": "utter_disclosure", **model}, timestamp=tick()))
        events.append(ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0, timestamp=tick(),
                                     metadata=model))
    return events


def rows_for(sender: str, events: List[Any]) -> Iterator[Dict[str, Any]]:
    """The rows SQLTrackerStore.save would write for these events."""
    for event in events:
        data = event.as_dict()
        yield {
            "sender_id": sender,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }


def create_tracker_table(url: str) -> None:
    """Rasa's own class creates the `events` table (and, on PostgreSQL, its sequence)."""
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore(host=url).engine.dispose()


def seed(tracker_url: str, count: int, days: float, seed_value: int = 7, sms_share: float = 0.3,
         batch: int = 1000, now: Optional[float] = None, quiet: bool = False) -> int:
    from console import tracker

    create_tracker_table(tracker_url)
    rng = random.Random(seed_value)
    now = now or time.time()
    engine = tracker.engine(tracker_url)
    written, pending = 0, []
    started = time.monotonic()
    for number in range(count):
        channel = "sms" if rng.random() < sms_share else "web"
        # an SMS conversation's id is the caller's number (unique here: fictional 555 numbers)
        sender = f"+1{201 + number % 780}555{(number // 780) % 10000:04d}" if channel == "sms" \
            else uuid.UUID(int=rng.getrandbits(128)).hex
        start = now - rng.uniform(0, days * 86400) - 3600
        pending.extend(rows_for(sender, conversation_events(rng, sender, start, channel)))
        if len(pending) >= batch * 20 or number == count - 1:
            with engine.begin() as connection:
                connection.execute(tracker.events.insert(), pending)
            written += len(pending)
            pending = []
            tty = sys.stdout.isatty()
            if not quiet and (tty or number == count - 1 or written % 200_000 < batch * 20):
                rate = (number + 1) / max(0.001, time.monotonic() - started)
                print(f"{number + 1:,} conversations, {written:,} events ({rate:,.0f} conversations/s)",
                      end="\r" if tty else "\n", flush=True)
    if not quiet and sys.stdout.isatty():
        print()
    if engine.dialect.name == "postgresql":
        # A tracker that grew day by day has planner statistics; a bulk load has none yet.
        with engine.connect() as connection:
            connection.execute(text("ANALYZE events"))
            connection.commit()
    return written


def measure(database_url: str, tracker_url: str, repeat: int = 5) -> None:
    """Start the console on these databases and time its main pages over HTTP."""
    import re
    import secrets
    import signal
    import socket
    import statistics
    import subprocess
    from urllib.parse import quote

    import requests

    from console import auth
    from itb import db

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    username, password = "perf-check", secrets.token_urlsafe(18)
    with db.session(database_url) as session:
        user = auth.find_user(session, username)
        if user is None:
            user = auth.create_user(session, username, password, "reviewer", created_by="seed_conversations")
        else:
            auth.set_password(session, user, password)
            auth.set_active(session, user, True)
    env = dict(os.environ, DATABASE_URL=database_url, TRACKER_STORE_URL=tracker_url, CONSOLE_PORT=str(port),
               CONSOLE_HOST="127.0.0.1", CONSOLE_SECRET_KEY=os.environ.get("CONSOLE_SECRET_KEY") or "perf-check",
               PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    server = subprocess.Popen([sys.executable, "-m", "console"], cwd=ROOT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://localhost:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(base + "/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        cookies: Dict[str, str] = {}

        def call(method: str, path: str, **kwargs: Any) -> requests.Response:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            response = requests.request(method, base + path, headers=headers, allow_redirects=False, timeout=120,
                                        **kwargs)
            for header in response.raw.headers.getlist("Set-Cookie"):
                name, _, rest = header.partition("=")
                cookies[name] = rest.split(";", 1)[0]
            return response

        page = call("GET", "/login")
        token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
        assert call("POST", "/login", data={"username": username, "password": password,
                                            "login_token": token}).status_code == 303

        def older(path: str, hops: int) -> str:
            for _ in range(hops):
                link = re.search(r'href="([^"]+)" rel="next"', call("GET", path).text)
                if not link:
                    break
                path = link.group(1).replace("&amp;", "&")
            return path

        with db.session(database_url) as session:
            sms = session.execute(db.ConversationIndex.__table__.select()
                                  .where(db.ConversationIndex.channel == "sms").limit(1)).first()
        number = sms.sender_id if sms else "+12015550000"
        phone = f"({number[2:5]}) {number[5:8]}-{number[8:]}"
        first = call("GET", "/conversations")
        total = re.search(r"<strong>([\d,]+)</strong>", first.text).group(1)
        conversation = re.search(r'href="/conversations/(\d+)" class="row-link"', first.text).group(1)
        cases = [
            ("list, first page (50 newest)", "/conversations"),
            ("list, 20 pages back (keyset)", older("/conversations", 20)),
            ("list, 200 pages back (keyset)", older(older("/conversations", 100), 100)),
            ("search one common word: pump", "/conversations?q=pump"),
            ("search two words: pump alarm", "/conversations?q=pump+alarm"),
            ("search a prefix: refil", "/conversations?q=refil"),
            ("search a rarer word: lasagna", "/conversations?q=lasagna"),
            ("search a phone number", "/conversations?q=" + quote(phone)),
            ("search + filters: pump, SMS, fallback", "/conversations?q=pump&channel=sms&fallback=1"),
            ("filter: emergency, last 30 days", "/conversations?emergency=1&from="
             + time.strftime("%Y-%m-%d", time.localtime(time.time() - 30 * 86400))),
            ("filter: intent ask_pump_mri, not reviewed", "/conversations?intent=ask_pump_mri&reviewed=no"),
            ("transcript", f"/conversations/{conversation}"),
            ("training inbox", "/inbox"),
            ("dashboard, 30 days", "/dashboard"),
        ]
        print(f"\nPage times on {total} conversations ({database_url.split(':')[0]}), "
              f"median and slowest of {repeat} requests, in ms:")
        for label, path in cases:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = call("GET", path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            shown = len(re.findall(r'class="row-link"', response.text))
            extra = f"  ({shown} rows)" if "/conversations?" in path or path == "/conversations" else ""
            print(f"  {label:44} {statistics.median(times):7.0f} {max(times):7.0f}{extra}")
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
        with db.session(database_url) as session:
            auth.set_active(session, auth.find_user(session, username), False)


def main(argv: Optional[List[str]] = None) -> int:
    from itb import settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--days", type=float, default=180)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sms-share", type=float, default=0.3)
    parser.add_argument("--tracker-url", default=settings.tracker_store_url())
    parser.add_argument("--database-url", default=settings.database_url())
    parser.add_argument("--index", action="store_true", help="index the conversations for the console afterwards")
    parser.add_argument("--measure", action="store_true",
                        help="then start the console and print the time of its main pages")
    args = parser.parse_args(argv)
    if args.count:
        started = time.monotonic()
        events = seed(args.tracker_url, args.count, args.days, args.seed, args.sms_share)
        print(f"Seeded {args.count:,} conversations ({events:,} events) in {time.monotonic() - started:.0f} s.")
    if args.index or args.measure:
        from console.indexer import Indexer
        from itb import db

        db.upgrade(args.database_url)
        started = time.monotonic()
        indexed = Indexer(args.database_url, args.tracker_url).sync()
        print(f"Indexed {indexed:,} conversations in {time.monotonic() - started:.0f} s.")
    if args.measure:
        measure(args.database_url, args.tracker_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
