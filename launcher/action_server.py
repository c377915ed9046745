"""`python -m launcher.action_server [options]`: rasa_sdk's action server, exactly as
`python -m rasa_sdk [options]`, with JSON logs from its first line.

rasa_sdk applies its `--logging-config_file` only after importing Sanic and
sanic_cors, whose import-time warnings would otherwise be printed as plain
text; launcher/common.py starts the action server this way when LOG_FORMAT=json.
"""
from __future__ import annotations

from itb import logs


def main() -> None:
    logs.setup("json", "actions")
    from rasa_sdk.__main__ import main as rasa_sdk_main

    rasa_sdk_main()


if __name__ == "__main__":
    main()
