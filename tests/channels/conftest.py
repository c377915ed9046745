"""Fixtures for the SMS channel tests (helpers in sms_client.py)."""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Iterator

import pytest
from sms_client import Sms

TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sms(servers) -> Sms:
    return Sms(servers)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def broken_sms(request, tmp_path_factory) -> Iterator[Sms]:
    """A second assistant whose Rasa server calls an action server that is down."""
    root = request.config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert root is not None, "tests/conftest.py is not loaded"
    dead = f"http://127.0.0.1:{_free_port()}/webhook"
    with root.running_assistant(tmp_path_factory.mktemp("broken"), ACTION_ENDPOINT_URL=dead) as server:
        yield Sms(server)
