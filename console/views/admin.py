"""Admin pages: users, the audit log (read and export) and settings."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse
from sqlalchemy import func, select

from console import auth, config, exports, queries, web
from itb import db

ADMIN = ("admin",)
AUDIT_PAGE = 100
AUDIT_EXPORT_MAX = 100_000
LOG = db.AuditLog


def audit_query(page: web.Page, source: Any) -> tuple:
    get = lambda name: ((source.get(name) if source else "") or "").strip()  # noqa: E731
    filters = {"action": get("action")[:64], "user": get("user")[:100], "from": get("from"), "to": get("to")}
    query = select(LOG)
    if filters["action"]:
        query = query.where(LOG.action.like(filters["action"].replace("%", "") + "%"))
    if filters["user"]:
        query = query.where(LOG.username == filters["user"])
    start, end = queries.parse_date(filters["from"]), queries.parse_date(filters["to"])
    if start:
        query = query.where(LOG.at >= queries.local_day_start(start, page.conf.timezone))
    else:
        filters["from"] = ""
    if end:
        query = query.where(LOG.at < queries.local_day_start(end + dt.timedelta(days=1), page.conf.timezone))
    else:
        filters["to"] = ""
    return query, {k: v for k, v in filters.items() if v}


def register(app: Sanic) -> None:
    @web.route(app, "/admin/users", roles=ADMIN)
    def users(page: web.Page) -> HTTPResponse:
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(select(db.StaffUser).order_by(db.StaffUser.username)).scalars())
        page.audit("users.view", "users")
        return page.render("users.html", title="Users", users=rows, roles=auth.ROLES, labels=auth.ROLE_LABELS,
                           error=None, form={})

    @web.route(app, "/admin/users", methods=("POST",), roles=ADMIN, name="users_create")
    def users_create(page: web.Page) -> HTTPResponse:
        username, role = page.field("username"), page.field("role")
        password, again = page.field("password"), page.field("again")
        error = None
        with db.session(page.conf.database_url) as session:
            if password != again:
                error = "The two passwords differ."
            else:
                try:
                    user = auth.create_user(session, username, password, role, created_by=page.username)
                    page.record(session, "users.create", "user", user.username, role=role)
                except auth.UserError as problem:
                    error = str(problem)
                    session.rollback()
            rows = list(session.execute(select(db.StaffUser).order_by(db.StaffUser.username)).scalars())
        if error:
            return page.render("users.html", status=400, title="Users", users=rows, roles=auth.ROLES,
                               labels=auth.ROLE_LABELS, error=error, form={"username": username, "role": role})
        return web.redirect("/admin/users?notice=user-created")

    @web.route(app, "/admin/users/<user_id:int>", methods=("POST",), roles=ADMIN)
    def users_update(page: web.Page, user_id: int) -> HTTPResponse:
        action = page.field("action")
        error = None
        with db.session(page.conf.database_url) as session:
            user = session.get(db.StaffUser, user_id)
            if user is None:
                raise NotFound("no such user")
            admins = session.execute(select(func.count()).select_from(db.StaffUser).where(
                db.StaffUser.role == "admin", db.StaffUser.active.is_(True))).scalar()
            last_admin = user.role == "admin" and user.active and admins <= 1
            try:
                if action in ("disable", "enable"):
                    if action == "disable" and (user.id == page.user_id or last_admin):
                        raise auth.UserError("You cannot disable your own account or the last admin.")
                    auth.set_active(session, user, action == "enable")
                    page.record(session, f"users.{action}", "user", user.username)
                elif action == "role":
                    role = page.field("role")
                    if role not in auth.ROLES:
                        raise auth.UserError("Choose a valid role.")
                    if last_admin and role != "admin":
                        raise auth.UserError("The last active admin must stay an admin.")
                    if role != user.role:
                        page.record(session, "users.role", "user", user.username, **{"from": user.role, "to": role})
                        user.role = role
                        auth.end_sessions(session, user.id)
                elif action == "password":
                    auth.set_password(session, user, page.field("password"))
                    page.record(session, "users.password", "user", user.username)
                else:
                    raise auth.UserError("Unknown action.")
            except auth.UserError as problem:
                error = str(problem)
                session.rollback()
            rows = list(session.execute(select(db.StaffUser).order_by(db.StaffUser.username)).scalars())
        if error:
            return page.render("users.html", status=400, title="Users", users=rows, roles=auth.ROLES,
                               labels=auth.ROLE_LABELS, error=error, form={})
        if user_id == page.user_id and action in ("role", "password"):
            return web.redirect("/login?reason=signed-out")
        return web.redirect("/admin/users?notice=user-updated")

    @web.route(app, "/admin/audit", roles=ADMIN)
    def audit_log(page: web.Page) -> HTTPResponse:
        query, filters = audit_query(page, page.args)
        try:
            before = int(page.arg("before", "0"))
        except ValueError:
            before = 0
        if not queries.MIN_DB_INT <= before <= queries.MAX_DB_INT:
            before = 0
        if before:
            query = query.where(LOG.id < before)
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(query.order_by(LOG.id.desc()).limit(AUDIT_PAGE + 1)).scalars())
            actions = list(session.execute(select(LOG.action).distinct().order_by(LOG.action)).scalars())
        more = len(rows) > AUDIT_PAGE
        rows = rows[:AUDIT_PAGE]
        page.audit("audit.view", "audit_log", None, filters=filters)
        return page.render("audit.html", title="Audit log", rows=rows, filters=filters, actions=actions,
                           older=rows[-1].id if more and rows else None)

    @web.route(app, "/admin/audit/export", methods=("POST",), roles=ADMIN)
    def audit_export(page: web.Page) -> HTTPResponse:
        query, filters = audit_query(page, page.form)
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(query.order_by(LOG.id).limit(AUDIT_EXPORT_MAX)).scalars())
            body = exports.audit_csv(rows, page.conf.timezone)
            page.record(session, "audit.export", "audit_log", None, filters=filters, rows=len(rows))
        return web.attachment(body, "audit-log.csv", "text/csv; charset=utf-8")

    @web.route(app, "/admin/settings", roles=ADMIN)
    def settings_page(page: web.Page) -> HTTPResponse:
        page.audit("settings.view", "settings")
        return page.render("settings.html", title="Settings", values=config.effective(page.conf),
                           overrides=config.overrides(page.conf.database_url), error=None)

    @web.route(app, "/admin/settings", methods=("POST",), roles=ADMIN, name="settings_save")
    def settings_save(page: web.Page) -> HTTPResponse:
        error = None
        values = {}
        try:
            retention = int(page.field("retention_days"))
            low = float(page.field("low_confidence"))
            if not 0 <= retention <= 3650:
                raise ValueError("retention")
            if not 0.0 <= low <= 1.0:
                raise ValueError("low")
            values = {"retention_days": str(retention), "low_confidence": f"{low:g}"}
        except ValueError:
            error = "Retention is 0 to 3650 days (0 keeps everything); the threshold is between 0 and 1."
        if error:
            return page.render("settings.html", status=400, title="Settings", values=config.effective(page.conf),
                               overrides=config.overrides(page.conf.database_url), error=error)
        with db.session(page.conf.database_url) as session:
            before = {}
            for name, value in values.items():
                row = session.get(db.ConsoleSetting, name)
                before[name] = row.value if row else None
                if row is None:
                    session.add(db.ConsoleSetting(key=name, value=value, updated_by=page.username))
                else:
                    row.value, row.updated_by = value, page.username
            page.record(session, "settings.update", "settings", None, before=before, after=values)
        return web.redirect("/admin/settings?notice=settings")
