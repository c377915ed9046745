"""Rasa's SQL tracker store, minus one way to stop the whole server.

Rasa's `SQLTrackerStore.session_scope` treats every `ValueError` raised while a
session is open as "the PostgreSQL schema is missing" and exits the process.
Odd input can raise one too (a lone surrogate in a conversation id cannot be
encoded; PostgreSQL refuses NUL characters), and then one message would stop
a replica with every conversation on it. Here only the schema check itself
exits; any other error fails that one turn, which the channels answer with a
kind reply. `endpoints.yml` names this class as the tracker store.

It also carries out a patient's "forget me" where Rasa saves the turn. Rasa's
`save()` inserts the events beyond the number already stored, so deleting a
conversation's rows while a turn is in flight (from an action) would have the
old events written back at the end of that turn. Instead the action
(actions/privacy.py) sets the slot `forget_requested`; when `save()` finds that
slot set among the turn's new events it deletes every row of the conversation
and stores, in the same transaction, only a fresh start: a new session with
this turn's message id (so a resent message gets the same reply), the
assistant's reply and no slots, text or form state. And if someone else deleted
the conversation during a turn (a staff deletion in the console, a retention
purge), only that turn's events are stored, never the deleted ones again.
"""
from __future__ import annotations

import contextlib
import json
import logging
import time
from typing import Any, Dict, Generator, List, Optional

import rasa.shared.utils.cli
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

# The slot an action sets to ask for its conversation to be deleted (actions/privacy.py).
FORGET_SLOT = "forget_requested"
MAX_REMEMBERED = 10_000  # conversations whose loaded size is remembered until their turn is saved


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

    # ------------------------------------------------------------ forget me
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # sender id -> number of events the turn's tracker was loaded with
        self._loaded: Dict[str, int] = {}

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        tracker = await super().retrieve(sender_id)
        if len(self._loaded) >= MAX_REMEMBERED:
            self._loaded.clear()
        self._loaded[sender_id] = len(tracker.events) if tracker is not None else 0
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, plus deleting a conversation that asked to be forgotten."""
        await self.stream_events(tracker)
        sender = tracker.sender_id
        loaded = self._loaded.pop(sender, None)
        with self.session_scope() as session:
            stored = self._event_query(session, sender, fetch_events_from_all_sessions=False).count()
            events = list(tracker.events)
            start = stored
            if loaded is not None and stored < loaded:
                # Deleted by someone else while this turn ran: keep only this turn.
                logger.info("tracker store: a conversation was deleted during a turn; only that turn is stored")
                start = loaded
            new = events[start:]
            if forget_requested(new):
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender).delete(
                    synchronize_session=False
                )
                new = fresh_start(new)
                logger.info("tracker store: a conversation was deleted at the patient's request")
            for event in new:
                session.add(self._row(sender, event))
            session.commit()

    def _row(self, sender: str, event: Event) -> Any:
        data = event.as_dict()
        intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
        return self.SQLEvent(
            sender_id=sender,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=intent,
            action_name=data.get("name"),
            data=json.dumps(data),
        )


def forget_requested(events: List[Event]) -> bool:
    """True when an action of this turn asked for the conversation to be deleted."""
    return any(isinstance(event, SlotSet) and event.key == FORGET_SLOT and event.value for event in events)


def fresh_start(turn: List[Event]) -> List[Event]:
    """What a deleted conversation starts again with: a new session holding this
    turn's user message (its intent and message id only, no text) and the
    assistant's replies, and nothing else (no slots, no form, no entities)."""
    user = next((event for event in reversed(turn) if isinstance(event, UserUttered)), None)
    at = user.timestamp if user is not None else time.time()
    kept: List[Event] = [
        ActionExecuted(ACTION_SESSION_START_NAME, timestamp=at),
        SessionStarted(timestamp=at),
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=at),
    ]
    after = turn
    if user is not None:
        intent = (user.intent or {}).get(INTENT_NAME_KEY) or "affirm"
        payload = f"/{intent}"
        display = (user.metadata or {}).get("display")
        top = {"name": intent, "confidence": 1.0}
        kept.append(UserUttered(
            payload,
            intent=top,
            parse_data={"intent": top, "entities": [], "text": payload, "intent_ranking": [top],
                        "message_id": user.message_id, "metadata": {}},
            timestamp=user.timestamp,
            input_channel=user.input_channel,
            message_id=user.message_id,
            metadata={"display": display if isinstance(display, str) and len(display) <= 40 else "Yes"},
        ))
        after = turn[turn.index(user) + 1:]
    for event in after:
        if isinstance(event, BotUttered) or (
            isinstance(event, ActionExecuted)
            and event.action_name not in (ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME)
        ):
            kept.append(event)
    kept.append(ActionExecuted(ACTION_LISTEN_NAME, timestamp=max(at, kept[-1].timestamp)))
    return kept
