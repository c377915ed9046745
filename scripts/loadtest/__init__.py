"""Load and fault test of the production profile (`make loadtest`).

Starts the production profile (`python -m launcher.production`: REPLICAS Rasa
replicas behind nginx, on a scratch PostgreSQL database and the machine's
Redis, all on free loopback ports) and drives it at a steady pace with REST
conversations (questions, and appointment requests through to the reference
number), web chat conversations over socket.io and SMS conversations signed
as Twilio signs them. While the traffic runs, one replica is killed (SIGKILL:
a crash) and, once it is back, another is stopped with SIGTERM (a redeploy);
the launcher restarts both.

A client that gets no answer (a dropped connection, a 5xx) sends the same
message again, with the same message id (REST, web chat) or MessageSid (SMS),
as the widget and Twilio do. Afterwards the database is checked:

* every message the assistant accepted has its user turn stored (lost: goal 0),
* no message was stored twice and no conversation has interleaved turns,
* every appointment request that got a reference exists exactly once.

Then the same REST load runs closed-loop against 1 and against 2 replicas for
the throughput of each. Bounded: every phase has a length, every client a
message cap. Prints a report; exits 1 when anything was lost, doubled or
interleaved.

What is where, in the order of a run:

* `production.py`  the production profile on free ports and its scratch database;
* `clients.py`     REST, SMS and web chat as their clients speak them (`Retry`: send again);
* `traffic.py`     the virtual users and the record of every message sent;
* `faults.py`      the fault run: traffic, the replica crash, the redeploy, by phase;
* `checks.py`      the database against the records: nothing lost, doubled or interleaved;
* `throughput.py`  closed-loop REST against 1 and 2 replicas;
* `report.py`      the printed report (and the phases' names);
* `__main__.py`    the command line.

    python -m scripts.loadtest [--users 12] [--rate 6] [--before 20] ...
"""
