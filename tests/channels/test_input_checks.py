"""The channels' input checks, without servers (regressions found by scripts/fuzz.py)."""
from __future__ import annotations

import json

import pytest

from channels import rest, sockets


def parse(body: object) -> tuple:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("ascii")
    return rest.parse_body(raw)


@pytest.mark.parametrize("sender", ["\ud800", "x\udc00", "a\x00b", "\x7f", "tab\x0bbed"])
def test_rest_refuses_senders_that_cannot_be_stored(sender):
    body, problem = parse({"sender": sender, "message": "hi"})
    assert body is None and problem is not None and problem.status == 400


def test_rest_refuses_json_nested_too_deep_for_the_parser():
    body, problem = parse(b"[" * 100_000 + b"]" * 100_000)
    assert body is None and problem is not None and problem.status == 400


def test_rest_replaces_lone_surrogates_and_controls_in_the_message():
    body, problem = parse({"sender": "someone", "message": "a\ud800b\x00c \U0001f600"})
    assert problem is None and body is not None
    assert body["message"] == "a\ufffdb c \U0001f600"
    body["message"].encode("utf-8")  # storable


@pytest.mark.parametrize("value,ok", [
    ("0123456789abcdef0123456789abcdef", True), ("user-42", True), ("", False), ("\ud800", False),
    ("a b", False), ("a\x00", False), ("x" * 129, False), (["x"], False), (None, False), (7, False),
])
def test_socketio_session_ids(value, ok):
    assert sockets.valid_session_id(value) is ok
