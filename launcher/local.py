"""The local profile (`make run`, `python -m launcher`): the action server, the
Rasa server and the staff console, together, on SQLite under var/.

Reads `.env` (python-dotenv, through itb.settings), fills in the embedded
defaults (launcher/common.py), and stops all processes cleanly on Ctrl-C or
SIGTERM. The console (console/, port CONSOLE_PORT) reads the same DATABASE_URL
and TRACKER_STORE_URL as the bot. With PROFILE=production it hands over to the
production profile (launcher/production.py).
"""
from __future__ import annotations

import os
import sys
import time

from itb import db, logs, settings
from launcher.common import Child, StopRequest, commands, environment, no_model, say, stop_together


def main() -> int:
    if os.environ.get("PROFILE", "").strip().lower() == "production":
        from launcher import production  # several replicas on PostgreSQL and Redis behind nginx

        return production.main()
    if no_model():
        return 1
    try:
        env = environment()
    except ValueError as exc:
        say(f"Configuration: {exc}", error=True)
        return 1
    logs.setup(env["LOG_FORMAT"], "launcher")
    db.upgrade()  # the project's own tables (appointments, SMS), by migration
    clinic = settings.clinic()
    actions, rasa, console = commands(env)
    # None is restarted here: a stopped server stops the assistant, except the console.
    processes = [Child("action server", actions, restart=False), Child("rasa", rasa, restart=False),
                 Child("console", console, restart=False, optional=True)]
    for child in processes:
        child.start(env)
    say(
        f"Assistant for {clinic.name} starting: REST at "
        f"http://localhost:{env['RASA_PORT']}/webhooks/rest/webhook, chat widget demo at "
        f"http://localhost:{env['RASA_PORT']}/webhooks/webchat/demo, "
        f"actions on port {env['ACTION_PORT']}, staff console at http://localhost:{env['CONSOLE_PORT']} "
        f"(accounts: python -m console.users create NAME --role reviewer). Ctrl-C stops it.",
    )

    stop = StopRequest()
    stop.install()
    code = 0
    console_reported = False
    while not stop.requested:
        for child in processes:
            if child.running():
                continue
            assert child.process is not None
            if child.optional:
                # Patients come first: the bot keeps answering without the staff console.
                if not console_reported:
                    say(f"The staff console stopped (exit code {child.process.returncode}); "
                        "the assistant keeps running.", error=True)
                    console_reported = True
                continue
            say(f"A server stopped (exit code {child.process.returncode}); stopping.", error=True)
            code = child.process.returncode or 1
            stop.requested = True
        time.sleep(0.2)
    stop_together(processes, timeout=15)
    say("Stopped.")
    return code


if __name__ == "__main__":
    sys.exit(main())
