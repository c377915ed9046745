"""Shared fixtures. The trained model is built once by `make test` (make train).

The helpers behind them (free ports, the local stack, scratch PostgreSQL) are in
the `support` package, shared with the scripts."""
from __future__ import annotations

import asyncio
import os
from typing import Dict, Iterator

import pytest

from support.postgres import scratch_postgres
from support.stack import MODEL, running_assistant

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


@pytest.fixture(scope="session")
def agent():
    """The trained assistant in-process (NLU, SafetyGuard and policies), with
    endpoints.yml's response generator (the clinic's settings in responses),
    run as the server runs it (launcher/rasa_server.py: the plain-loop graph
    runner, and the collector frozen once the model is loaded)."""
    from itb.content import nlg
    from launcher import rasa_server

    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    return rasa_server.load_in_process(str(MODEL), generator=nlg.endpoint())


@pytest.fixture(scope="session")
def ask(agent):
    """ask(text, sender) -> list of reply texts from the in-process assistant."""
    loop = asyncio.new_event_loop()

    def _ask(text: str, sender: str = "tester") -> list:
        replies = loop.run_until_complete(agent.handle_text(text, sender_id=sender))
        return [reply.get("text", "") for reply in replies or []]

    yield _ask
    loop.close()


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[Dict[str, object]]:
    """The real assistant with embedded SQLite storage, shared by the e2e tests."""
    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    with running_assistant(tmp_path_factory.mktemp("serve")) as started:
        yield started


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    with scratch_postgres() as url:
        yield url
