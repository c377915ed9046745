"""The production profile for real: `python -m launcher.production` with 2 Rasa replicas
on a scratch PostgreSQL database and the machine's Redis, behind Debian's
nginx, all on free ports. Messages for one conversation go through nginx to
both replicas, sequentially and at the same time; the tracker store must hold
every turn, in order, once, never interleaved."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from support.stack import free, free_ports, replica_pid, stop_process_group, wait_ready

ROOT = Path(__file__).resolve().parents[2]

MODEL = ROOT / "models" / "current.tar.gz"
REDIS = ("127.0.0.1", 6379)


class RedisMonitor:
    """Records the Redis commands that touch our lock-store key prefix."""

    def __init__(self, prefix: str) -> None:
        import redis

        self.prefix = prefix
        self.commands: list = []
        self.client = redis.Redis(*REDIS)
        self.monitor = self.client.monitor()
        self.monitor.__enter__()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            for command in self.monitor.listen():
                if self.prefix in command.get("command", ""):
                    self.commands.append(command["command"])
        except Exception:  # noqa: BLE001  (closed at the end of the test)
            pass

    def close(self) -> None:
        try:
            self.monitor.connection.disconnect()
        finally:
            self.client.close()


@pytest.fixture
def production(nginx, postgres_url, tmp_path):
    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    base = free_ports(5)
    prefix = f"itbtest{uuid.uuid4().hex[:10]}"
    env = dict(os.environ)
    for key in ("ACTION_ENDPOINT_URL", "PROFILE", "LOCK_STORE_TYPE"):
        env.pop(key, None)
    env.update(
        RASA_PORT=str(base),
        REPLICA_BASE_PORT=str(base + 1),
        ACTION_PORT=str(base + 3),
        CONSOLE_PORT=str(base + 4),
        REPLICAS="2",
        TRACKER_STORE_URL=postgres_url,
        DATABASE_URL=postgres_url,
        REDIS_HOST=REDIS[0], REDIS_PORT=str(REDIS[1]), REDIS_DB="1", REDIS_PASSWORD="",
        REDIS_KEY_PREFIX=prefix,
        NGINX_RUNTIME_DIR=str(tmp_path / "nginx"),
        RASA_API_TOKEN="", LOG_LEVEL="INFO",
        TWILIO_AUTH_TOKEN="test-twilio-token", PUBLIC_BASE_URL=f"http://127.0.0.1:{base}",
    )
    log = open(tmp_path / "production.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "launcher.production"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    monitor = RedisMonitor(prefix)
    replicas = [f"http://127.0.0.1:{base + 1}/", f"http://127.0.0.1:{base + 2}/"]
    proxy = f"http://127.0.0.1:{base}"
    started = {
        "proxy": proxy, "replicas": replicas, "database_url": postgres_url, "process": process,
        "monitor": monitor, "access_log": tmp_path / "nginx" / "access.log",
        "log": tmp_path / "production.log", "ports": list(range(base, base + 4)),
    }
    try:
        wait_ready([f"http://127.0.0.1:{base + 3}/health", *replicas, f"{proxy}/proxy-health"], process, 150)
        yield started
    finally:
        stop_process_group(process, timeout=40)
        monitor.close()
        log.close()


def say(proxy: str, sender: str, text: str) -> list:
    response = requests.post(f"{proxy}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json(), f"no reply to {text!r}"
    return response.json()


def stored_events(database_url: str, sender: str) -> list:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(text(
                "SELECT id, type_name, timestamp, intent_name, action_name, data "
                "FROM events WHERE sender_id = :sender ORDER BY id"
            ), {"sender": sender})]
    finally:
        engine.dispose()


SEQUENTIAL = ["what is the ITB trial?", "how long does the trial take", "what is spasticity"]
CONCURRENT = ["what is a baclofen pump", "how do I get ready for the trial",
              "how do I reach the clinic", "hello"]


def test_turns_through_nginx_land_in_postgres_in_order_once(production):
    proxy = production["proxy"]
    assert requests.get(f"{proxy}/", timeout=5).text.startswith("Hello from Rasa")
    # Rasa's HTTP API is not published through the proxy.
    assert requests.get(f"{proxy}/status", timeout=5).status_code == 404
    sender = f"prod-{uuid.uuid4().hex}"

    for message in SEQUENTIAL:
        say(proxy, sender, message)
    # The same conversation on both replicas at the same moment: Redis's lock
    # must make them take turns.
    with ThreadPoolExecutor(len(CONCURRENT)) as pool:
        list(pool.map(lambda message: say(proxy, sender, message), CONCURRENT))

    events = stored_events(production["database_url"], sender)
    user_texts = [json.loads(e["data"])["text"] for e in events if e["type_name"] == "user"]
    assert user_texts[:len(SEQUENTIAL)] == SEQUENTIAL, "sequential turns out of order"
    assert sorted(user_texts[len(SEQUENTIAL):]) == sorted(CONCURRENT), "a turn was lost or doubled"

    # No duplicated event, and the ids follow the times.
    keys = [(e["type_name"], e["timestamp"], e["data"]) for e in events]
    assert len(keys) == len(set(keys)), "duplicate events"
    times = [e["timestamp"] for e in events]
    assert times == sorted(times), "events stored out of order"

    # Turns never interleave: every user message's turn ends with action_listen
    # before the next user message.
    in_turn = False
    for event in events:
        if event["type_name"] == "user":
            assert not in_turn, f"interleaved turns at event {event['id']}"
            in_turn = True
        elif event["type_name"] == "action" and event["action_name"] == "action_listen":
            in_turn = False
    assert not in_turn
    replies = [e for e in events if e["type_name"] == "bot"]
    assert len(replies) >= len(SEQUENTIAL) + len(CONCURRENT)

    # Both replicas took turns (nginx's JSON access log names the upstream) ...
    time.sleep(0.5)
    upstreams = set()
    for line in production["access_log"].read_text().splitlines():
        entry = json.loads(line)
        if entry["path"] == "/webhooks/rest/webhook":
            assert entry["status"] == 200
            upstreams.add(entry["upstream"].rsplit(":", 1)[-1])
    assert upstreams == {url.rsplit(":", 1)[-1].strip("/") for url in production["replicas"]}
    # ... and the locks went through Redis.
    assert any("lock" in command for command in production["monitor"].commands), "Redis lock store unused"
    # No message text in the launcher's, the replicas' or nginx's logs.
    secret = f"zebra{uuid.uuid4().hex[:8]}"
    requests.post(f"{proxy}/webhooks/rest/webhook?q={secret}",
                  json={"sender": sender, "message": f"{secret} stiffness"}, timeout=60)
    time.sleep(0.5)
    logs = production["log"].read_text(errors="replace") + production["access_log"].read_text()
    assert secret not in logs
    # Every process, the launcher included, writes one JSON object per line
    # (LOG_FORMAT is json by default in this profile).
    lines = [line for line in production["log"].read_text(errors="replace").splitlines() if line.strip()]
    assert {json.loads(line)["process"] for line in lines} >= {"launcher", "rasa", "actions", "console"}
    # Each replica is ready: model loaded, tracker store on PostgreSQL and locks on Redis answering.
    for replica in production["replicas"]:
        ready = requests.get(f"{replica}webhooks/rest/ready", timeout=10)
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"model": "ok", "tracker_store": "ok", "lock_store": "ok"}


def test_ctrl_c_stops_every_process(production):
    say(production["proxy"], f"stop-{uuid.uuid4().hex}", "hello")
    process = production["process"]
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=40) == 0
    assert time.monotonic() - started < 30
    time.sleep(0.5)
    still_listening = [port for port in production["ports"] if not free(port)]
    assert not still_listening, f"ports still open after Ctrl-C: {still_listening}"
    assert "Stopped." in production["log"].read_text(errors="replace")


def test_web_chat_through_nginx_upgrades_to_a_websocket_and_answers(production):
    """A page of the assistant's own site: the websocket handshake's Origin is the
    proxy's address (websocket-client sends it as a browser does), so nginx must
    pass the public Host on for the channel's origin check."""
    import socketio

    proxy = production["proxy"]
    replies: list = []
    confirmed: list = []
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: replies.append(data.get("text", "")))
    client.on("session_confirm", confirmed.append)
    client.connect(proxy, socketio_path="/webhooks/webchat/socket.io", transports=["websocket"],
                   wait_timeout=10)
    try:
        assert client.transport() == "websocket"
        # The server issues the conversation id (signed); one the client makes up is replaced.
        client.emit("session_request", {"session_id": uuid.uuid4().hex})
        deadline = time.monotonic() + 10
        while not confirmed and time.monotonic() < deadline:
            time.sleep(0.05)
        session_id = confirmed[0]
        ack = client.call("user_uttered", {"message": "what is spasticity", "session_id": session_id,
                                           "message_id": uuid.uuid4().hex}, timeout=60)
        assert ack == {"ok": True}
        deadline = time.monotonic() + 10
        while not replies and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any("muscle" in reply.lower() for reply in replies), replies
    finally:
        client.disconnect()
    # A page of another site may not connect through the proxy either.
    other = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        other.connect(proxy, socketio_path="/webhooks/webchat/socket.io", transports=["polling"],
                      headers={"Origin": "https://evil.example"}, wait_timeout=5)
    # Every replica accepts the ids any of them issued (one secret per installation).
    for replica in production["replicas"]:
        resumed: list = []
        direct = socketio.Client(reconnection=False)
        direct.on("session_confirm", resumed.append)
        direct.connect(replica.rstrip("/"), socketio_path="/webhooks/webchat/socket.io",
                       transports=["websocket"], wait_timeout=10)
        try:
            direct.emit("session_request", {"session_id": session_id})
            deadline = time.monotonic() + 10
            while not resumed and time.monotonic() < deadline:
                time.sleep(0.05)
            assert resumed == [session_id], replica
        finally:
            direct.disconnect()
    # Rasa's stock socket.io channel is not published, and bodies over nginx's limit get a JSON 413.
    assert requests.get(f"{proxy}/socket.io/?EIO=4&transport=polling", timeout=10).status_code == 404
    for size in (100 * 1024, 2 * 1024 * 1024):
        answer = requests.post(f"{proxy}/webhooks/rest/webhook", timeout=30, headers={"Content-Type": "application/json"},
                               data=b'{"sender": "x", "message": "hi", "padding": "' + b"a" * size + b'"}')
        assert answer.status_code == 413 and "error" in answer.json(), size


def test_an_sms_whose_replica_died_mid_answer_is_answered_by_the_retry_at_once(production):
    """The row says 'received' but no live process holds the message's lock (its
    replica was killed): Twilio's retry gets a real answer, without waiting."""
    from sqlalchemy import create_engine, text

    from support.twilio import signature

    proxy, sid, phone = production["proxy"], "SM" + uuid.uuid4().hex, f"+1555{random.randrange(10**7):07d}"
    body = "how long does the trial take"
    engine = create_engine(production["database_url"], future=True)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO sms_messages (message_sid, phone, body, status, received_at) "
            "VALUES (:sid, :phone, :body, 'received', now() at time zone 'utc')"
        ), {"sid": sid, "phone": phone, "body": body})
    url = f"{proxy}/webhooks/sms/webhook"
    params = {"MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
              "To": "+15555550199", "Body": body, "NumMedia": "0"}
    signed = signature("test-twilio-token", url, params)
    began = time.monotonic()
    answer = requests.post(url, data=params, headers={"X-Twilio-Signature": signed}, timeout=60)
    assert answer.status_code == 200 and "hours" in answer.text, answer.text
    assert time.monotonic() - began < 5
    with engine.connect() as connection:
        status = connection.execute(text("SELECT status FROM sms_messages WHERE message_sid = :s"),
                                    {"s": sid}).scalar()
    engine.dispose()
    assert status not in ("received", "retaken")
    users = [e for e in stored_events(production["database_url"], phone) if e["type_name"] == "user"]
    assert len(users) == 1


def test_a_replica_stopped_for_a_redeploy_loses_no_request(production):
    """SIGTERM one replica while 80 messages are in flight through nginx: the
    replica finishes the turns it started, nginx resends the requests it had
    not started to the other one; every message is answered and stored once."""
    proxy = production["proxy"]
    pid = replica_pid(int(production["replicas"][0].rstrip("/").rsplit(":", 1)[1]))
    senders = [f"redeploy-{index}-{uuid.uuid4().hex[:8]}" for index in range(80)]

    def send(sender: str) -> int:
        try:
            return requests.post(f"{proxy}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": "what is spasticity"}, timeout=60).status_code
        except requests.RequestException:
            return 0

    with ThreadPoolExecutor(80) as pool:
        futures = [pool.submit(send, sender) for sender in senders]
        time.sleep(0.3)
        os.killpg(pid, signal.SIGTERM)
        statuses = [future.result() for future in futures]
    assert statuses == [200] * 80, sorted(statuses)
    for sender in senders:
        users = [e for e in stored_events(production["database_url"], sender) if e["type_name"] == "user"]
        assert len(users) == 1, sender
