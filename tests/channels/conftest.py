"""Fixtures for the SMS channel tests (the Twilio stand-in is support/twilio.py)."""
from __future__ import annotations

from typing import Iterator

import pytest

from support.stack import free_port, running_assistant
from support.twilio import Sms


@pytest.fixture(scope="session")
def sms(servers) -> Sms:
    return Sms(servers)


@pytest.fixture(scope="session")
def broken_sms(tmp_path_factory) -> Iterator[Sms]:
    """A second assistant whose Rasa server calls an action server that is down."""
    dead = f"http://127.0.0.1:{free_port()}/webhook"
    with running_assistant(tmp_path_factory.mktemp("broken"), ACTION_ENDPOINT_URL=dead) as server:
        yield Sms(server)
