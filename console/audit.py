"""The append-only audit log: who viewed, searched, exported, revealed,
changed or purged what, and when. Rows are only ever inserted (the database
refuses UPDATE and DELETE on audit_log). Details never contain message text;
identifiers that are themselves personal (phone numbers) are stored as keyed
hashes."""
from __future__ import annotations

import getpass
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Dict, Optional

from sqlalchemy.orm import Session

from itb import db


@dataclass(frozen=True)
class Actor:
    user_id: Optional[int]
    username: str
    role: str


def cli_actor() -> Actor:
    """Commands run on the server are recorded under the operating-system login."""
    try:
        login = getpass.getuser()
    except Exception:
        login = "unknown"
    return Actor(None, f"cli:{login}", "cli")


def fingerprint(secret: bytes, value: str) -> str:
    """A keyed hash of an identifier, so the log can prove what was deleted without keeping it."""
    return "hmac:" + hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def record(
    session: Session,
    actor: Optional[Actor],
    action: str,
    target_type: Optional[str] = None,
    target_id: Optional[Any] = None,
    detail: Optional[Dict[str, Any]] = None,
    ip: Optional[str] = None,
) -> None:
    session.add(
        db.AuditLog(
            at=db.utcnow(),
            user_id=actor.user_id if actor else None,
            username=actor.username[:100] if actor else None,
            role=actor.role if actor else None,
            action=action[:64],
            target_type=target_type,
            target_id=None if target_id is None else str(target_id)[:128],
            detail=json.dumps(detail, sort_keys=True, default=str)[:4000] if detail else None,
            ip=(ip or None) and ip[:64],
        )
    )


def write(database_url: Optional[str], actor: Optional[Actor], action: str, **kwargs: Any) -> None:
    """Record in its own transaction (e.g. a refused request that changes nothing else)."""
    with db.session(database_url) as session:
        record(session, actor, action, **kwargs)
