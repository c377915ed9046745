"""The serving settings of `python -m launcher.rasa_server` (launcher/rasa_server.py).

The plain-loop graph runner must give exactly the replies and parses of
Rasa's DaskGraphRunner; the collector freeze must happen once the model is
loaded. (The time they save is measured by `make bench`, not asserted here.)
"""
from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.engine.runner.dask import DaskGraphRunner

from itb import graph_runner
from itb.content import nlg
from launcher import rasa_server

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"
MESSAGES = [
    "hi", "what is spasticity", "how long does the trial take", "can i stop my baclofen",
    "the pump alarm is beeping and i feel very weak and confused", "I want to kill myself",
    "que es la bomba", "Español", "cancel", "/faq/trial_dose", "zorblax marmalade frequency",
    "a" * 3000, "thanks bye",
]


@pytest.fixture(scope="module")
def agents(agent):
    """Rasa's own DaskGraphRunner beside the session's agent (the plain loop)."""
    import rasa.core.processor

    before = rasa.core.processor.DaskGraphRunner
    rasa.core.processor.DaskGraphRunner = DaskGraphRunner  # type: ignore[misc]
    try:
        with_dask = Agent.load(str(MODEL), generator=nlg.endpoint())
    finally:
        rasa.core.processor.DaskGraphRunner = before  # type: ignore[misc]
    assert type(with_dask.processor.graph_runner) is DaskGraphRunner
    assert type(agent.processor.graph_runner) is graph_runner.SequentialGraphRunner
    return with_dask, agent


def test_the_plain_loop_answers_exactly_like_dask(agents):
    dask_agent, loop_agent = agents
    loop = asyncio.new_event_loop()
    try:
        for _ in range(2):
            senders = [f"runner-{uuid.uuid4().hex}" for _ in range(2)]
            for text in MESSAGES:
                parses = [loop.run_until_complete(a.parse_message(text)) for a in (dask_agent, loop_agent)]
                assert parses[0] == parses[1]
                replies = [
                    loop.run_until_complete(a.handle_text(text, sender_id=sender))
                    for a, sender in zip((dask_agent, loop_agent), senders, strict=True)
                ]
                without_recipient = [
                    [{k: v for k, v in reply.items() if k != "recipient_id"} for reply in r] for r in replies
                ]
                assert without_recipient[0] == without_recipient[1], text
                assert without_recipient[0], text
    finally:
        loop.close()


def test_the_collector_freezes_what_loading_made():
    before = gc.get_freeze_count()

    async def load():
        return [[index] for index in range(1000)]  # lists: objects the collector tracks

    loop = asyncio.new_event_loop()
    try:
        loaded = loop.run_until_complete(rasa_server.freeze_after(load)())
        assert len(loaded) == 1000
        assert gc.get_freeze_count() >= before + 1000
    finally:
        loop.close()


def test_the_entry_point_is_rasas_own_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "launcher.rasa_server", "run", "--help"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "--enable-api" in result.stdout and "--endpoints" in result.stdout
