"""Fuzz the assistant's HTTP and socket.io endpoints with generated bad and odd input.

Hypothesis generates the input; every request and every answer is counted per
endpoint group, one module each:

* rest (`rest.py`): POST /webhooks/rest/webhook (JSON of wrong shapes and types,
  odd unicode, binary, deep nesting, large bodies), other methods, paths and
  content types;
* sms (`sms.py`): /webhooks/sms/webhook as Twilio would post it (unsigned, forged
  signature, correctly signed with odd values, junk forms);
* webchat (`webchat.py`): the widget's socket.io channel: connect, session_request,
  user_uttered and other events with odd payloads, over a real socket.io client
  (Rasa's stock channel at `/socket.io` is not served);
* engine.io (`engine_io.py`): raw engine.io polling requests (junk query strings on
  the web chat's path and on the removed `/socket.io`, junk packets on a real handshake);
* console-out / console-in (`console.py`): the staff console logged out (junk paths,
  forms, cookies, the login form with forged or missing tokens) and logged in as an
  admin (junk query parameters, path segments and forms, forged CSRF).

Shared by them: `strategies.py` (the generated odd text, JSON, content types, junk
paths and queries, and `run`, which feeds examples to an action) and `checks.py`
(`Tally`: the counts, the findings and the report; `Target`: the servers and
whether they still answer; `Http`: one request sent and counted). `run.py` runs
the chosen groups and checks the servers' log; `__main__.py` is the command line.

A 5xx, a dropped connection, a request that times out, a socket.io message
that is never acknowledged, or a server process that stops is a finding; the
exit code is 1 when there is any. The report shows counts only, never text.

    python -m scripts.fuzz                        # start the assistant on free ports (as the tests do)
    python -m scripts.fuzz --examples 20 --seed 7
    python -m scripts.fuzz --rasa-url http://127.0.0.1:5005 --console-url http://127.0.0.1:8080 \\
        --database-url sqlite:///var/itb.db --twilio-token "$TWILIO_AUTH_TOKEN"
"""
