"""Accounts, passwords (argon2id), sessions and the login rate limit."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
import time
from typing import Dict, List, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from console import config
from itb import db

ROLES = db.STAFF_ROLES
ROLE_LABELS = {
    "admin": "Admin (users, settings, audit log)",
    "reviewer": "Reviewer (names and phone numbers masked)",
    "clinician": "Clinician (may reveal masked details; each reveal is audited)",
}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
MIN_PASSWORD = 12

hasher = PasswordHasher()  # argon2id with the library's current parameters
_DUMMY_HASH = hasher.hash(secrets.token_hex(16))


class UserError(ValueError):
    """A request about an account that cannot be done (shown to the person asking)."""


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def password_problems(password: str, username: str = "") -> List[str]:
    problems = []
    if len(password or "") < MIN_PASSWORD:
        problems.append(f"Use at least {MIN_PASSWORD} characters.")
    if password and username and username.lower() in password.lower():
        problems.append("Do not put the username in the password.")
    if password and len(set(password)) < 5:
        problems.append("Use more different characters.")
    return problems


def create_user(session: Session, username: str, password: str, role: str, created_by: str) -> db.StaffUser:
    username = normalise_username(username)
    if not USERNAME.match(username):
        raise UserError("A username is 2-64 lower-case letters, digits or . _ @ -")
    if role not in ROLES:
        raise UserError(f"The role must be one of: {', '.join(ROLES)}.")
    problems = password_problems(password, username)
    if problems:
        raise UserError(" ".join(problems))
    if session.execute(select(db.StaffUser.id).where(db.StaffUser.username == username)).first():
        raise UserError(f"There is already a user called {username}.")
    user = db.StaffUser(
        username=username, password_hash=hasher.hash(password), role=role, active=True, created_by=created_by
    )
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> Optional[db.StaffUser]:
    return session.execute(
        select(db.StaffUser).where(db.StaffUser.username == normalise_username(username))
    ).scalar_one_or_none()


def set_password(session: Session, user: db.StaffUser, password: str) -> None:
    problems = password_problems(password, user.username)
    if problems:
        raise UserError(" ".join(problems))
    user.password_hash = hasher.hash(password)
    end_sessions(session, user.id)


def set_active(session: Session, user: db.StaffUser, active: bool) -> None:
    user.active = active
    if not active:
        end_sessions(session, user.id)


def end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(db.StaffSession).where(db.StaffSession.user_id == user_id))


def check_password(session: Session, username: str, password: str) -> Optional[db.StaffUser]:
    """The active user with this password, else None (in about the same time either way)."""
    user = find_user(session, username) if username else None
    if user is None or not user.active:
        try:
            hasher.verify(_DUMMY_HASH, password or "")
        except (VerificationError, InvalidHashError):
            pass
        return None
    try:
        hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return user


def recent_failures(session: Session, username: str, ip: Optional[str]) -> Tuple[int, int]:
    """Failed logins in the last window, for this username and for this address."""
    since = db.utcnow() - dt.timedelta(seconds=config.LOGIN_WINDOW_SECONDS)
    base = select(func.count(db.AuditLog.id)).where(
        db.AuditLog.action == "login.failed", db.AuditLog.at >= since
    )
    by_user = session.execute(base.where(db.AuditLog.target_id == normalise_username(username)[:128])).scalar() or 0
    by_ip = session.execute(base.where(db.AuditLog.ip == ip)).scalar() or 0 if ip else 0
    return by_user, by_ip


def rate_limited(session: Session, username: str, ip: Optional[str]) -> bool:
    by_user, by_ip = recent_failures(session, username, ip)
    return by_user >= config.LOGIN_MAX_FAILURES_PER_USER or by_ip >= config.LOGIN_MAX_FAILURES_PER_IP


def token_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user: db.StaffUser, ip: Optional[str]) -> str:
    """A new session (a fresh token at every login: no session fixation). Returns the token."""
    token = secrets.token_urlsafe(32)
    now = db.utcnow()
    session.add(
        db.StaffSession(
            id=token_id(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
            ip=(ip or None) and ip[:64], created_at=now, last_seen_at=now,
        )
    )
    user.last_login_at = now
    # tidy up: sessions idle for a day are long dead
    session.execute(delete(db.StaffSession).where(db.StaffSession.last_seen_at < now - dt.timedelta(days=1)))
    return token


def resolve_session(
    session: Session, token: Optional[str], idle_seconds: int, touch: bool = True
) -> Tuple[Optional[db.StaffSession], Optional[db.StaffUser], str]:
    """(session, user, "") for a live session, else (None, user-or-None, reason).

    Reasons: "none" (no cookie or unknown token), "idle", "expired", "disabled".
    A session that ended is deleted.
    """
    if not token:
        return None, None, "none"
    row = session.get(db.StaffSession, token_id(token))
    if row is None:
        return None, None, "none"
    user = session.get(db.StaffUser, row.user_id)
    now = db.utcnow()
    reason = ""
    if user is None or not user.active:
        reason = "disabled"
    elif (now - row.created_at).total_seconds() > config.SESSION_MAX_SECONDS:
        reason = "expired"
    elif (now - row.last_seen_at).total_seconds() > idle_seconds:
        reason = "idle"
    if reason:
        session.delete(row)
        return None, user, reason
    if touch:
        row.last_seen_at = now
    return row, user, ""


def reveals(row: db.StaffSession) -> Dict[str, float]:
    try:
        value = json.loads(row.reveals or "{}")
    except ValueError:
        return {}
    now = time.time()
    return {key: until for key, until in value.items() if isinstance(until, (int, float)) and until > now}


def grant_reveal(row: db.StaffSession, key: str) -> None:
    current = reveals(row)
    current[key] = time.time() + config.REVEAL_SECONDS
    row.reveals = json.dumps(current)


def is_revealed(row: Optional[db.StaffSession], key: str) -> bool:
    return bool(row is not None and key in reveals(row))


def any_users(session: Session) -> bool:
    return session.execute(select(db.StaffUser.id).limit(1)).first() is not None

