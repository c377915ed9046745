"""The tracker store named in endpoints.yml: an odd value fails one turn, it
never stops the server (Rasa's own class exits the process on any ValueError)."""
from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from itb.tracker_store import SQLTrackerStore, TrackerStoreError
from support.stack import ROOT


def save(store, sender: str) -> None:
    tracker = DialogueStateTracker.from_events(sender, [UserUttered("hello")])
    asyncio.run(store.save(tracker))


@pytest.mark.parametrize("url_kind", ["sqlite", "postgres"])
def test_an_unstorable_conversation_id_fails_the_turn_not_the_server(url_kind, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if url_kind == "sqlite" else request.getfixturevalue("postgres_url")
    store = SQLTrackerStore(domain=Domain.empty(), host=url)
    try:
        with pytest.raises(TrackerStoreError):
            save(store, "odd\ud800id")
        save(store, "ordinary-id")  # the store still works afterwards
        assert asyncio.run(store.retrieve("ordinary-id")) is not None
    finally:
        store.engine.dispose()


def test_rasas_own_class_would_exit(tmp_path):
    store = RasaSQLTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 'tracker.db'}")
    with pytest.raises(SystemExit):
        save(store, "odd\ud800id")


def test_endpoints_use_it():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["tracker_store"]["type"] == "itb.tracker_store.SQLTrackerStore"
