"""The staff console: review conversations and appointment requests, safely.

A small server-rendered web app (Sanic + Jinja2, the same environment as the
bot) over Rasa's SQL tracker store and the project's own tables (itb.db).
Start it with `python -m console` (launcher/local.py does, for `make run`);
manage accounts with `python -m console.users`; purge old data with
`python -m console.retention`.
"""
