"""Shared fixtures. The trained model is built once by `make test` (make train)."""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def agent():
    """The trained assistant in-process (NLU, SafetyGuard and policies), with
    endpoints.yml's response generator (the clinic's settings in responses)."""
    from rasa.core.agent import Agent

    from itb.content import nlg

    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    return Agent.load(str(MODEL), generator=nlg.endpoint())


@pytest.fixture(scope="session")
def ask(agent):
    """ask(text, sender) -> list of reply texts from the in-process assistant."""
    loop = asyncio.new_event_loop()

    def _ask(text: str, sender: str = "tester") -> list:
        replies = loop.run_until_complete(agent.handle_text(text, sender_id=sender))
        return [reply.get("text", "") for reply in replies or []]

    yield _ask
    loop.close()


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """Ctrl-C a server started with start_new_session=True; kill it if it hangs."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(url: str, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout}s")


@contextmanager
def running_assistant(workdir: Path, **overrides: str) -> Iterator[Dict[str, object]]:
    """Start scripts/serve.py (as `make run` does) on free ports; stop it after."""
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(free_port()),
        ACTION_PORT=str(free_port()),
        CONSOLE_PORT=str(free_port()),
        TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}",
        DATABASE_URL=f"sqlite:///{workdir / 'itb.db'}",
        RASA_API_TOKEN="",
        LOG_LEVEL="INFO",
    )
    # The SMS channel checks Twilio signatures made with this token over this address.
    env.update(
        TWILIO_AUTH_TOKEN="test-twilio-token",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{env['RASA_PORT']}",
    )
    env.pop("ACTION_ENDPOINT_URL", None)
    env.update(overrides)
    log = open(workdir / "serve.log", "wb")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py")],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    rasa = f"http://127.0.0.1:{env['RASA_PORT']}"
    actions = f"http://127.0.0.1:{env['ACTION_PORT']}"
    try:
        try:
            wait_for(f"{actions}/health", 120, process)
            wait_for(f"{rasa}/", 240, process)
        except (RuntimeError, TimeoutError) as exc:
            log.flush()
            tail = (workdir / "serve.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{exc}; last lines of the log:\n{tail}") from None
        yield {
            "rasa": rasa,
            "actions": actions,
            "tracker_db": workdir / "tracker.db",
            "database_url": env["DATABASE_URL"],
            "log": workdir / "serve.log",
            "process": process,
            "env": env,
        }
    finally:
        stop_process_group(process)
        log.close()


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[Dict[str, object]]:
    """The real assistant with embedded SQLite storage, shared by the e2e tests."""
    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    with running_assistant(tmp_path_factory.mktemp("serve")) as started:
        yield started


def remember_cookies(cookies: Dict[str, str], response) -> None:
    """Keep a response's cookies by hand, as a browser would: the console's
    session cookie is Secure, which `requests` would not send to http://localhost."""
    for header in response.raw.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if "Max-Age=0" in header or value in ('""', ""):
            cookies.pop(name, None)
        else:
            cookies[name] = value


POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the machine's server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"itb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
            ), {"name": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    with scratch_postgres() as url:
        yield url
