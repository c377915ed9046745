"""Start the assistant: the action server, the Rasa server and the staff
console, together.

Reads `.env` (python-dotenv, through itb.settings), fills in the embedded
defaults (SQLite under var/), and stops all processes cleanly on Ctrl-C or
SIGTERM. Used by `make run`. The console (console/, port CONSOLE_PORT) reads
the same DATABASE_URL and TRACKER_STORE_URL as the bot.
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from channels.limits import TRANSPORT_MAX_BYTES  # noqa: E402
from itb import db, logs, settings  # noqa: E402  (loads .env)

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
    # profile (scripts/serve_prod.py) switches it to Redis for several replicas.
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
    python = sys.executable
    fmt = env.get("LOG_FORMAT") or "text"
    # Both formats keep message text out of the log (itb/logs.py, itb/logging.*.yml).
    # itb.action_server is `python -m rasa_sdk` with JSON logs from its first line;
    # rasa_sdk spells the option with an underscore.
    config = str(logs.CONFIG_FILES[fmt])
    server = "itb.action_server" if fmt == "json" else "rasa_sdk"
    actions = [python, "-m", server, "--logging-config_file", config, "--actions", "actions",
               "--port", env["ACTION_PORT"]]
    # itb.rasa_server is `python -m rasa` with the serving settings of README "Speed".
    rasa = [
        python, "-m", "itb.rasa_server", "run",
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


def main() -> int:
    if os.environ.get("PROFILE", "").strip().lower() == "production":
        import serve_prod  # several replicas on PostgreSQL and Redis behind nginx

        return serve_prod.main()
    if not MODEL.is_file():
        say("No trained model at models/current.tar.gz: run `make train` first.", error=True)
        return 1
    try:
        env = environment()
    except ValueError as exc:
        say(f"Configuration: {exc}", error=True)
        return 1
    logs.setup(env["LOG_FORMAT"], "launcher")
    db.upgrade()  # the project's own tables (appointments, SMS), by migration
    clinic = settings.clinic()
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        for command in commands(env)
    ]
    say(
        f"Assistant for {clinic.name} starting: REST at "
        f"http://localhost:{env['RASA_PORT']}/webhooks/rest/webhook, chat widget demo at "
        f"http://localhost:{env['RASA_PORT']}/webhooks/webchat/demo, "
        f"actions on port {env['ACTION_PORT']}, staff console at http://localhost:{env['CONSOLE_PORT']} "
        f"(accounts: python -m console.users create NAME --role reviewer). Ctrl-C stops it.",
    )

    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    console = processes[-1]
    console_reported = False
    while not stopping:
        for process in processes:
            if process.poll() is not None:
                if process is console:
                    # Patients come first: the bot keeps answering without the staff console.
                    if not console_reported:
                        say(f"The staff console stopped (exit code {process.returncode}); "
                            "the assistant keeps running.", error=True)
                        console_reported = True
                    continue
                say(f"A server stopped (exit code {process.returncode}); stopping.", error=True)
                code = process.returncode or 1
                stopping = True
        time.sleep(0.2)
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    say("Stopped.")
    return code


if __name__ == "__main__":
    sys.exit(main())
