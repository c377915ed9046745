"""Starting the assistant: what starts what.

* `python -m launcher` (`make run`; launcher/local.py) starts three processes
  on this machine, with SQLite under var/:
  - the action server: `python -m launcher.action_server` (rasa_sdk with JSON
    logs from its first line; plain `python -m rasa_sdk` with LOG_FORMAT=text),
    running the custom actions in actions/ on ACTION_PORT (5055);
  - the Rasa server: `python -m launcher.rasa_server run` (Rasa's command line
    with the serving settings of README "Speed") on RASA_PORT (5005), serving
    the channels in channels/ (REST, web chat, SMS) with models/current.tar.gz;
  - the staff console: `python -m console` on CONSOLE_PORT (8080).
  With PROFILE=production it hands over to the production profile.
* `python -m launcher.production` (`make run-prod`; launcher/production.py)
  starts the same action server and console, REPLICAS Rasa servers on
  127.0.0.1 and nginx in front of them on RASA_PORT, on PostgreSQL and Redis;
  it restarts what stops. `python -m launcher.production prepare|rasa|actions`
  is one process of a container deployment (deploy/).
* launcher/common.py holds what both share: the environment (`.env` through
  itb.settings, then the defaults), the three commands, `say`, and the
  supervision of the children (process groups, stop signals, deadlines).

Data flow: a message comes in on a channel (REST, socket.io, SMS; through
nginx in production) to a Rasa server, which predicts with the model, keeps
the conversation in the tracker store (TRACKER_STORE_URL) under a lock (in
memory, or Redis for replicas) and calls the action server for custom actions
(ACTION_ENDPOINT_URL). The channels, the actions and the console share the
project's own tables (DATABASE_URL: appointments, SMS, staff); the console
also reads the tracker store. Every process logs without message text
(itb/logs.py).
"""
