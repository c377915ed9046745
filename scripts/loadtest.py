"""Load and fault test of the production profile (`make loadtest`).

Starts the production profile (`python -m launcher.production`: REPLICAS Rasa
replicas behind nginx, on a scratch PostgreSQL database and the machine's
Redis, all on free loopback ports) and drives it at a steady pace with REST
conversations (questions, and appointment requests through to the reference
number), web chat conversations over socket.io and SMS conversations signed
as Twilio signs them. While the traffic runs, one replica is killed (SIGKILL:
a crash) and, once it is back, another is stopped with SIGTERM (a redeploy);
the launcher restarts both.

A client that gets no answer (a dropped connection, a 5xx) sends the same
message again, with the same message id (REST, web chat) or MessageSid (SMS),
as the widget and Twilio do. Afterwards the database is checked:

* every message the assistant accepted has its user turn stored (lost: goal 0),
* no message was stored twice and no conversation has interleaved turns,
* every appointment request that got a reference exists exactly once.

Then the same REST load runs closed-loop against 1 and against 2 replicas for
the throughput of each. Bounded: every phase has a length, every client a
message cap. Prints a report; exits 1 when anything was lost, doubled or
interleaved.

    python scripts/loadtest.py [--users 12] [--rate 6] [--before 20] ...
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as `python scripts/loadtest.py`: the project root is importable

from launcher import production  # noqa: E402
from support.stack import free_ports, replica_pid, wait_ready  # noqa: E402
from support.twilio import signature  # noqa: E402

MODEL = ROOT / "models" / "current.tar.gz"
WORKDIR = ROOT / "var" / "loadtest"
SMS_PATH = "/webhooks/sms/webhook"
WEBCHAT_PATH = "/webhooks/webchat/socket.io"
REFERENCE = re.compile(r"\bITB-[A-Z0-9-]+\b")

QUESTIONS = [
    "hello",
    "what is spasticity",
    "how does a baclofen pump work",
    "what happens at the ITB trial",
    "how long does the trial take",
    "how do I reach the clinic",
]
SMS_QUESTIONS = [
    "what is spasticity",
    "how long does the trial take",
    "how do I reach the clinic",
]
BOOKING = [
    ("I'd like to book the ITB trial for my son", "full name"),
    ("Maria Lopez", "phone number"),
    ("(212) 555-0199", "visit for"),
    ("The ITB trial", "days and times"),
    ("next Tuesday after 2 pm", "text messages"),
    ("Texts or calls are fine", "anything else"),
    ("He uses a wheelchair", "Shall I send it"),
    ("yes", "ITB-"),
]
PHASES = ("before", "crash", "between", "redeploy", "after")


# --------------------------------------------------------------------- records
@dataclass
class Sent:
    channel: str
    conversation: str
    message_id: str
    started: float
    latency: float = 0.0
    accepted: bool = False
    attempts: int = 0
    server_errors: int = 0  # 5xx responses seen, retries included
    other_errors: int = 0   # dropped connections, timeouts
    reply: str = ""


@dataclass
class Recorder:
    sent: List[Sent] = field(default_factory=list)
    bookings: Dict[str, str] = field(default_factory=dict)  # conversation -> reference
    unexpected: int = 0  # accepted, but not the reply the conversation expected
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: Sent) -> None:
        with self.lock:
            self.sent.append(record)


class Retry(Exception):
    """No answer this time: send the same message again."""

    def __init__(self, server_error: bool) -> None:
        super().__init__()
        self.server_error = server_error


def deliver(record: Sent, attempt: Callable[[], str], attempts: int = 8) -> Sent:
    """Call `attempt` until it returns the reply text or the attempts run out."""
    begin = time.monotonic()
    for number in range(1, attempts + 1):
        record.attempts = number
        try:
            record.reply = attempt()
            record.accepted = True
            break
        except Retry as problem:
            if problem.server_error:
                record.server_errors += 1
            else:
                record.other_errors += 1
            time.sleep(min(4.0, 0.5 * number))
    record.latency = time.monotonic() - begin
    return record


# -------------------------------------------------------------------- channels
def post(session: requests.Session, url: str, channel: str, **kwargs: Any) -> requests.Response:
    """A 200, or Retry for no answer (a dropped connection, a 5xx); other statuses
    are refusals that resending would not change."""
    try:
        response = session.post(url, timeout=90, **kwargs)
    except requests.RequestException:
        raise Retry(False) from None
    if response.status_code >= 500:
        raise Retry(True)
    if response.status_code != 200:
        raise RuntimeError(f"{channel} answered {response.status_code}")
    return response


class Rest:
    def __init__(self, base: str) -> None:
        self.url = f"{base}/webhooks/rest/webhook"
        self.session = requests.Session()

    def send(self, sender: str, text: str, message_id: str) -> str:
        response = post(self.session, self.url, "REST",
                        json={"sender": sender, "message": text, "message_id": message_id})
        replies = response.json()
        if not replies:
            raise Retry(False)
        return "\n".join(str(message.get("text", "")) for message in replies)


class Sms:
    def __init__(self, base: str, token: str) -> None:
        self.url = base + SMS_PATH
        self.token = token
        self.session = requests.Session()

    def send(self, phone: str, text: str, sid: str) -> str:
        params = {
            "MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
            "To": "+15555550199", "Body": text, "NumMedia": "0", "NumSegments": "1",
        }
        response = post(self.session, self.url, "SMS", data=params,
                        headers={"X-Twilio-Signature": signature(self.token, self.url, params)})
        if "<Message>" not in response.text:
            raise Retry(False)  # the first try is still being answered somewhere
        return response.text


class Webchat:
    """The widget's side of the web chat: a socket.io connection per conversation
    that reconnects, asks for its session again and resends what was not
    acknowledged, with the same message id. The server issues the conversation
    id (signed; an id it did not issue is never resumed)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session_id: Optional[str] = None
        self.resumed = True  # the last session_confirm was this conversation's id
        self.client = None
        self.confirmed = threading.Event()

    def open(self, attempts: int = 10) -> str:
        """Connect until the server has issued the conversation id."""
        for _ in range(attempts):
            try:
                self.connect()
            except Retry:
                time.sleep(1)
                continue
            if self.session_id:
                return self.session_id
        raise RuntimeError("the web chat issued no conversation id")

    def confirm(self, session_id: object) -> None:
        if not isinstance(session_id, str):
            return
        if self.session_id is None:
            self.session_id = session_id
        self.resumed = session_id == self.session_id
        self.confirmed.set()

    def connect(self) -> None:
        import socketio

        self.close()
        self.confirmed.clear()
        client = socketio.Client(reconnection=False)
        client.on("session_confirm", self.confirm)
        try:
            client.connect(self.base, socketio_path=WEBCHAT_PATH, transports=["websocket"], wait_timeout=10)
            client.emit("session_request", {"session_id": self.session_id})
        except Exception:  # noqa: BLE001 - a replica going away; the caller retries
            try:
                client.disconnect()
            except Exception:  # noqa: BLE001
                pass
            raise Retry(False) from None
        self.client = client
        if not self.confirmed.wait(10):
            self.close()
            raise Retry(False)
        if not self.resumed:
            self.close()
            raise RuntimeError("the web chat did not resume the conversation it issued")

    def send(self, text: str, message_id: str) -> str:
        if self.client is None or not self.client.connected:
            self.connect()
        assert self.client is not None
        try:
            ack = self.client.call(
                "user_uttered",
                {"message": text, "session_id": self.session_id, "message_id": message_id},
                timeout=90,
            )
        except Exception:  # noqa: BLE001 - disconnected or timed out: reconnect, resend
            self.close()
            raise Retry(False) from None
        if not isinstance(ack, dict) or not ack.get("ok"):
            if isinstance(ack, dict) and ack.get("error") == "rate_limited":
                time.sleep(float(ack.get("retry_after", 1)))
                raise Retry(False)
            raise RuntimeError(f"web chat refused a message: {ack}")
        return "ok"

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.disconnect()
            except Exception:  # noqa: BLE001
                pass
        self.client = None


# ----------------------------------------------------------------- the users
class Users:
    """Virtual patients: each runs conversations one message at a time, with a
    pause between messages so that all together send about `rate` a second."""

    def __init__(self, base: str, token: str, count: int, rate: float, cap: int, recorder: Recorder) -> None:
        self.base, self.token, self.recorder = base, token, recorder
        self.count, self.cap = count, cap
        self.pause = count / rate
        self.stop = threading.Event()
        self.sent = 0
        self.counter = threading.Lock()
        self.threads: List[threading.Thread] = []

    def budget(self) -> bool:
        with self.counter:
            if self.sent >= self.cap:
                return False
            self.sent += 1
            return True

    def think(self, scale: float = 1.0) -> bool:
        """Wait before the next message; False when the run is over."""
        return not self.stop.wait(random.uniform(0.7, 1.3) * self.pause * scale)

    def start(self) -> None:
        kinds = ["rest", "booking", "webchat", "sms"]
        for index in range(self.count):
            kind = kinds[index % len(kinds)]
            thread = threading.Thread(target=self.run, args=(kind,), name=f"{kind}-{index}", daemon=True)
            thread.start()
            self.threads.append(thread)
            time.sleep(self.pause / self.count)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=200)

    def run(self, kind: str) -> None:
        while not self.stop.is_set():
            try:
                getattr(self, kind)()
            except Exception as exc:  # noqa: BLE001 - a refused message ends a conversation
                print(f"  {kind}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                if self.stop.wait(1):
                    return

    def record(self, channel: str, conversation: str, message_id: str,
               attempt: Callable[[], str], expected: Optional[str] = None) -> Optional[Sent]:
        record = deliver(Sent(channel, conversation, message_id, time.monotonic()), attempt)
        self.recorder.add(record)
        if record.accepted and expected and expected not in record.reply:
            with self.recorder.lock:
                self.recorder.unexpected += 1
        return record

    def rest(self) -> None:
        client, sender = Rest(self.base), f"load-rest-{uuid.uuid4().hex[:16]}"
        for text in QUESTIONS:
            if not self.budget() or not self.think():
                return
            message_id = uuid.uuid4().hex
            self.record("rest", sender, message_id, lambda t=text, m=message_id: client.send(sender, t, m))

    def booking(self) -> None:
        client, sender = Rest(self.base), f"load-book-{uuid.uuid4().hex[:16]}"
        for text, expected in BOOKING:
            if not self.budget() or not self.think():
                return
            message_id = uuid.uuid4().hex
            record = self.record("rest", sender, message_id,
                                 lambda t=text, m=message_id: client.send(sender, t, m), expected)
            if record is None or not record.accepted:
                return
            found = REFERENCE.search(record.reply)
            if expected == "ITB-" and found:
                with self.recorder.lock:
                    self.recorder.bookings[sender] = found.group(0)

    def webchat(self) -> None:
        chat = Webchat(self.base)
        try:
            for text in QUESTIONS:
                # The web chat allows 20 messages a minute per conversation.
                if not self.budget() or not self.think(scale=max(1.0, 3.5 / self.pause)):
                    return
                message_id = uuid.uuid4().hex
                session_id = chat.session_id or chat.open()
                self.record("webchat", session_id, message_id, lambda t=text, m=message_id: chat.send(t, m))
        finally:
            chat.close()

    def sms(self) -> None:
        client = Sms(self.base, self.token)
        phone = f"+1555{random.randrange(10**7):07d}"
        for text in SMS_QUESTIONS:
            if not self.budget() or not self.think():
                return
            sid = "SM" + uuid.uuid4().hex
            self.record("sms", phone, sid, lambda t=text, s=sid: client.send(phone, t, s))


# ----------------------------------------------------------------- the stack
class Stack:
    """The production profile (launcher/production.py) on free ports, with its own database and Redis prefix."""

    def __init__(self, replicas: int, database_url: str, workdir: Path, token: str) -> None:
        self.replicas = replicas
        base = free_ports(replicas + 4)
        self.base = base
        self.proxy = f"http://127.0.0.1:{base}"
        self.replica_ports = [base + 1 + index for index in range(replicas)]
        self.token = token
        env = dict(os.environ)
        for key in ("ACTION_ENDPOINT_URL", "PROFILE", "LOCK_STORE_TYPE"):
            env.pop(key, None)
        env.update(
            RASA_PORT=str(base), REPLICA_BASE_PORT=str(base + 1),
            ACTION_PORT=str(base + replicas + 1), CONSOLE_PORT=str(base + replicas + 2),
            REPLICAS=str(replicas), TRACKER_STORE_URL=database_url, DATABASE_URL=database_url,
            REDIS_HOST="127.0.0.1", REDIS_PORT="6379", REDIS_DB="1", REDIS_PASSWORD="",
            REDIS_KEY_PREFIX=f"itbload{uuid.uuid4().hex[:8]}",
            NGINX_RUNTIME_DIR=str(workdir / f"nginx-{replicas}"),
            TWILIO_AUTH_TOKEN=token, PUBLIC_BASE_URL=self.proxy,
            RASA_API_TOKEN="", LOG_LEVEL="INFO",
        )
        self.env = env
        self.log_path = workdir / f"production-{replicas}.log"
        self.process: Optional[subprocess.Popen] = None

    def __enter__(self) -> "Stack":
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "launcher.production"], cwd=ROOT, env=self.env,
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            wait_ready([f"http://127.0.0.1:{port}/" for port in self.replica_ports]
                       + [f"{self.proxy}/proxy-health"], self.process, 240)
        except Exception:
            self.__exit__()
            print(f"See {self.log_path}", file=sys.stderr)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()

    def hit(self, port: int, signum: int) -> Tuple[float, float]:
        """Signal the replica on `port`; when it was hit and when it answered again."""
        pid = replica_pid(port)
        hit = time.monotonic()
        os.killpg(pid, signum)
        deadline = hit + 180
        while time.monotonic() < deadline:
            try:
                if replica_pid(port) != pid:
                    break
            except RuntimeError:
                pass
            time.sleep(0.1)
        wait_ready([f"http://127.0.0.1:{port}/"], self.process, max(1.0, deadline - time.monotonic()))
        return hit, time.monotonic()


# ----------------------------------------------------------------- the checks
def scratch_database() -> str:
    name = f"itb_load_{uuid.uuid4().hex[:10]}"
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    production.ensure_postgres_database(url)
    return url


def drop_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    parts = urlsplit(url)
    engine = create_engine(urlunsplit(parts._replace(path="/postgres")), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)'))
    finally:
        engine.dispose()


def verify(database_url: str, recorder: Recorder) -> Dict[str, object]:
    """What the database holds against what the clients were told."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url, future=True)
    conversations = sorted({record.conversation for record in recorder.sent})
    events: Dict[str, List[Tuple[str, Optional[str], dict]]] = defaultdict(list)
    with engine.connect() as connection:
        for row in connection.execute(text(
            "SELECT sender_id, type_name, action_name, data FROM events "
            "WHERE sender_id = ANY(:ids) ORDER BY id"
        ), {"ids": conversations}):
            events[row.sender_id].append((row.type_name, row.action_name, json.loads(row.data)))
        appointments = Counter(
            row.conversation_id for row in connection.execute(
                text("SELECT conversation_id FROM appointment_requests WHERE conversation_id = ANY(:ids)"),
                {"ids": conversations},
            )
        )
        references = {
            row.conversation_id: row.reference for row in connection.execute(
                text("SELECT conversation_id, reference FROM appointment_requests "
                     "WHERE conversation_id = ANY(:ids)"), {"ids": conversations},
            )
        }
    engine.dispose()

    stored_ids: Dict[str, Counter] = defaultdict(Counter)
    user_turns: Counter = Counter()
    interleaved = 0
    for sender, rows in events.items():
        in_turn = False
        for type_name, action_name, data in rows:
            if type_name == "user":
                stored_ids[sender][data.get("message_id")] += 1
                user_turns[sender] += 1
                interleaved += in_turn
                in_turn = True
            elif type_name == "action" and action_name == "action_listen":
                in_turn = False

    accepted = [record for record in recorder.sent if record.accepted]
    lost = doubled = 0
    for record in accepted:
        if record.channel == "sms":
            continue  # counted per phone below: SMS turns carry no MessageSid
        count = stored_ids[record.conversation][record.message_id]
        lost += count == 0
        doubled += count > 1
    sms_accepted = Counter(record.conversation for record in accepted if record.channel == "sms")
    for phone, count in sms_accepted.items():
        lost += max(0, count - user_turns[phone])
        doubled += max(0, user_turns[phone] - count)
    stored = sum(
        1 for record in accepted
        if record.channel != "sms" and stored_ids[record.conversation][record.message_id] >= 1
    ) + sum(min(count, user_turns[phone]) for phone, count in sms_accepted.items())
    booking_problems = sum(
        1 for sender, reference in recorder.bookings.items()
        if appointments[sender] != 1 or references.get(sender) != reference
    ) + sum(1 for count in appointments.values() if count > 1)
    return {
        "stored": stored, "lost": lost, "doubled": doubled, "interleaved": interleaved,
        "appointments_confirmed": len(recorder.bookings),
        "appointments_stored_once": sum(1 for s in recorder.bookings if appointments[s] == 1),
        "appointment_problems": booking_problems,
    }


def percentile(values: List[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def phase_of(started: float, marks: Dict[str, float]) -> str:
    if started < marks["crash"]:
        return "before"
    if started < marks["crash_back"]:
        return "crash"
    if started < marks["redeploy"]:
        return "between"
    if started < marks["redeploy_back"]:
        return "redeploy"
    return "after"


# --------------------------------------------------------------- throughput
def throughput(replicas: int, database_url: str, workdir: Path, token: str,
               concurrency: int, seconds: float) -> Dict[str, float]:
    """Closed-loop REST questions against `replicas` replicas: messages a second."""
    with Stack(replicas, database_url, workdir, token) as stack:
        stop = threading.Event()
        latencies: List[float] = []
        failures = [0]
        lock = threading.Lock()

        def user() -> None:
            client = Rest(stack.proxy)
            index = 0
            while not stop.is_set():
                if index % len(QUESTIONS) == 0:  # conversations as long as a patient's
                    sender = f"load-tp-{uuid.uuid4().hex[:16]}"
                began = time.monotonic()
                try:
                    client.send(sender, QUESTIONS[1 + index % (len(QUESTIONS) - 1)], uuid.uuid4().hex)
                    with lock:
                        latencies.append(time.monotonic() - began)
                except Exception:  # noqa: BLE001
                    with lock:
                        failures[0] += 1
                index += 1

        # A short warm-up, then the measured window.
        threads = [threading.Thread(target=user, daemon=True) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        with lock:
            latencies.clear()
        began = time.monotonic()
        time.sleep(seconds)
        with lock:
            done = list(latencies)
        elapsed = time.monotonic() - began
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    return {
        "replicas": replicas, "messages_per_second": len(done) / elapsed,
        "p50_ms": percentile(done, 0.5) * 1000, "p95_ms": percentile(done, 0.95) * 1000,
        "failures": failures[0],
    }


# --------------------------------------------------------------------- main
def fault_run(args: argparse.Namespace, database_url: str, token: str) -> Dict[str, object]:
    recorder = Recorder()
    with Stack(args.replicas, database_url, WORKDIR, token) as stack:
        users = Users(stack.proxy, token, args.users, args.rate, args.max_messages, recorder)
        started = time.monotonic()
        print(f"Traffic: {args.users} users, about {args.rate}/s, through nginx on {stack.proxy}", flush=True)
        users.start()
        time.sleep(args.before)
        victim = stack.replica_ports[0]
        print(f"Killing the replica on port {victim} (SIGKILL) ...", flush=True)
        crash, crash_back = stack.hit(victim, signal.SIGKILL)
        print(f"  back after {crash_back - crash:.1f} s", flush=True)
        time.sleep(args.between)
        redeployed = stack.replica_ports[-1]
        print(f"Stopping the replica on port {redeployed} (SIGTERM, as a redeploy) ...", flush=True)
        redeploy, redeploy_back = stack.hit(redeployed, signal.SIGTERM)
        print(f"  back after {redeploy_back - redeploy:.1f} s", flush=True)
        time.sleep(args.after)
        users.finish()
        ended = time.monotonic()
    marks = {"crash": crash, "crash_back": crash_back, "redeploy": redeploy, "redeploy_back": redeploy_back}
    result = verify(database_url, recorder)
    by_phase: Dict[str, List[Sent]] = defaultdict(list)
    for record in recorder.sent:
        by_phase[phase_of(record.started, marks)].append(record)
    phases = {}
    for name in PHASES:
        records = by_phase.get(name, [])
        ok = [r.latency for r in records if r.accepted]
        phases[name] = {
            "messages": len(records), "accepted": len(ok),
            "p50_ms": percentile(ok, 0.5) * 1000, "p95_ms": percentile(ok, 0.95) * 1000,
            "server_errors": sum(r.server_errors for r in records),
            "retried": sum(1 for r in records if r.attempts > 1),
        }
    channels = Counter(record.channel for record in recorder.sent)
    return {
        "seconds": ended - started,
        "sent": len(recorder.sent),
        "accepted": sum(1 for r in recorder.sent if r.accepted),
        "not_accepted": sum(1 for r in recorder.sent if not r.accepted),
        "server_errors": sum(r.server_errors for r in recorder.sent),
        "connection_errors": sum(r.other_errors for r in recorder.sent),
        "retried": sum(1 for r in recorder.sent if r.attempts > 1),
        "unexpected_replies": recorder.unexpected,
        "by_channel": dict(channels),
        "crash_window_s": crash_back - crash,
        "redeploy_window_s": redeploy_back - redeploy,
        "phases": phases,
        **result,
    }


def report(fault: Dict[str, object], rates: List[Dict[str, float]]) -> str:
    lines = ["", "Load and fault test (production profile, loopback)", ""]
    channels = ", ".join(f"{k} {v}" for k, v in sorted(dict(fault["by_channel"]).items()))  # type: ignore[arg-type]
    lines += [
        f"  duration                {fault['seconds']:.0f} s",
        f"  messages sent           {fault['sent']} ({channels})",
        f"  accepted                {fault['accepted']}",
        f"  stored                  {fault['stored']}",
        f"  lost                    {fault['lost']}",
        f"  doubled                 {fault['doubled']}",
        f"  interleaved turns       {fault['interleaved']}",
        f"  never accepted          {fault['not_accepted']}",
        f"  5xx responses           {fault['server_errors']}",
        f"  dropped connections     {fault['connection_errors']}",
        f"  messages resent         {fault['retried']}",
        f"  unexpected replies      {fault['unexpected_replies']}",
        f"  appointment requests    {fault['appointments_confirmed']} confirmed, "
        f"{fault['appointments_stored_once']} stored exactly once",
        f"  replica back after      crash {fault['crash_window_s']:.1f} s, "
        f"redeploy {fault['redeploy_window_s']:.1f} s",
        "",
        f"  {'phase':<10}{'messages':>10}{'accepted':>10}{'p50 ms':>10}{'p95 ms':>10}{'5xx':>6}{'resent':>8}",
    ]
    phases = fault["phases"]
    assert isinstance(phases, dict)
    for name in PHASES:
        row = phases[name]
        lines.append(
            f"  {name:<10}{row['messages']:>10}{row['accepted']:>10}{row['p50_ms']:>10.0f}"
            f"{row['p95_ms']:>10.0f}{row['server_errors']:>6}{row['retried']:>8}"
        )
    if rates:
        lines += ["", f"  {'replicas':<10}{'msgs/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'failed':>8}"]
        for row in rates:
            lines.append(
                f"  {row['replicas']:<10}{row['messages_per_second']:>10.1f}{row['p50_ms']:>10.0f}"
                f"{row['p95_ms']:>10.0f}{row['failures']:>8}"
            )
    return "\n".join(lines)


def parse(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="replicas in the fault run (at least 2)")
    parser.add_argument("--users", type=int, default=12, help="virtual users (REST, booking, web chat, SMS)")
    parser.add_argument("--rate", type=float, default=6.0, help="messages a second, all users together")
    parser.add_argument("--before", type=float, default=20.0, help="seconds of traffic before the crash")
    parser.add_argument("--between", type=float, default=10.0, help="seconds between crash and redeploy")
    parser.add_argument("--after", type=float, default=20.0, help="seconds of traffic after the redeploy")
    parser.add_argument("--max-messages", type=int, default=2000, help="cap on messages in the fault run")
    parser.add_argument("--throughput-seconds", type=float, default=20.0,
                        help="measured seconds per replica count (0: skip)")
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop REST users for throughput")
    parser.add_argument("--keep-database", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    if args.replicas < 2:
        parser.error("--replicas must be at least 2 (one is killed)")
    for name in ("before", "between", "after", "rate"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name} must be positive")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse(argv)
    # A socket closed under a client by a stopped replica is expected here, and
    # counted as a dropped connection: not an error to print.
    for name in ("engineio.client", "socketio.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if not MODEL.is_file():
        print("No trained model at models/current.tar.gz: run `make train` first.", file=sys.stderr)
        return 1
    WORKDIR.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    database_url = scratch_database()
    try:
        fault = fault_run(args, database_url, token)
        rates = []
        if args.throughput_seconds > 0:
            for replicas in (1, 2):
                print(f"Throughput with {replicas} replica(s) ...", flush=True)
                rates.append(throughput(replicas, database_url, WORKDIR, token,
                                        args.concurrency, args.throughput_seconds))
    finally:
        if args.keep_database:
            print(f"Database kept: {database_url}")
        else:
            drop_database(database_url)
    print(report(fault, rates))
    (WORKDIR / "report.json").write_text(json.dumps(
        {"fault": fault, "throughput": rates, "settings": vars(args)}, indent=2, default=str
    ))
    print(f"\n  (also in {(WORKDIR / 'report.json').relative_to(ROOT)})")
    problems = [name for name in ("lost", "doubled", "interleaved", "appointment_problems") if fault[name]]
    if problems:
        print(f"FAILED: {', '.join(problems)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
