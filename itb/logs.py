"""Structured logs: one JSON object per line, and never a user's message text.

With LOG_FORMAT=json (the default when PROFILE=production, see
itb.settings.log_format) every Python process of the production profile writes
its log this way: the Rasa replicas and the action server through their
`--logging-config-file` option with itb/logging.json.yml (launcher/common.py adds it;
the action server starts through launcher/action_server.py),
the staff console and the launchers through `setup()`. With LOG_FORMAT=text
(the default of `make run`) Rasa and the action server keep their usual text
lines, through itb/logging.text.yml with the same filter.

A line holds `time` (UTC, ISO 8601), `level`, `logger`, `message`, `process`
(the role: rasa, actions, console, launcher, prepare) and `pid`. A failure adds
`exception`: the exception's type and where it happened, never its message
(exception messages can quote what was sent). Rasa's structlog events become
`message` (the event name) and `fields`.

`NoMessageText`, on the handler, keeps user text out whatever the source:

* records below INFO are dropped, whatever LOG_LEVEL says (Rasa and rasa_sdk
  log message text, slots and whole trackers at DEBUG);
* Python warnings keep their category and location only (Rasa's warnings quote
  parsed intents and entities, and a user can type "/anything");
* structlog events keep their scalar fields, except the ones that carry text
  (text, user_text, parse_data_text, ...: Rasa's own list of fields to
  anonymise); nested values are withheld;
* a conversation id quoted after "sender" is masked (over SMS it is a phone
  number).

Rasa's command line installs coloredlogs after applying the logging config
file, and Sanic configures its own loggers when Rasa's HTTP API is on; the JSON
handler removes any other handler writing to stdout or stderr from the root and
Sanic loggers at its next record, so every line stays one JSON object.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, Dict, Optional, Sequence, Tuple, Type

HERE = Path(__file__).resolve().parent
# The logging config files (dictConfig) for Rasa's and rasa_sdk's own options.
CONFIG_FILES = {"json": HERE / "logging.json.yml", "text": HERE / "logging.text.yml"}
TEXT_FORMAT = "%(asctime)s %(levelname)-8s %(name)s  - %(message)s"
SANIC_LOGGERS = ("sanic.root", "sanic.error", "sanic.access")
WITHHELD = "[withheld]"

# `python -m <package>` or the script's name -> the role shown in `process`.
ROLES = {"rasa": "rasa", "rasa_server": "rasa", "rasa_sdk": "actions", "action_server": "actions", "console": "console"}

# structlog fields that carry message text, bot text, slots or trackers
# (rasa.utils.log_utils anonymises the same keys).
TEXT_FIELDS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message", "utterance", "template", "value", "values", "slots", "tracker", "events",
    "event_info", "exception", "exc_info", "stack",
})
MAX_FIELD_CHARS = 200
SENDER = re.compile(r"(\bsender(?:[ _]id)?\s*[:=]?\s*)(['\"])(.*?)\2", re.IGNORECASE)
WARNING_HEAD = re.compile(r"^(?P<where>.+?:\d+): (?P<category>\w+): ")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def process_role(argv: Optional[Sequence[str]] = None) -> str:
    """rasa, actions or console from how the process was started, else the script's name."""
    args = list(sys.argv if argv is None else argv)
    first = Path(args[0]) if args and args[0] else Path("python")
    name = first.parent.name if first.name == "__main__.py" else first.stem
    return ROLES.get(name, name or "python")


def level_from_env(default: str = "INFO") -> int:
    """LOG_LEVEL as a number, never below INFO."""
    value = logging.getLevelName((os.environ.get("LOG_LEVEL", "") or default).strip().upper())
    return max(logging.INFO, value) if isinstance(value, int) else logging.INFO


def mask_sender(value: str) -> str:
    return value[:2] + "***" if len(value) > 4 else "***"


def _warning_summary(record: logging.LogRecord) -> str:
    text = str(record.args[0]) if isinstance(record.args, tuple) and record.args else str(record.msg)
    match = WARNING_HEAD.match(ANSI.sub("", text))
    if not match:
        return "a warning (text withheld)"
    return f"{match['category']} at {match['where']} (text withheld)"


def _safe_fields(data: Dict[str, Any]) -> Dict[str, Any]:
    fields: Dict[str, Any] = {}
    for key, value in data.items():
        if key in ("level", "timestamp", "logger"):
            continue
        if key in TEXT_FIELDS or key.endswith("_text"):
            fields[key] = WITHHELD
        elif "sender" in key and isinstance(value, str):
            fields[key] = mask_sender(value)
        elif isinstance(value, str):
            fields[key] = value[:MAX_FIELD_CHARS]
        elif value is None or isinstance(value, (bool, int, float)):
            fields[key] = value
        else:
            fields[key] = WITHHELD
    return fields


class NoMessageText(logging.Filter):
    """Drops or rewrites every record that could carry a user's text (see the module doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO:
            return False
        if record.name == "py.warnings":
            record.msg, record.args = _warning_summary(record), ()
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record still gets a line, without its values
            record.msg, record.args = f"unformattable log message from {record.name}", ()
            return True
        if message.startswith("{") and '"event"' in message:
            try:
                data = json.loads(message)
            except ValueError:
                data = None
            if isinstance(data, dict) and "event" in data:
                record.msg, record.args = str(data.pop("event"))[:MAX_FIELD_CHARS], ()
                record.__dict__["itb_fields"] = _safe_fields(data)
                return True
        if SENDER.search(message):
            record.msg = SENDER.sub(lambda m: f"{m[1]}{m[2]}{mask_sender(m[3])}{m[2]}", message)
            record.args = ()
        return True


def describe_exception(exc_info: Tuple[Any, Any, Any]) -> Dict[str, Any]:
    """The exception's type and its last frames: no message, no values."""
    kind, _value, tb = exc_info
    frames = traceback.extract_tb(tb)[-5:] if tb is not None else []
    return {
        "type": getattr(kind, "__name__", str(kind)),
        "where": [f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames],
    }


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, process (role), pid."""

    def __init__(self, role: Optional[str] = None) -> None:
        super().__init__()
        self.role = role or process_role()

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001
            message = f"unformattable log message from {record.name}"
        entry: Dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
            "process": self.role,
            "pid": record.process,
        }
        fields = getattr(record, "itb_fields", None)
        if fields:
            entry["fields"] = fields
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = describe_exception(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _writes_to_console(handler: logging.Handler) -> bool:
    if not isinstance(handler, logging.StreamHandler) or isinstance(handler, logging.FileHandler):
        return False
    streams = (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)
    return any(getattr(handler, "stream", None) is stream for stream in streams if stream is not None)


class JsonHandler(logging.Handler):
    """Writes formatted records to stderr (looked up at each record), and stays
    the only handler of the root and Sanic loggers that writes to stdout or stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.claim()
            stream = sys.stderr
            stream.write(self.format(record) + "\n")
            stream.flush()
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001
            self.handleError(record)

    def claim(self) -> None:
        root = logging.getLogger()
        for other in [h for h in root.handlers if h is not self and _writes_to_console(h)]:
            root.removeHandler(other)
        for name in SANIC_LOGGERS:
            logger = logging.getLogger(name)
            for other in [h for h in logger.handlers if h is not self and _writes_to_console(h)]:
                logger.removeHandler(other)
            if not logger.propagate and self not in logger.handlers:
                logger.addHandler(self)


def _log_uncaught(kind: Type[BaseException], value: BaseException, tb: Optional[TracebackType]) -> None:
    logging.getLogger("itb.uncaught").critical("uncaught %s", kind.__name__, exc_info=(kind, value, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    logging.getLogger("itb.uncaught").critical(
        "uncaught %s in a thread", args.exc_type.__name__,
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


def json_handler(role: Optional[str] = None) -> JsonHandler:
    """The handler itb/logging.json.yml installs (a dictConfig factory), with its
    formatter and filter. Also routes Python warnings, records no handler
    takes and uncaught exceptions through it."""
    handler = JsonHandler(level=level_from_env())
    handler.setFormatter(JsonFormatter(role))
    handler.addFilter(NoMessageText())
    logging.captureWarnings(True)
    logging.lastResort = handler
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return handler


def text_handler() -> logging.Handler:
    """The handler itb/logging.text.yml installs: text lines on stderr, with the
    filter, and Python warnings routed through it. Rasa's coloredlogs replaces it
    with its own coloured handler and keeps the filter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level_from_env())
    handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    handler.addFilter(NoMessageText())
    logging.captureWarnings(True)
    return handler


def setup(fmt: str, role: str) -> bool:
    """JSON logs for this process when `fmt` is json (LOG_FORMAT); False for text,
    which leaves the process's own logging as it is."""
    if fmt != "json":
        return False
    handler = json_handler(role)
    root = logging.getLogger()
    for other in [h for h in root.handlers if _writes_to_console(h) or isinstance(h, JsonHandler)]:
        root.removeHandler(other)
    root.addHandler(handler)
    root.setLevel(handler.level)
    handler.claim()
    return True

