"""A short fuzz run (scripts/fuzz/, the same strategies with a few examples each)
against the shared servers: no 5xx, no dropped connection or unanswered socket.io
message, no stopped server, no fuzzed text in the log, and everything still answers.

`make fuzz` (`python -m scripts.fuzz`) is the long run."""
from __future__ import annotations

import time
import uuid

import pytest
import requests

from scripts.fuzz.checks import Http, Tally, Target
from scripts.fuzz.rest import REST
from scripts.fuzz.run import GROUPS, fuzz

EXAMPLES = 6
SEED = 20240611


@pytest.fixture(scope="module")
def target(servers) -> Target:
    target = Target.from_servers(servers)
    assert target.wait_for_console(), "the staff console did not answer on CONSOLE_PORT"
    return target


@pytest.mark.parametrize("group", GROUPS)
def test_fuzzed_requests_get_no_server_error(target, group):
    tally = fuzz(target, EXAMPLES, SEED, groups=[group])
    report = tally.report()
    assert tally.requests(group) >= EXAMPLES, report
    assert tally.five_xx() == 0, report
    assert not tally.findings, report
    statuses = tally.counts[group]
    if group in ("rest", "sms", "engine.io", "console-in", "console-out"):
        # Real HTTP answers were counted, and the bad input was refused as such.
        assert any(outcome.startswith("4") for outcome in statuses), report


def test_the_servers_still_answer_after_the_fuzzing(target, servers):
    assert servers["process"].poll() is None
    assert target.alive() == []
    answer = requests.post(f"{target.rasa}/webhooks/rest/webhook",
                           json={"sender": f"after-fuzz-{uuid.uuid4().hex[:8]}", "message": "what is a baclofen pump"},
                           timeout=60)
    assert answer.status_code == 200
    texts = [message.get("text", "") for message in answer.json()]
    assert texts and not texts[0].startswith("Sorry, something went wrong")
    assert requests.get(f"{target.console}/login", timeout=10).status_code == 200


def test_a_5xx_is_reported_as_a_finding():
    """The check itself can fail: a server answering 500 is counted and fails the run."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Broken(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        tally = Tally()
        Http(tally, "rest", Target(rasa=base)).send("probe", "POST", base + REST, REST, data=b"{}")
        assert tally.five_xx() == 1 and tally.failed
        assert "5xx: 1" in tally.report()
    finally:
        server.shutdown()
        time.sleep(0.1)
