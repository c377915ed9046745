"""Rasa's SQL tracker store, minus one way to stop the whole server.

Rasa's `SQLTrackerStore.session_scope` treats every `ValueError` raised while a
session is open as "the PostgreSQL schema is missing" and exits the process.
Odd input can raise one too (a lone surrogate in a conversation id cannot be
encoded; PostgreSQL refuses NUL characters), and then one message would stop
a replica with every conversation on it. Here only the schema check itself
exits; any other error fails that one turn, which the channels answer with a
kind reply. `endpoints.yml` names this class as the tracker store.
"""
from __future__ import annotations

import contextlib
from typing import Generator

import rasa.shared.utils.cli
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore


class TrackerStoreError(RuntimeError):
    """A turn could not be read or stored; the server keeps running."""


class SQLTrackerStore(RasaSQLTrackerStore):
    @contextlib.contextmanager
    def session_scope(self) -> Generator:
        session = self.sessionmaker()
        try:
            try:
                rasa_tracker_store.ensure_schema_exists(session)
            except ValueError as missing:
                rasa.shared.utils.cli.print_error_and_exit(
                    f"Requested PostgreSQL schema '{missing}' was not found in the database. "
                    "Create it, or unset POSTGRESQL_SCHEMA to use the default schema."
                )
            try:
                yield session
            except ValueError as exc:
                raise TrackerStoreError(type(exc).__name__) from None
        finally:
            session.close()
