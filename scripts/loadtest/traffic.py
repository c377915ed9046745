"""The traffic: virtual patients (`Users`) sending REST questions, appointment
requests through to the reference number, web chat and SMS conversations at a
steady pace, and the `Recorder` of every message sent and what came back."""
from __future__ import annotations

import random
import re
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from scripts.loadtest.clients import Rest, Retry, Sms, Webchat
from support.twilio import new_phone, new_sid

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
        phone = new_phone()
        for text in SMS_QUESTIONS:
            if not self.budget() or not self.think():
                return
            sid = new_sid()
            self.record("sms", phone, sid, lambda t=text, s=sid: client.send(phone, t, s))
