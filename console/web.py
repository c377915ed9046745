"""The console's small web layer on Sanic: authenticated routes, CSRF, roles,
security headers and template rendering.

Every view is a plain function run in a worker thread (the database calls are
synchronous); `route()` wraps it so that nothing runs before the session,
the role and (for POST) the CSRF token have been checked.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hmac
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Optional, Sequence
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from console import audit, auth
from console.config import Config
from itb import db

logger = logging.getLogger("console")

ALL_ROLES = auth.ROLES
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
NOTICES = {
    "tagged": "Tag added.",
    "untagged": "Tag removed.",
    "noted": "Note saved.",
    "reviewed": "Marked as reviewed.",
    "unreviewed": "Review mark removed.",
    "revealed": "Details revealed for 10 minutes. This was recorded in the audit log.",
    "labelled": "Saved. The next message is shown.",
    "status": "Status changed.",
    "user-created": "User created.",
    "user-updated": "User updated.",
    "settings": "Settings saved.",
    "password": "Password changed.",
    "forgotten": "Deleted. This was recorded in the audit log.",
    "content-proposed": "Edit proposed. A second clinician must approve it before the assistant uses it.",
    "content-approved": "Approved. The assistant says the new text within a minute, without a restart.",
    "content-rejected": "Edit rejected. The assistant keeps its current text.",
    "content-imported": "Imported: every changed answer is now a proposal waiting for a clinician's approval.",
    "content-import-unchanged": "Nothing in the file differs from the current content: no proposals were made.",
}


def security_headers(resp: HTTPResponse, static: bool = False) -> HTTPResponse:
    headers = resp.headers
    headers["Content-Security-Policy"] = CSP
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # same-origin: no address (which may hold search words) ever goes to another site,
    # and the browser still sends a real Origin header with our own forms.
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if static:
        headers["Cache-Control"] = "private, max-age=300"
    else:
        # Pages carry health information: never kept by the browser or a proxy.
        headers["Cache-Control"] = "no-store, max-age=0"
        headers["Pragma"] = "no-cache"
    return resp


def client_ip(request: Request) -> str:
    return (request.ip or "")[:64]


def safe_next(value: Optional[str]) -> str:
    """Only a path on this site (never //host or a scheme)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/conversations"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/conversations"
    return value


def redirect(url: str, status: int = 303) -> HTTPResponse:
    return response.redirect(url, status=status)


def set_session_cookie(resp: HTTPResponse, conf: Config, token: str) -> None:
    resp.cookies[conf.cookie_name] = token
    cookie = resp.cookies[conf.cookie_name]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = conf.cookie_secure


def clear_session_cookie(resp: HTTPResponse, conf: Config) -> None:
    set_session_cookie(resp, conf, "")
    resp.cookies[conf.cookie_name]["max-age"] = 0


def login_redirect(request: Request, reason: str) -> HTTPResponse:
    conf: Config = request.app.ctx.conf
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    params = {}
    if request.method == "GET" and request.path not in ("/", "/logout"):
        params["next"] = target
    if reason in ("idle", "expired", "disabled"):
        params["reason"] = reason
    resp = redirect("/login" + (f"?{urlencode(params)}" if params else ""), status=302 if request.method == "GET" else 303)
    if reason != "none":
        clear_session_cookie(resp, conf)
    return resp


def local(value: Optional[dt.datetime], tz: Any, fmt: str = "%b %d, %Y %H:%M") -> str:
    if value is None:
        return ""
    return value.replace(tzinfo=dt.timezone.utc).astimezone(tz).strftime(fmt)


def url_with(base: str, params: Dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    return base + ("?" + urlencode(merged, doseq=True) if merged else "")


@dataclass
class Page:
    """What a view gets: the request, the person, their session, and helpers."""

    request: Request
    conf: Config
    user_id: int
    username: str
    role: str
    session_id: str
    csrf: str
    reveals: Dict[str, float] = field(default_factory=dict)

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.user_id, self.username, self.role)

    @property
    def ip(self) -> str:
        return client_ip(self.request)

    @property
    def args(self) -> Any:
        return self.request.args

    @property
    def form(self) -> Any:
        return self.request.form or {}

    def arg(self, name: str, default: str = "") -> str:
        return (self.request.args.get(name) or default).strip()

    def field(self, name: str, default: str = "") -> str:
        return ((self.request.form or {}).get(name) or default).strip()

    def audit(self, action: str, target_type: Optional[str] = None, target_id: Any = None, **detail: Any) -> None:
        audit.write(self.conf.database_url, self.actor, action, target_type=target_type,
                    target_id=target_id, detail=detail or None, ip=self.ip)

    def record(self, session: Any, action: str, target_type: Optional[str] = None, target_id: Any = None,
               **detail: Any) -> None:
        """Audit inside the caller's transaction (the change and its record commit together)."""
        audit.record(session, self.actor, action, target_type=target_type, target_id=target_id,
                     detail=detail or None, ip=self.ip)

    def revealed(self, key: str) -> bool:
        return self.role == "clinician" and self.reveals.get(key, 0) > time.time()

    def render(self, template: str, status: int = 200, **context: Any) -> HTTPResponse:
        env: Environment = self.request.app.ctx.jinja
        notice = NOTICES.get(self.request.args.get("notice") or "")
        body = env.get_template(template).render(
            page=self, user={"name": self.username, "role": self.role}, csrf=self.csrf,
            notice=notice, path=self.request.path, idle_seconds=self.conf.idle_seconds,
            tz=self.conf.timezone, **context,
        )
        return response.html(body, status=status)

    def local(self, value: Optional[dt.datetime], fmt: str = "%b %d, %Y %H:%M") -> str:
        return local(value, self.conf.timezone, fmt)


def render_public(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    env: Environment = request.app.ctx.jinja
    body = env.get_template(template).render(page=None, user=None, csrf="", notice=None,
                                             path=request.path, **context)
    return response.html(body, status=status)


def forbidden(page: Page, message: str = "Your role does not give access to this page.") -> HTTPResponse:
    return page.render("error.html", status=403, title="No access", message=message)


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":  # "null": privacy settings; the token still decides
        return True
    return urlsplit(origin).netloc == request.host


def csrf_valid(request: Request, expected: str) -> bool:
    if not same_origin(request):
        return False
    supplied = request.headers.get("x-csrf-token") or ""
    if not supplied:
        try:
            supplied = (request.form or {}).get("csrf_token") or ""
        except Exception:
            supplied = ""
    return bool(supplied) and hmac.compare_digest(supplied.encode(), expected.encode())


def authenticate(request: Request) -> tuple:
    """(Page, None) for a live session, else (None, reason)."""
    conf: Config = request.app.ctx.conf
    token = request.cookies.get(conf.cookie_name)
    with db.session(conf.database_url) as session:
        row, user, reason = auth.resolve_session(session, token, conf.idle_seconds)
        if row is None or user is None:
            if user is not None and reason in ("idle", "expired"):
                audit.record(session, audit.Actor(user.id, user.username, user.role), f"logout.{reason}",
                             ip=client_ip(request))
            return None, reason
        page = Page(request=request, conf=conf, user_id=user.id, username=user.username, role=user.role,
                    session_id=row.id, csrf=row.csrf_token, reveals=auth.reveals(row))
    return page, None


def dispatch(request: Request, view: Callable[..., HTTPResponse], roles: Sequence[str], kwargs: Dict[str, Any]) -> HTTPResponse:
    page, reason = authenticate(request)
    if page is None:
        return login_redirect(request, reason)
    if request.method not in ("GET", "HEAD") and not csrf_valid(request, page.csrf):
        page.audit("csrf.rejected", "route", request.path)
        return page.render("error.html", status=403, title="Form expired",
                           message="This form could not be accepted (its security token did not match). "
                                   "Go back, reload the page and try again.")
    if page.role not in roles:
        page.audit("access.denied", "route", request.path, method=request.method)
        return forbidden(page)
    return view(page, **kwargs)


async def in_thread(function: Callable[..., Any], *args: Any) -> Any:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(function, *args))


def route(app: Sanic, path: str, methods: Iterable[str] = ("GET",), roles: Sequence[str] = ALL_ROLES,
          name: Optional[str] = None) -> Callable:
    """Register a view that needs a logged-in user with one of `roles`."""

    def decorate(view: Callable[..., HTTPResponse]) -> Callable[..., HTTPResponse]:
        async def handler(request: Request, **kwargs: Any) -> HTTPResponse:
            started = time.perf_counter()
            resp = await in_thread(dispatch, request, view, roles, kwargs)
            # Method, route name, status and time only: never the query string (it
            # may hold search words) and never any message text.
            logger.info("%s %s %s %.0f ms", request.method, view.__name__, resp.status,
                        (time.perf_counter() - started) * 1000)
            return resp

        handler.__name__ = view.__name__
        app.add_route(handler, path, methods=list(methods), name=name or view.__name__)
        return view

    return decorate


def public_route(app: Sanic, path: str, methods: Iterable[str] = ("GET",), name: Optional[str] = None) -> Callable:
    """A route anyone may call (the login form, the health check)."""

    def decorate(view: Callable[[Request], HTTPResponse]) -> Callable:
        async def handler(request: Request, **kwargs: Any) -> HTTPResponse:
            return await in_thread(view, request, *kwargs.values())

        handler.__name__ = view.__name__
        app.add_route(handler, path, methods=list(methods), name=name or view.__name__)
        return view

    return decorate


def attachment(body: bytes | str, filename: str, content_type: str) -> HTTPResponse:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return response.raw(data, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}",
    })
