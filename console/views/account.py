"""Login, logout, the idle-timer ping, the health check and one's own password."""
from __future__ import annotations

import hmac
import secrets
from typing import Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from console import audit, auth, web
from console.config import Config
from itb import db, health

REASONS = {
    "idle": "You were signed out because the console was not used for a while.",
    "expired": "Your session ended. Please sign in again.",
    "disabled": "This account is disabled.",
    "signed-out": "You are signed out.",
}


def register(app: Sanic) -> None:
    @web.public_route(app, "/healthz")
    def healthz(request: Request) -> HTTPResponse:
        # Liveness: the process answers; nothing else is checked.
        return response.text("ok")

    database_url = app.ctx.conf.database_url

    def database_answers() -> None:
        health.sql_check(db.engine(database_url))()

    database = health.Probe("database", database_answers)

    @web.public_route(app, "/readyz")
    def readyz(request: Request) -> HTTPResponse:
        # Readiness: the console's database answers (within 2 s). No data, no login.
        ok = database()
        return response.json({"status": "ready" if ok else "not ready",
                              "checks": {"database": health.OK if ok else health.UNAVAILABLE}},
                             status=200 if ok else 503)

    @web.public_route(app, "/login", methods=("GET",), name="login_form")
    def login_form(request: Request) -> HTTPResponse:
        conf: Config = request.app.ctx.conf
        page, _ = web.authenticate(request)
        if page is not None:
            return web.redirect(web.safe_next(request.args.get("next")), status=302)
        return login_page(request, conf, message=REASONS.get(request.args.get("reason") or ""))

    @web.public_route(app, "/login", methods=("POST",), name="login_submit")
    def login_submit(request: Request) -> HTTPResponse:
        conf: Config = request.app.ctx.conf
        form = request.form or {}
        ip = web.client_ip(request)
        supplied = form.get("login_token") or ""
        cookie = request.cookies.get(conf.login_cookie_name) or ""
        if (not supplied or not cookie or not hmac.compare_digest(supplied.encode(), cookie.encode())
                or not web.same_origin(request)):
            audit.write(conf.database_url, None, "csrf.rejected", target_type="route", target_id="/login", ip=ip)
            return login_page(request, conf, status=403,
                              error="The sign-in form expired. Please try again.")
        username = auth.normalise_username(form.get("username") or "")[:64]
        password = form.get("password") or ""
        next_url = web.safe_next(form.get("next"))
        with db.session(conf.database_url) as session:
            if auth.rate_limited(session, username, ip):
                audit.record(session, None, "login.locked", target_type="user", target_id=username, ip=ip)
                locked = True
                user = None
            else:
                locked = False
                user = auth.check_password(session, username, password)
                if user is None:
                    audit.record(session, None, "login.failed", target_type="user", target_id=username, ip=ip)
                else:
                    token = auth.start_session(session, user, ip)
                    audit.record(session, audit.Actor(user.id, user.username, user.role), "login.success",
                                 target_type="user", target_id=user.username, ip=ip)
        if locked:
            return login_page(request, conf, status=429, username=username,
                              error="Too many failed sign-ins. Wait 15 minutes and try again, "
                                    "or ask an administrator.")
        if user is None:
            return login_page(request, conf, status=401, username=username,
                              error="That username and password did not match an active account.")
        resp = web.redirect(next_url)
        web.set_session_cookie(resp, conf, token)
        resp.cookies[conf.login_cookie_name] = ""
        resp.cookies[conf.login_cookie_name]["max-age"] = 0
        resp.cookies[conf.login_cookie_name]["path"] = "/"
        resp.cookies[conf.login_cookie_name]["secure"] = conf.cookie_secure
        return resp

    @web.route(app, "/logout", methods=("POST",))
    def logout(page: web.Page) -> HTTPResponse:
        idle = page.field("reason") == "idle"
        with db.session(page.conf.database_url) as session:
            row = session.get(db.StaffSession, page.session_id)
            if row is not None:
                session.delete(row)
            page.record(session, "logout.idle" if idle else "logout")
        resp = web.redirect("/login?reason=" + ("idle" if idle else "signed-out"))
        web.clear_session_cookie(resp, page.conf)
        return resp

    @web.route(app, "/session/ping", methods=("POST",))
    def ping(page: web.Page) -> HTTPResponse:
        # The session was touched by the check that ran before this view.
        return response.json({"idle_seconds": page.conf.idle_seconds})

    @web.route(app, "/")
    def home(page: web.Page) -> HTTPResponse:
        return web.redirect("/conversations", status=302)

    @web.route(app, "/account")
    def account(page: web.Page) -> HTTPResponse:
        return page.render("account.html", title="Your account", error=None,
                           role_label=auth.ROLE_LABELS.get(page.role, page.role))

    @web.route(app, "/account/password", methods=("POST",))
    def change_password(page: web.Page) -> HTTPResponse:
        current, new, again = page.field("current"), page.field("new"), page.field("again")
        error = None
        with db.session(page.conf.database_url) as session:
            user = session.get(db.StaffUser, page.user_id)
            if auth.check_password(session, user.username, current) is None:
                error = "The current password is not right."
            elif new != again:
                error = "The two new passwords differ."
            else:
                try:
                    auth.set_password(session, user, new)  # ends every session of this user
                except auth.UserError as problem:
                    error = str(problem)
            if error is None:
                page.record(session, "account.password", "user", user.username)
        if error:
            return page.render("account.html", status=400, title="Your account", error=error,
                               role_label=auth.ROLE_LABELS.get(page.role, page.role))
        resp = web.redirect("/login?reason=signed-out")
        web.clear_session_cookie(resp, page.conf)
        return resp


def login_page(request: Request, conf: Config, status: int = 200, error: Optional[str] = None,
               message: Optional[str] = None, username: str = "") -> HTTPResponse:
    token = secrets.token_urlsafe(24)
    raw_next = (request.form or {}).get("next") if request.method == "POST" else request.args.get("next")
    resp = web.render_public(request, "login.html", status=status, title="Sign in", error=error,
                             message=message, username=username, login_token=token,
                             next=web.safe_next(raw_next))
    resp.cookies[conf.login_cookie_name] = token
    cookie = resp.cookies[conf.login_cookie_name]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = conf.cookie_secure
    cookie["max-age"] = 3600
    return resp
