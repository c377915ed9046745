"""Liveness, readiness and JSON logs on real processes.

One assistant (`python -m launcher`: action server, Rasa, console) runs with
LOG_FORMAT=json, its tracker store and tables on a scratch PostgreSQL database
and its locks on the machine's Redis, each reached through a TCP gate the test
can shut and open again. Readiness must follow the gates (503 with the part
that is down named, 200 again after), liveness must stay 200 throughout, and
every line the processes wrote must be one JSON object without the text that
was sent.
"""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Dict, Iterator, Set, Tuple
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from support.postgres import scratch_postgres
from support.stack import MODEL, free_port, running_assistant

REDIS = ("127.0.0.1", 6379)


class Gate:
    """A TCP forwarder on a free local port to `target`. shut() refuses new
    connections and cuts the open ones; open() listens on the same port again."""

    def __init__(self, target: Tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._lock = threading.Lock()
        self._connections: Set[socket.socket] = set()
        self._listening = threading.Event()
        self._server: socket.socket | None = None
        self.open()

    @property
    def is_open(self) -> bool:
        return self._server is not None

    def open(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        server.settimeout(0.1)
        self._server = server
        self._listening.set()
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while self._listening.is_set() and self._server is server:
            try:
                client, _ = server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._connections |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()
        server.close()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def shut(self) -> None:
        self._listening.clear()
        server, self._server = self._server, None
        if server is not None:
            server.close()
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the port refuses connections now
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                return
            time.sleep(0.05)
        raise AssertionError("the gate still accepts connections")


def through(url: str, port: int) -> str:
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{port}"))


def until(get: Callable[[], requests.Response], expected: int, timeout: float = 10) -> requests.Response:
    """Poll until the status is `expected` (probe results are reused for 1 s)."""
    deadline = time.monotonic() + timeout
    while True:
        response = get()
        if response.status_code == expected or time.monotonic() > deadline:
            return response
        time.sleep(0.3)


@pytest.fixture(scope="module")
def gated(tmp_path_factory) -> Iterator[Dict[str, object]]:
    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    with scratch_postgres() as url:
        parts = urlsplit(url)
        postgres = Gate((parts.hostname or "127.0.0.1", parts.port or 5432))
        redis = Gate(REDIS)
        try:
            with running_assistant(
                tmp_path_factory.mktemp("gated"),
                LOG_FORMAT="json",
                TRACKER_STORE_URL=through(url, postgres.port),
                DATABASE_URL=through(url, postgres.port),
                LOCK_STORE_TYPE="redis", REDIS_HOST="127.0.0.1", REDIS_PORT=str(redis.port),
                REDIS_DB="1", REDIS_PASSWORD="", REDIS_KEY_PREFIX=f"itbtest{uuid.uuid4().hex[:10]}",
            ) as started:
                console = f"http://127.0.0.1:{started['env']['CONSOLE_PORT']}"  # type: ignore[index]
                deadline = time.monotonic() + 30
                while True:
                    try:
                        if requests.get(f"{console}/healthz", timeout=2).status_code == 200:
                            break
                    except requests.RequestException:
                        pass
                    assert time.monotonic() < deadline, "the console did not start"
                    time.sleep(0.3)
                yield dict(started, console=console, postgres=postgres, redis=redis)
        finally:
            for gate in (postgres, redis):
                if gate.is_open:
                    gate.shut()


def get(url: str) -> Callable[[], requests.Response]:
    return lambda: requests.get(url, timeout=10)


def test_readiness_follows_the_tracker_store_the_lock_store_and_the_database(gated):
    rasa, console = gated["rasa"], gated["console"]
    postgres, redis = gated["postgres"], gated["redis"]
    live, ready = f"{rasa}/webhooks/rest/", f"{rasa}/webhooks/rest/ready"

    response = until(get(ready), 200)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready",
                               "checks": {"model": "ok", "tracker_store": "ok", "lock_store": "ok"}}
    assert requests.get(f"{console}/readyz", timeout=10).json() == {"status": "ready",
                                                                   "checks": {"database": "ok"}}
    assert requests.get(f"{gated['actions']}/health", timeout=10).json() == {"status": "ok"}

    redis.shut()
    try:
        response = until(get(ready), 503)
        assert response.status_code == 503, response.text
        assert response.json()["checks"] == {"model": "ok", "tracker_store": "ok", "lock_store": "unavailable"}
        assert requests.get(live, timeout=10).status_code == 200
        assert requests.get(f"{console}/readyz", timeout=10).status_code == 200
        time.sleep(0.3)
        log = gated["log"].read_text(errors="replace")  # type: ignore[attr-defined]
        assert '"message": "readiness: lock_store is unavailable (ConnectionError)"' in log
    finally:
        redis.open()
    assert until(get(ready), 200).status_code == 200

    postgres.shut()
    try:
        started = time.monotonic()
        response = until(get(ready), 503)
        assert response.status_code == 503, response.text
        assert response.json()["checks"]["tracker_store"] == "unavailable"
        assert response.json()["checks"]["lock_store"] == "ok"
        assert time.monotonic() - started < 8, "readiness must answer quickly"
        assert requests.get(live, timeout=10).json() == {"status": "ok"}
        response = until(get(f"{console}/readyz"), 503)
        assert response.status_code == 503
        assert response.json() == {"status": "not ready", "checks": {"database": "unavailable"}}
        assert requests.get(f"{console}/healthz", timeout=10).text == "ok"
        assert "postgres" not in response.text and str(postgres.port) not in response.text
    finally:
        postgres.open()
    assert until(get(ready), 200, timeout=20).status_code == 200
    assert until(get(f"{console}/readyz"), 200, timeout=20).status_code == 200


def test_every_log_line_is_json_without_the_text_sent(gated):
    rasa = gated["rasa"]
    marker = f"zebra{uuid.uuid4().hex[:10]}"
    for sender, text in ((f"+1555{uuid.uuid4().int % 10**7:07d}", f"{marker} what is spasticity"),
                         (f"log-{uuid.uuid4().hex}", f"/{marker}"),  # Rasa warns about an unknown intent
                         (f"log-{uuid.uuid4().hex}", f"I want to book the trial, my name is {marker} Smith")):
        response = requests.post(f"{rasa}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                 timeout=60)
        assert response.status_code == 200 and response.json()
    time.sleep(1.5)  # the console indexes the new conversations meanwhile
    log: Path = gated["log"]  # type: ignore[assignment]
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    roles = set()
    for line in lines:
        entry = json.loads(line)  # every line is one JSON object
        assert {"time", "level", "logger", "message", "process", "pid"} <= set(entry), line
        assert entry["level"] in ("INFO", "WARNING", "ERROR", "CRITICAL"), line
        roles.add(entry["process"])
    assert {"launcher", "rasa", "actions", "console"} <= roles, roles
    text = "\n".join(lines)
    assert marker not in text
    assert "Smith" not in text
    assert any("UserWarning" in line and "text withheld" in line for line in lines)


def test_readiness_is_503_until_the_model_is_loaded():
    from rasa.core.agent import Agent

    from itb import health

    status, body = asyncio.run(health.rasa_readiness(SimpleNamespace(ctx=SimpleNamespace())))
    assert (status, body["checks"]["model"]) == (503, "loading")
    status, body = asyncio.run(health.rasa_readiness(SimpleNamespace(ctx=SimpleNamespace(agent=Agent()))))
    assert status == 503
    assert body == {"status": "not ready",
                    "checks": {"model": "unavailable", "tracker_store": "in_memory", "lock_store": "in_memory"}}


def test_a_probe_that_hangs_answers_within_its_timeout_and_never_piles_up():
    from itb import health

    release = threading.Event()
    calls = []

    def hang() -> None:
        calls.append(1)
        release.wait(10)

    probe = health.Probe("slow", hang, timeout=0.3, ttl=0)
    started = time.monotonic()
    assert probe() is False and probe() is False
    assert time.monotonic() - started < 1.5
    assert len(calls) == 1, "a second check started while the first still hung"
    release.set()
    time.sleep(0.1)
    probe._check = lambda: None
    assert probe() is True


def test_text_logs_of_make_run_hold_no_text_either(servers):
    """LOG_FORMAT=text (the default of `make run`): Rasa's warnings quote what a
    user typed after "/" unless the filter withholds it."""
    marker = f"zebra{uuid.uuid4().hex[:10]}"
    for text in (f"/{marker}", '/greet{"%s": "a"}' % marker, f"{marker} stiffness"):
        response = requests.post(f"{servers['rasa']}/webhooks/rest/webhook",
                                 json={"sender": f"text-{uuid.uuid4().hex}", "message": text}, timeout=60)
        assert response.status_code == 200
    time.sleep(0.5)
    log = servers["log"].read_text(errors="replace")
    assert marker not in log
    assert "UserWarning at " in log and "(text withheld)" in log
    assert not log.lstrip().startswith("{")  # still text lines
