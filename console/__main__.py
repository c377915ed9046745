"""`python -m console`: serve the staff console (CONSOLE_HOST:CONSOLE_PORT)."""
from __future__ import annotations

import logging
import os
import sys

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from itb import logs, settings  # noqa: E402

# LOG_FORMAT=json: one JSON object per line from the first one (itb/logs.py),
# set up before Sanic is imported.
JSON_LOGS = logs.setup(settings.log_format(), "console")

from console import config  # noqa: E402
from console.app import create_app  # noqa: E402
from itb import db  # noqa: E402


def main() -> int:
    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    # Message text is never logged; below INFO is not offered (as for the bot).
    for name in ("console", "console.indexer"):
        logging.getLogger(name).setLevel(level if level in {"INFO", "WARNING", "ERROR"} else "INFO")
    if not JSON_LOGS:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("console").addHandler(handler)
    conf = config.load()
    db.upgrade(conf.database_url)
    app = create_app(conf)
    address = f"http://{'localhost' if conf.host in ('127.0.0.1', '::1') else conf.host}:{conf.port}"
    if JSON_LOGS:
        logging.getLogger("console").info("Staff console on %s", address)
    else:
        print(f"Staff console on {address}", flush=True)
    # access_log off: Sanic's access log would write query strings, which may hold search words.
    app.run(host=conf.host, port=conf.port, access_log=False, motd=False, debug=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
