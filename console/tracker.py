"""Read access to Rasa's SQL tracker store (the `events` table).

The table belongs to Rasa (rasa.core.tracker_store.SQLTrackerStore creates
it); the console only reads it, except when the retention commands delete a
conversation. It is declared here on its own MetaData so that it never becomes
part of the project's migrations.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine, inspect, select
from sqlalchemy.engine import Engine

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


@lru_cache(maxsize=8)
def engine(url: str) -> Engine:
    # hide_parameters: a failing statement's error never carries message text.
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(url, future=True, hide_parameters=True, connect_args={"timeout": 15})
    return create_engine(url, future=True, hide_parameters=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


_KNOWN: set = set()


def has_events(url: str) -> bool:
    """False until the bot has created its tracker table."""
    if url in _KNOWN:
        return True
    if inspect(engine(url)).has_table("events"):
        _KNOWN.add(url)
        return True
    return False


def load(data: Optional[str]) -> Dict[str, Any]:
    if not data:
        return {}
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def conversation(url: str, sender_id: str) -> List[Dict[str, Any]]:
    """Every event of one conversation, oldest first, with its row id."""
    if not has_events(url):
        return []
    query = (
        select(events.c.id, events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == sender_id)
        .order_by(events.c.id)
    )
    with engine(url).connect() as connection:
        rows = connection.execute(query).all()
    result = []
    for row in rows:
        event = load(row.data)
        event["_id"] = row.id
        event.setdefault("event", row.type_name)
        event.setdefault("timestamp", row.timestamp)
        result.append(event)
    return result


def events_by_id(url: str, ids: Iterable[int]) -> Dict[int, Dict[str, Any]]:
    """Selected events (e.g. the first question of each listed conversation)."""
    wanted = sorted({int(i) for i in ids if i is not None})
    if not wanted or not has_events(url):
        return {}
    result: Dict[int, Dict[str, Any]] = {}
    with engine(url).connect() as connection:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for row in connection.execute(select(events.c.id, events.c.sender_id, events.c.data).where(events.c.id.in_(chunk))):
                event = load(row.data)
                event["_id"] = row.id
                event["_sender_id"] = row.sender_id
                result[row.id] = event
    return result


def conversations(url: str, senders: Iterable[str]) -> Dict[str, List[Dict[str, Any]]]:
    """Every event of several conversations (for exports), by sender id."""
    wanted = list(dict.fromkeys(senders))
    result: Dict[str, List[Dict[str, Any]]] = {sender: [] for sender in wanted}
    if not wanted or not has_events(url):
        return result
    with engine(url).connect() as connection:
        for start in range(0, len(wanted), 200):
            chunk = wanted[start:start + 200]
            query = (
                select(events.c.id, events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.data)
                .where(events.c.sender_id.in_(chunk))
                .order_by(events.c.sender_id, events.c.id)
            )
            for row in connection.execute(query):
                event = load(row.data)
                event["_id"] = row.id
                event.setdefault("event", row.type_name)
                event.setdefault("timestamp", row.timestamp)
                result[row.sender_id].append(event)
    return result
