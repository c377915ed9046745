"""The clinic's approved edits of answers, for the running assistant.

A clinician approves an edit of an answer in the staff console's Content page
(console/content.py, table `content_edits`); the Rasa server's response
generator (itb/content/nlg.py) then says the edit's text instead of
domain.yml's, keeping the response's buttons and other keys, without
retraining or a restart. The English and the Spanish text are edited
separately: a Spanish edit (content_edits.language "es") is filed as
"name@es" (`key()`) and replaces the text only when the conversation's
`language` slot is "es". The safety replies (review.SAFETY_ANSWERS) are never
replaced, whatever the table holds: the channels' fallback lines say them from
domain.yml directly, and the console refuses edits of them.

`current()` reads the approved edits from the project's database
(settings.database_url()) and keeps them for CACHE_SECONDS (15 s, at most 30),
so an approval is live within that time on every process. It never fails a
reply: when the database does not answer it logs one line (the error's type,
never any text) and returns nothing, so the shipped text is said, and it asks
again after CACHE_SECONDS. The query is one indexed SELECT with short
connection and statement timeouts.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased

from itb import db, settings
from itb.content import review

logger = logging.getLogger(__name__)

CACHE_SECONDS = 15.0  # how long an answer's live text may lag behind an approval (at most 30)


class Live(NamedTuple):
    """An approved edit: what the assistant says instead of the shipped text."""

    text: str
    sources: List[str]
    approved_by: str
    approved_at: Optional[dt.datetime]  # UTC, naive as stored


_lock = threading.Lock()
_cache: Dict[str, Any] = {"url": None, "at": float("-inf"), "value": {}}


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    """Its own small engine with short timeouts: a reply never waits long for it."""
    if url.startswith("sqlite"):
        return create_engine(url, future=True, connect_args={"timeout": 2})
    if url.startswith("postgresql"):
        return create_engine(url, future=True, pool_pre_ping=True, pool_size=1, max_overflow=2,
                             connect_args={"connect_timeout": 3, "options": "-c statement_timeout=3000"})
    return create_engine(url, future=True, pool_pre_ping=True)


def _sqlite_file_missing(url: str) -> bool:
    if not url.startswith("sqlite"):
        return False
    path = url.split("///", 1)[1] if "///" in url else ""
    return not path or not Path(path).is_file()


def load(url: str) -> Dict[str, Live]:
    """Every approved edit in the database at `url` (raises if it does not answer),
    by `key(answer, language)`: an English edit under the answer's name, a Spanish
    one under "name@es"."""
    if _sqlite_file_missing(url):
        return {}  # no database yet, so no edits (and none is created here)
    approver = aliased(db.StaffUser)
    edit = db.ContentEdit
    query = (
        select(edit.answer, edit.language, edit.text, edit.sources, approver.username, edit.decided_at)
        .outerjoin(approver, approver.id == edit.decided_by)
        .where(edit.status == "approved")
    )
    with _engine(url).connect() as connection:
        rows = connection.execute(query).all()
    found = {}
    for answer, language, text, sources, username, decided_at in rows:
        try:
            ids = [str(source) for source in json.loads(sources or "[]")]
        except ValueError:
            ids = []
        found[key(answer, language)] = Live(text, ids, username or "", decided_at)
    return found


def current(database_url: Optional[str] = None) -> Dict[str, Live]:
    """{key(answer, language): Live(text, sources, approved_by, approved_at)} of the
    approved edits (Spanish ones under "<name>@es"), at most CACHE_SECONDS old; {} (the
    shipped texts) if the database fails."""
    url = database_url or settings.database_url()
    with _lock:
        now = time.monotonic()
        if _cache["url"] == url and now - _cache["at"] < min(CACHE_SECONDS, 30.0):
            return _cache["value"]
        try:
            value = load(url)
        except Exception as exc:  # noqa: BLE001 - a reply must never fail for this
            # The error's type only: its message could quote a query's values.
            logger.warning("Approved content edits unavailable (%s); using the shipped texts for %.0f s",
                           type(exc).__name__, CACHE_SECONDS)
            value = {}
        _cache.update(url=url, at=now, value=value)
        return value


def forget_cache() -> None:
    """Read the database again on the next call (tests)."""
    with _lock:
        _cache.update(url=None, at=float("-inf"), value={})


def key(name: str, language: Optional[str] = None) -> str:
    """How an edit of the answer `name` in `language` is filed: the name, with "@es" for Spanish."""
    return name if not language or language == "en" else f"{name}@{language}"


def apply(name: str, response: Optional[Dict[str, Any]], language: Optional[str] = None) -> Optional[Dict[str, Any]]:
    """The response `name` with its text replaced by the approved edit in `language`,
    if there is one; buttons and every other key stay. Never raises: on any problem
    the response comes back unchanged."""
    if not response or name in review.SAFETY_ANSWERS:
        return response
    try:
        live = current().get(key(name, language))
    except Exception:  # noqa: BLE001
        return response
    if live is None or not live.text:
        return response
    return {**response, "text": live.text}


def report(live: Live) -> Dict[str, Any]:
    """A live edit as `make content-report` prints it."""
    return {
        "text": live.text,
        "sources": live.sources,
        "approved_by": live.approved_by,
        "approved_at": live.approved_at.isoformat(timespec="seconds") + "Z" if live.approved_at else None,
        "version": review.version_of([live.text], live.sources),
    }
