"""The console's configuration: environment defaults (itb.settings), a few
values an admin may override in the console (console_settings table), and the
secret key."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, TypedDict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from itb import db, settings

ROOT = Path(__file__).resolve().parent.parent
SESSION_MAX_SECONDS = 12 * 3600  # absolute session lifetime
LOGIN_WINDOW_SECONDS = 15 * 60
LOGIN_MAX_FAILURES_PER_USER = 5
LOGIN_MAX_FAILURES_PER_IP = 20
REVEAL_SECONDS = 10 * 60  # how long a clinician's reveal of one record lasts
EXPORT_MAX_CONVERSATIONS = 5000
PAGE_SIZE = 50

# Settings an admin may change in the console; the value is (environment default, parser).
EDITABLE = ("retention_days", "low_confidence")


@dataclass(frozen=True)
class Config:
    database_url: str
    tracker_url: str
    host: str
    port: int
    secret_key: bytes
    idle_seconds: int
    cookie_secure: bool
    timezone: ZoneInfo
    low_confidence: float
    retention_days: int
    sync_seconds: float

    @property
    def cookie_name(self) -> str:
        # The __Host- prefix makes the browser refuse the cookie unless it is
        # Secure, host-only and for path / (no sibling subdomain can set it).
        return "__Host-itb_console" if self.cookie_secure else "itb_console"

    @property
    def login_cookie_name(self) -> str:
        return "__Host-itb_console_login" if self.cookie_secure else "itb_console_login"


def local_timezone(name: str) -> ZoneInfo:
    """The named IANA zone, or the server's own zone, or UTC."""
    candidates = [name, os.environ.get("TZ", "")]
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for candidate in candidates:
        candidate = (candidate or "").lstrip(":")
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            if candidate == name:
                raise ValueError(f"CONSOLE_TIMEZONE={name!r} is not a known time zone") from None
    return ZoneInfo("UTC")


def secret_key(configured: str) -> bytes:
    """CONSOLE_SECRET_KEY, or a random key kept (mode 600) in var/console/secret_key."""
    if configured:
        return configured.encode("utf-8")
    path = ROOT / "var" / "console" / "secret_key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")


def load() -> Config:
    console = settings.console()
    return Config(
        database_url=settings.database_url(),
        tracker_url=settings.tracker_store_url(),
        host=console.host,
        port=console.port,
        secret_key=secret_key(console.secret_key),
        idle_seconds=max(1, console.idle_seconds),
        cookie_secure=console.cookie_secure,
        timezone=local_timezone(console.timezone),
        low_confidence=console.low_confidence,
        retention_days=settings.retention_days(),
        sync_seconds=max(0.2, console.sync_seconds),
    )


def overrides(database_url: Optional[str] = None) -> Dict[str, str]:
    with db.session(database_url) as session:
        rows = session.execute(select(db.ConsoleSetting.key, db.ConsoleSetting.value)).all()
    return {key: value for key, value in rows}


class Effective(TypedDict):
    retention_days: int
    low_confidence: float


def effective(config: Config) -> Effective:
    """The settings in force: an admin's value from the console, else the environment's."""
    values = overrides(config.database_url)
    result: Effective = {
        "retention_days": config.retention_days,
        "low_confidence": config.low_confidence,
    }
    try:
        if "retention_days" in values:
            result["retention_days"] = int(values["retention_days"])
        if "low_confidence" in values:
            result["low_confidence"] = float(values["low_confidence"])
    except ValueError:
        pass
    return result
