"""Settings, read once from the environment (and `.env` via python-dotenv).

Every process (Rasa server components, action server, channels, console) reads
its configuration from here, so a value has exactly one name and one default.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent.parent
load_dotenv(ROOT / ".env", override=False)


def _get(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Clinic:
    """The clinic as the assistant names it. domain.yml's responses say these
    through the placeholders {clinic_name}, {clinic_phone}, {clinic_hours},
    {clinic_address} and {clinic_after_hours} (itb/content/fill.py); a sentence
    whose setting is empty is left out, so no value is ever made up."""

    name: str
    phone: str
    hours: str  # empty: the clinic's page gives no hours, so none are said
    address: str
    after_hours: str  # a number for after hours; empty: not said


def clinic() -> Clinic:
    return Clinic(
        name=_get("CLINIC_NAME", "the Pain Clinic"),
        phone=_get("CLINIC_PHONE", "800.775.PAIN (7246)"),
        hours=_get("CLINIC_HOURS", ""),
        address=_get("CLINIC_ADDRESS", ""),
        after_hours=_get("CLINIC_AFTER_HOURS_PHONE", ""),
    )


def database_url() -> str:
    """The project's own tables (appointments, SMS opt-outs, console).

    SQLite under var/ by default; PostgreSQL (or any SQLAlchemy URL) by setting
    DATABASE_URL, e.g. postgresql://user:pass@127.0.0.1:5432/itb.
    """
    default = f"sqlite:///{ROOT / 'var' / 'itb.db'}"
    return _get("DATABASE_URL", default)


def twilio_auth_token() -> str:
    """The Twilio account's auth token, which signs every SMS webhook request.

    Empty means not configured: the SMS channel then refuses every request.
    """
    return _get("TWILIO_AUTH_TOKEN", "")


def public_base_url() -> str:
    """The public address Twilio calls (scheme and host, plus any path prefix a
    proxy adds, e.g. https://itb.example.org), as configured on the Twilio number;
    behind a proxy or tunnel it differs from the address the Rasa server sees.
    Empty: use the address each request arrived at."""
    return _get("PUBLIC_BASE_URL", "").rstrip("/")


def webchat_session_secret() -> bytes:
    """WEBCHAT_SESSION_SECRET: signs the web chat's conversation ids
    (channels/webchat.py), so only ids this assistant issued resume a conversation.

    Empty: a random secret generated once and kept (mode 600) in
    var/webchat/session_secret, which every process of this installation reads,
    so ids still work after a restart and on every replica of one machine.
    Replicas on different machines or containers need the same value set here.
    Changing it starts new conversations for the chats in progress.
    """
    configured = _get("WEBCHAT_SESSION_SECRET", "")
    if configured:
        return configured.encode("utf-8")
    path = ROOT / "var" / "webchat" / "session_secret"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: several processes starting at once
        # agree on the first one's secret, and none reads a half-written file.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".session_secret.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
    secret = path.read_text().strip()
    if not secret:
        raise ValueError(f"{path} is empty: delete it or set WEBCHAT_SESSION_SECRET")
    return secret.encode("utf-8")


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    username: str
    password: str
    sender: str
    to: str
    starttls: bool


def smtp() -> Smtp:
    """Where to e-mail staff about new appointment requests (off when SMTP_HOST is empty)."""
    return Smtp(
        host=_get("SMTP_HOST", ""),
        port=int(_get("SMTP_PORT", "25")),
        username=_get("SMTP_USERNAME", ""),
        password=_get("SMTP_PASSWORD", ""),
        sender=_get("SMTP_FROM", "assistant@localhost"),
        to=_get("STAFF_EMAIL", ""),
        starttls=_get("SMTP_STARTTLS", "false").lower() in {"1", "true", "yes"},
    )


def tracker_store_url() -> str:
    """Rasa's SQL tracker store (the conversations); the same default as launcher/common.py."""
    return _get("TRACKER_STORE_URL", f"sqlite:///{ROOT / 'var' / 'rasa' / 'tracker.db'}")


@dataclass(frozen=True)
class Console:
    """The staff console (console/): where it listens and how it keeps sessions."""

    host: str  # 127.0.0.1 by default: put a TLS proxy in front to reach it from elsewhere
    port: int
    secret_key: str  # empty: console/config.py keeps a generated key under var/console/
    idle_seconds: int  # automatic logoff after this long without activity
    cookie_secure: bool  # only false for plain-HTTP testing away from localhost
    timezone: str  # IANA zone for the times shown; empty: the server's own zone
    low_confidence: float  # intent confidence below this counts as low
    sync_seconds: float  # how often new conversations are indexed for the console


def console() -> Console:
    return Console(
        host=_get("CONSOLE_HOST", "127.0.0.1"),
        port=int(_get("CONSOLE_PORT", "8080")),
        secret_key=_get("CONSOLE_SECRET_KEY", ""),
        idle_seconds=int(_get("CONSOLE_IDLE_SECONDS", "900")),
        cookie_secure=_get("CONSOLE_COOKIE_SECURE", "true").lower() not in {"0", "false", "no"},
        timezone=_get("CONSOLE_TIMEZONE", ""),
        low_confidence=float(_get("CONSOLE_LOW_CONFIDENCE", "0.5")),
        sync_seconds=float(_get("CONSOLE_SYNC_SECONDS", "5")),
    )


def retention_days() -> int:
    """Conversations, appointment requests and SMS messages older than this are
    purged by `python -m console.retention purge`; 0 keeps everything."""
    return int(_get("RETENTION_DAYS", "365"))


FORGET_ACTED_CHOICES = ("withdraw", "delete")


def forget_acted_requests() -> str:
    """FORGET_ACTED_REQUESTS: what a patient's "forget me" (or a staff deletion)
    does to an appointment request that staff already acted on (status other
    than `new`): `withdraw` (the default) keeps the request's reference, name,
    phone and history so staff can cancel what they set up, marks it withdrawn
    and removes its free text; `delete` removes it like a new one. Requests
    still `new` are always deleted."""
    value = _get("FORGET_ACTED_REQUESTS", "withdraw").lower()
    if value not in FORGET_ACTED_CHOICES:
        raise ValueError(f"FORGET_ACTED_REQUESTS must be withdraw or delete, not {value!r}")
    return value


def log_format() -> str:
    """LOG_FORMAT: `json` (one JSON object per line without message text,
    itb/logs.py) or `text`. Default: json in the production profile
    (PROFILE=production), text otherwise."""
    default = "json" if _get("PROFILE", "").lower() == "production" else "text"
    value = _get("LOG_FORMAT", default).lower()
    if value not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be json or text, not {value!r}")
    return value
