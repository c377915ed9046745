"""Helpers shared by the tests, the load test, the fuzzer, the benchmark and the SMS simulator.

* `support.stack`    free ports, starting and stopping the local stack (`python -m launcher`);
* `support.postgres` a scratch PostgreSQL database, dropped afterwards;
* `support.http`     keeping cookies as a browser does;
* `support.twilio`   webhooks signed as Twilio signs them, and reading TwiML replies;
* `support.nlu`      the examples of the Rasa NLU YAML files (training and held-out sets).

Never imported by the running assistant (itb, actions, channels, console).
"""
