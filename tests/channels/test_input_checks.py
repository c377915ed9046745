"""The channels' input checks, without servers (regressions found by scripts/fuzz/)."""
from __future__ import annotations

import asyncio
import json

import pytest

from channels import limits, rest, webchat
from itb import settings


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


@pytest.mark.parametrize("body", [
    {"message": "hi"}, {"sender": None, "message": "hi"}, {"sender": "", "message": "hi"},
    {"sender": " \t\n", "message": "hi"},
])
def test_rest_requires_a_sender(body):
    # Rasa's own channel files these under "default", one conversation for all of them.
    parsed, problem = parse(body)
    assert parsed is None and problem is not None and problem.status == 400
    assert json.loads(problem.body)["error"].startswith('"sender" is required')


class Body:
    """A request as channels/limits.py sees it: headers, a preloaded body, or a stream."""

    def __init__(self, chunks, length=None, preloaded=b""):
        self.headers = {"content-length": str(length)} if length is not None else {}
        self.body = preloaded
        self.stream = self
        self.request_body = bool(chunks)
        self.chunks = list(chunks)
        self.reads = 0

    async def read(self):
        if not self.chunks:
            return None
        self.reads += 1
        return self.chunks.pop(0)


def test_read_body_stops_at_the_limit():
    read = lambda request: asyncio.run(limits.read_body(request, 100))  # noqa: E731
    assert read(Body([b"a" * 60, b"b" * 40])) == b"a" * 60 + b"b" * 40
    declared = Body([b"a" * 60] * 5, length=300)
    assert read(declared) is None and declared.reads == 0  # refused on Content-Length alone
    chunked = Body([b"a" * 60] * 50)
    assert read(chunked) is None and chunked.reads == 2  # no further than the limit
    assert read(Body([], preloaded=b"x" * 101)) is None
    assert read(Body([], preloaded=b"x" * 100)) == b"x" * 100


def test_webchat_session_ids_are_signed():
    secret, other = b"s" * 32, b"t" * 32
    issued = webchat.issue_session_id(secret)
    assert webchat.SESSION_ID.match(issued) and issued != webchat.issue_session_id(secret)
    assert webchat.issued_session_id(secret, issued)
    assert not webchat.issued_session_id(other, issued)
    flipped = issued[:-1] + ("1" if issued[-1] == "0" else "0")
    for value in (flipped, issued[:32], issued.upper(), issued + "0", "0" * 64, None, 7, ["x"], "\ud800"):
        assert not webchat.issued_session_id(secret, value), value


def test_the_webchat_secret_is_kept_once_per_installation(tmp_path, monkeypatch):
    monkeypatch.delenv("WEBCHAT_SESSION_SECRET", raising=False)
    monkeypatch.setattr(settings, "ROOT", tmp_path)
    first = settings.webchat_session_secret()
    assert len(first) == 64 and settings.webchat_session_secret() == first
    kept = tmp_path / "var" / "webchat" / "session_secret"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in kept.parent.iterdir()] == ["session_secret"]
    monkeypatch.setenv("WEBCHAT_SESSION_SECRET", "from-the-environment")
    assert settings.webchat_session_secret() == b"from-the-environment"
