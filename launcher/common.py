"""What both profiles (launcher/local.py, launcher/production.py) share: the
environment every child process gets (`.env` through itb.settings, then the
defaults), the three commands (action server, Rasa server, staff console),
`say` for the launcher's own messages, and the children: started in their own
process group, signalled as a group, stopped with a deadline.
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from channels.limits import TRANSPORT_MAX_BYTES
from itb import logs, settings  # loads .env

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"


def environment() -> Dict[str, str]:
    """The environment for the child processes, with defaults filled in."""
    env = dict(os.environ)

    def default(key: str, value: str) -> None:
        if not env.get(key, "").strip():
            env[key] = value

    default("RASA_PORT", "5005")
    default("ACTION_PORT", "5055")
    default("CONSOLE_PORT", "8080")
    default("DATABASE_URL", settings.database_url())  # the same tables for every process
    default("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{env['ACTION_PORT']}/webhook")
    if not env.get("TRACKER_STORE_URL", "").strip():
        (ROOT / "var" / "rasa").mkdir(parents=True, exist_ok=True)
        env["TRACKER_STORE_URL"] = f"sqlite:///{ROOT / 'var' / 'rasa' / 'tracker.db'}"
    # endpoints.yml's lock store: in memory for one Rasa process; the production
    # profile (launcher/production.py) switches it to Redis for several replicas.
    default("LOCK_STORE_TYPE", "in_memory")
    # Rasa's own Redis lock store changes a lock by read-modify-write, which two
    # replicas can interleave; itb/lock_store.py makes each change atomic.
    env["LOCK_STORE_CLASS"] = {"redis": "itb.lock_store.RedisLockStore"}.get(
        env["LOCK_STORE_TYPE"].strip(), env["LOCK_STORE_TYPE"].strip()
    )
    for key, value in (("REDIS_HOST", "127.0.0.1"), ("REDIS_PORT", "6379"), ("REDIS_DB", "1"),
                       ("REDIS_KEY_PREFIX", "itb")):
        default(key, value)
    env.setdefault("REDIS_PASSWORD", "")
    # The largest request body Sanic reads (its default is 100 MB, held in memory):
    # 1 MiB, as nginx's client_max_body_size; the web chat's socket.io frames fit
    # under it, and REST and SMS stop at 64 kB themselves (channels/limits.py).
    env["SANIC_REQUEST_MAX_SIZE"] = str(TRANSPORT_MAX_BYTES)
    # Message text is health information: Rasa logs it at DEBUG, so never go below INFO.
    level = env.get("LOG_LEVEL", "INFO").upper()
    env["LOG_LEVEL"] = level if level in {"INFO", "WARNING", "ERROR"} else "INFO"
    # json: one JSON object per line from every process, never message text (itb/logs.py).
    env["LOG_FORMAT"] = settings.log_format()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Rasa's usage telemetry and its error reports go to third parties: always off.
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def commands(env: Dict[str, str]) -> List[List[str]]:
    """[action server, Rasa server, staff console]: the commands both profiles start."""
    python = sys.executable
    fmt = env.get("LOG_FORMAT") or "text"
    # Both formats keep message text out of the log (itb/logs.py, itb/logging.*.yml).
    # launcher.action_server is `python -m rasa_sdk` with JSON logs from its first line;
    # rasa_sdk spells the option with an underscore.
    config = str(logs.CONFIG_FILES[fmt])
    server = "launcher.action_server" if fmt == "json" else "rasa_sdk"
    actions = [python, "-m", server, "--logging-config_file", config, "--actions", "actions",
               "--port", env["ACTION_PORT"]]
    # launcher.rasa_server is `python -m rasa` with the serving settings of README "Speed".
    rasa = [
        python, "-m", "launcher.rasa_server", "run",
        "--model", str(MODEL),
        "--endpoints", "endpoints.yml",
        "--credentials", "credentials.yml",
        "--port", env["RASA_PORT"],
        "--logging-config-file", config,
    ]
    token = env.get("RASA_API_TOKEN", "").strip()
    if token:
        # Rasa's HTTP API is only ever exposed behind a token.
        rasa += ["--enable-api", "--auth-token", token]
    console = [python, "-m", "console"]  # the staff console (CONSOLE_PORT; reads LOG_FORMAT itself)
    return [actions, rasa, console]


def say(message: str, error: bool = False) -> None:
    """A launcher message: a JSON log line once logs.setup() took over (LOG_FORMAT=json),
    else plain text on stdout (stderr for problems)."""
    if any(isinstance(handler, logs.JsonHandler) for handler in logging.getLogger().handlers):
        logging.getLogger("itb.launcher").log(logging.ERROR if error else logging.INFO, message)
    else:
        print(message, file=sys.stderr if error else sys.stdout, flush=True)


def no_model() -> bool:
    """True (and says so) when there is no trained model to serve."""
    if MODEL.is_file():
        return False
    say("No trained model at models/current.tar.gz: run `make train` first.", error=True)
    return True


# ----------------------------------------------------------------- supervision
class StopRequest:
    """Set by Ctrl-C (SIGINT) or SIGTERM once `install()` ran; the supervision loops poll it."""

    def __init__(self) -> None:
        self.requested = False

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._set)
        signal.signal(signal.SIGTERM, self._set)

    def _set(self, signum: int, frame: object) -> None:
        self.requested = True


@dataclass
class Child:
    """One supervised process, in a process group (session) of its own."""

    name: str
    command: List[str]
    stop_signal: int = signal.SIGTERM
    restart: bool = True
    optional: bool = False
    given_up: bool = False
    process: Optional[subprocess.Popen] = None
    restarts: List[float] = field(default_factory=list)

    def start(self, env: Dict[str, str]) -> None:
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env, start_new_session=True)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, signum: int) -> None:
        if self.running():
            assert self.process is not None
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass


def stop_together(group: Sequence[Child], timeout: float) -> None:
    """Send each child its stop signal, give them `timeout` seconds together to
    exit, then kill the process groups still running."""
    for child in group:
        child.signal(child.stop_signal)
    deadline = time.monotonic() + timeout
    for child in group:
        if child.process is None:
            continue
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.signal(signal.SIGKILL)
            child.process.wait(timeout=5)
