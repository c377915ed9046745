"""itb/logs.py: the JSON format and the filter that keeps message text out."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import uuid
from pathlib import Path

from itb import logs

ROOT = Path(__file__).resolve().parents[2]
MARKER = f"zebra{uuid.uuid4().hex[:8]}"


def record(message: str, *args: object, name: str = "rasa.core.processor", level: int = logging.INFO,
           exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord(name, level, "x.py", 1, message, args, exc_info)  # type: ignore[arg-type]


def formatted(item: logging.LogRecord) -> dict:
    assert logs.NoMessageText().filter(item)
    return json.loads(logs.JsonFormatter("rasa").format(item))


def test_a_line_has_the_fields_and_nothing_below_info_passes():
    entry = formatted(record("Loading model %s", "current.tar.gz"))
    assert entry["message"] == "Loading model current.tar.gz"
    assert (entry["level"], entry["logger"], entry["process"]) == ("INFO", "rasa.core.processor", "rasa")
    assert isinstance(entry["pid"], int) and entry["time"].endswith("Z")
    assert not logs.NoMessageText().filter(record(f"Received user message '{MARKER}'", level=logging.DEBUG))


def test_structlog_events_keep_their_name_and_plain_fields_only():
    event = {"event": "rest.message.received.failure", "text": MARKER, "parse_data_text": MARKER,
             "user_text": MARKER, "intent": "greet", "confidence": 0.9, "sender_id": "+15551234567",
             "rasa_events": [{"text": MARKER}], "event_info": f"said {MARKER}", "level": "error"}
    entry = formatted(record(json.dumps(event), level=logging.ERROR))
    assert entry["message"] == "rest.message.received.failure"
    assert entry["fields"]["intent"] == "greet" and entry["fields"]["confidence"] == 0.9
    assert entry["fields"]["text"] == logs.WITHHELD
    assert "5551234567" not in json.dumps(entry)
    assert MARKER not in json.dumps(entry)


def test_warnings_keep_their_category_and_place_only():
    text = f"\x1b[93m/x/rasa/shared/utils/io.py:100: UserWarning: Parsed an intent '{MARKER}' which is not defined\n"
    entry = formatted(record("%s", text, name="py.warnings", level=logging.WARNING))
    assert entry["message"] == "UserWarning at /x/rasa/shared/utils/io.py:100 (text withheld)"


def test_exceptions_keep_their_type_and_frames_not_their_message():
    try:
        raise ValueError(f"could not parse {MARKER}")
    except ValueError:
        item = record("handling a message failed", level=logging.ERROR, exc_info=sys.exc_info())
    entry = formatted(item)
    assert entry["exception"]["type"] == "ValueError"
    assert any("test_logs.py" in where for where in entry["exception"]["where"])
    assert MARKER not in json.dumps(entry)


def test_conversation_ids_after_sender_are_masked():
    entry = formatted(record("Circuit breaker tripped. Stopped predicting more actions for sender '+15551234567'."))
    assert "+15551234567" not in entry["message"] and "sender '+1***'" in entry["message"]


SCRIPT = f"""
import logging, logging.config, sys, warnings
import coloredlogs, yaml
sys.argv = ["/x/rasa/__main__.py"]
logging.config.dictConfig(yaml.safe_load(open({str(logs.CONFIG_FILES["json"])!r})))
# What `rasa run` does after applying --logging-config-file ...
coloredlogs.install(level="INFO", fmt="%(asctime)s %(levelname)-8s %(name)s  - %(message)s")
logging.getLogger("rasa.core.run").info("first after coloredlogs")
# ... and Sanic's own logging when Rasa's HTTP API is on, then Rasa's propagate=False.
from sanic.log import LOGGING_CONFIG_DEFAULTS
logging.config.dictConfig(LOGGING_CONFIG_DEFAULTS)
logging.getLogger("rasa.core.run").info("after sanic")
for name in ("sanic.root", "sanic.error", "sanic.access"):
    logging.getLogger(name).propagate = False
logging.getLogger("sanic.error").error("sanic error")
logging.getLogger("rasa.core.processor").debug("Received user message '{MARKER}'")
warnings.warn("Parsed an intent '{MARKER}' which is not defined", UserWarning)
try:
    raise KeyError("{MARKER}")
except KeyError:
    logging.getLogger("rasa.core.processor").exception("action failed")
logging.getLogger("apscheduler").propagate = False
logging.getLogger("apscheduler").warning("no handler of its own")
raise RuntimeError("{MARKER} uncaught")
"""


def test_rasa_startup_handlers_are_replaced_and_every_line_is_json():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    output = result.stdout + result.stderr
    assert MARKER not in output
    entries = [json.loads(line) for line in output.splitlines() if line.strip()]
    messages = [entry["message"] for entry in entries]
    assert messages.count("first after coloredlogs") == 1  # once, as JSON, not again from coloredlogs
    assert messages.count("after sanic") == 1
    assert "sanic error" in messages
    assert "no handler of its own" in messages
    assert any(m.startswith("UserWarning at ") for m in messages)
    assert {entry["process"] for entry in entries} == {"rasa"}
    failures = {entry["message"]: entry["exception"]["type"] for entry in entries if "exception" in entry}
    assert failures == {"action failed": "KeyError", "uncaught RuntimeError": "RuntimeError"}
