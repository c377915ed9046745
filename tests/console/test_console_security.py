"""Access control over HTTP: login required everywhere, roles, CSRF, headers,
sessions, the login rate limit, the audit log, and no message text in logs."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select, text

from conftest import PASSWORD, SECRET, Client
from tests.console import data


def audit_rows(env, action=None, username=None):
    from itb import db

    with db.session(env["database_url"]) as session:
        query = select(db.AuditLog).order_by(db.AuditLog.id)
        if action:
            query = query.where(db.AuditLog.action == action)
        if username:
            query = query.where(db.AuditLog.username == username)
        return list(session.execute(query).scalars())


def all_routes():
    """Every (method, path) the console serves, with sample ids filled in."""
    from console import config
    from console.app import create_app

    conf = config.Config(database_url="sqlite://", tracker_url="sqlite://", host="127.0.0.1", port=0,
                         secret_key=b"x", idle_seconds=900, cookie_secure=True,
                         timezone=config.local_timezone("UTC"), low_confidence=0.5, retention_days=0,
                         sync_seconds=5)
    app = create_app(conf, name="route_listing")
    routes = []
    for route in app.router.routes:
        path = "/" + route.path
        if path.startswith("/static") or path in ("/healthz", "/readyz", "/login"):
            continue
        path = re.sub(r"<[^>]+>", "1", path)
        for method in sorted(route.methods):
            if method in ("GET", "POST"):
                routes.append((method, path))
    return sorted(set(routes))


ROUTES = all_routes()


def test_the_route_list_is_complete():
    paths = {path for _, path in ROUTES}
    for expected in ("/conversations", "/conversations/1", "/conversations/export", "/inbox", "/inbox/export",
                     "/appointments", "/appointments/1/status", "/dashboard", "/admin/users", "/admin/audit",
                     "/admin/audit/export", "/admin/settings", "/logout", "/account"):
        assert expected in paths
    assert len(ROUTES) >= 25


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_without_login_goes_to_login(console, method, path):
    client = Client(console)
    response = client.request(method, path, data={"csrf_token": "x"} if method == "POST" else None)
    assert response.status_code in (302, 303), (method, path, response.status_code)
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("path", ["/nope", "/conversations/999999", "/admin/../etc/passwd", "/.env",
                                  "/conversations/export.csv"])
def test_unknown_addresses_without_login_also_go_to_login(console, path):
    response = Client(console).get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_static_files_and_health_are_public_and_harmless(console):
    client = Client(console)
    assert client.get("/healthz").text == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready", "checks": {"database": "ok"}}
    css = client.get("/static/console.css")
    assert css.status_code == 200 and "font-family" in css.text
    assert "http" not in client.get("/static/console.js").text.replace("http-equiv", "")  # nothing remote


FORBIDDEN = {
    "reviewer": [("GET", "/admin/users"), ("GET", "/admin/audit"), ("GET", "/admin/settings"),
                 ("POST", "/admin/users"), ("POST", "/admin/audit/export"), ("POST", "/admin/settings"),
                 ("POST", "/conversations/1/reveal"), ("POST", "/appointments/1/reveal"),
                 ("POST", "/appointments/1/status")],
    "clinician": [("GET", "/admin/users"), ("GET", "/admin/audit"), ("GET", "/admin/settings"),
                  ("POST", "/admin/users/1")],
    "admin": [("POST", "/conversations/1/reveal"), ("POST", "/appointments/1/reveal")],
}


@pytest.mark.parametrize("role,method,path", [(role, m, p) for role, items in FORBIDDEN.items() for m, p in items])
def test_wrong_role_gets_403_and_is_audited(console, client_for, role, method, path):
    client = client_for(role)
    response = client.get(path) if method == "GET" else client.post(path, {"status": "closed"})
    assert response.status_code == 403
    assert "No access" in response.text
    denied = [row for row in audit_rows(console.env, "access.denied", role) if row.target_id == path]
    assert denied


def test_roles_see_what_they_may(console, client_for):
    admin = client_for("admin")
    for path in ("/admin/users", "/admin/audit", "/admin/settings", "/conversations", "/dashboard"):
        assert admin.get(path).status_code == 200, path
    reviewer = client_for("reviewer")
    page = reviewer.get("/conversations")
    assert page.status_code == 200 and "/admin/users" not in page.text


def test_post_without_or_with_a_wrong_csrf_token_is_refused(console, client_for):
    from itb import db

    client = client_for("reviewer")
    before = len(audit_rows(console.env, "csrf.rejected"))
    missing = client.post("/conversations/1/tags", {"tag": "csrf-missing"}, csrf=False)
    wrong = client.post("/conversations/1/tags", {"tag": "csrf-wrong", "csrf_token": "not-the-token"})
    other_site = client.post("/conversations/1/tags", {"tag": "csrf-origin"},
                             headers={"Origin": "https://evil.example"})
    for response in (missing, wrong, other_site):
        assert response.status_code == 403 and "security token" in response.text
    with db.session(console.env["database_url"]) as session:
        tags = set(session.execute(select(db.ConversationTag.tag)).scalars())
    assert not tags & {"csrf-missing", "csrf-wrong", "csrf-origin"}
    assert len(audit_rows(console.env, "csrf.rejected")) == before + 3
    # the same request with the session's token works
    assert client.post("/conversations/1/tags", {"tag": "csrf-ok"}).status_code == 303


def test_login_form_needs_its_own_token(console):
    client = Client(console)
    client.get("/login")
    response = client.post("/login", {"username": "admin", "password": PASSWORD, "login_token": "forged"},
                           csrf=False)
    assert response.status_code == 403
    assert not any(name.endswith("itb_console") for name in client.cookies)


def test_security_headers_and_cookie_flags(console):
    client = Client(console)
    login_page = client.get("/login")
    response = client.login("reviewer")
    cookie = [h for h in response.raw.headers.getlist("Set-Cookie") if h.startswith("__Host-itb_console=")][0]
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    assert "Domain" not in cookie
    page = client.get("/conversations")
    for response in (login_page, page):
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in headers["Cache-Control"]
    assert "no-store" in client.get("/conversations/nope").headers["Cache-Control"]
    # no inline script or style anywhere: the CSP would block it and we do not need it
    assert "<script>" not in page.text and " style=" not in page.text and "onclick" not in page.text


def test_wrong_password_and_disabled_user_cannot_sign_in(console):
    assert Client(console).login("reviewer", "wrong password 123").status_code == 401
    assert Client(console).login("gone").status_code == 401
    assert Client(console).login("nobody-at-all").status_code == 401
    failed = audit_rows(console.env, "login.failed")
    assert {"reviewer", "gone", "nobody-at-all"} <= {row.target_id for row in failed}


def test_login_is_rate_limited(console):
    client = Client(console)
    for _ in range(5):
        assert client.login("locked", "not the password 1").status_code == 401
    response = client.login("locked")  # even the right password is refused now
    assert response.status_code == 429 and "Too many" in response.text
    assert audit_rows(console.env, "login.locked")


def test_sessions_are_new_at_each_login_and_end_at_logout(console):
    first, second = Client(console), Client(console)
    first.login("clinician2")
    second.login("clinician2")
    assert first.cookies["__Host-itb_console"] != second.cookies["__Host-itb_console"]
    old = dict(first.cookies)
    assert first.post("/logout").headers["Location"] == "/login?reason=signed-out"
    replay = Client(console)
    replay.cookies = old
    assert replay.get("/conversations").headers["Location"].startswith("/login")
    assert second.get("/conversations").status_code == 200


def test_sessions_are_stored_hashed(console, client_for):
    from itb import db

    client = client_for("reviewer")
    token = client.cookies["__Host-itb_console"]
    with db.session(console.env["database_url"]) as session:
        ids = list(session.execute(select(db.StaffSession.id)).scalars())
        hashes = list(session.execute(select(db.StaffUser.password_hash)).scalars())
    assert token not in ids and len(ids[0]) == 64
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_idle_session_is_ended_by_the_server(idle_console):
    client = Client(idle_console)
    assert client.login("clinician").status_code == 303
    assert client.get("/conversations").status_code == 200
    time.sleep(3.5)
    response = client.get("/conversations")
    assert response.status_code == 302 and "reason=idle" in response.headers["Location"]
    assert audit_rows(idle_console.env, "logout.idle", "clinician")


def test_views_searches_and_changes_are_audited(console, client_for):
    client = client_for("reviewer")
    client.get("/conversations?q=pump&channel=web")
    client.get("/conversations/1")
    client.post("/conversations/1/notes", {"body": "called back, all fine"})
    rows = audit_rows(console.env, username="reviewer")
    actions = [row.action for row in rows]
    assert "conversations.search" in actions and "conversation.view" in actions and "conversation.note" in actions
    search = [row for row in rows if row.action == "conversations.search"][-1]
    assert '"q": "pump"' in search.detail and search.ip
    note = [row for row in rows if row.action == "conversation.note"][-1]
    assert "called back" not in (note.detail or "")  # never the note's text


def test_audit_log_is_append_only_in_the_database(sqlite_env):
    from sqlalchemy.exc import DatabaseError

    from itb import db

    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError):
            with db.session(sqlite_env["database_url"]) as session:
                session.execute(text(statement))


def test_audit_log_is_append_only_on_postgresql(pg_env):
    from sqlalchemy.exc import DatabaseError

    from console import audit
    from itb import db

    audit.write(pg_env["database_url"], None, "test.row")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
        with pytest.raises(DatabaseError):
            with db.session(pg_env["database_url"]) as session:
                session.execute(text(statement))


def test_admin_reads_and_exports_the_audit_log(console, client_for):
    admin = client_for("admin")
    page = admin.get("/admin/audit?action=login.failed")
    assert page.status_code == 200 and "login.failed" in page.text
    export = admin.post("/admin/audit/export", {"action": "login"})
    assert export.status_code == 200 and export.headers["Content-Type"].startswith("text/csv")
    assert export.text.splitlines()[0].startswith("id,time,user")
    assert audit_rows(console.env, "audit.export", "admin")


def test_logs_never_contain_message_text_or_search_words(console, client_for):
    client = client_for("clinician")
    client.get(f"/conversations?q={data.MARKER}")
    client.get("/inbox")
    client.post("/conversations/export", {"format": "csv", "q": data.MARKER, "reveal": "1"})
    time.sleep(0.3)
    log = console.log_text()
    assert "conversation_list 200" in log  # the log is written ...
    for secret in (data.MARKER, data.PATIENT_NAME, data.FORM_NAME, "unconscious", "0134", "0199", SECRET):
        assert secret not in log  # ... but without any of these
