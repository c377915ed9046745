"""console-out / console-in: the staff console logged out (junk paths, forms,
cookies, the login form with forged or missing tokens) and logged in as an
admin (junk query parameters, path segments and forms, forged CSRF)."""
from __future__ import annotations

import re
import uuid
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlencode

import requests
from hypothesis import strategies as st

from scripts.fuzz.checks import Http, Tally, Target
from scripts.fuzz.strategies import (
    CONTENT_TYPES, big_ints, long_text, odd_text, path_junk, pct_bytes, query_string, run, utf8_text,
)
from support.http import remember_cookies

CONSOLE_USER = "fuzz-admin"
CONSOLE_PASSWORD = "fuzzing-password-" + uuid.uuid4().hex[:12]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LOGIN_TOKEN = re.compile(r'name="login_token" value="([^"]+)"')
CONSOLE_GET = ["/", "/conversations", "/conversations/{id}", "/inbox", "/appointments", "/appointments/{id}",
               "/dashboard", "/account", "/admin/users", "/admin/audit", "/admin/settings", "/login", "/healthz",
               "/static/{junk}", "/{junk}", "/conversations/{junk}", "/appointments/{junk}/x"]
CONSOLE_POST = ["/login", "/logout", "/session/ping", "/account/password", "/conversations/{id}/reveal",
                "/conversations/{id}/tags", "/conversations/{id}/notes", "/conversations/{id}/review",
                "/conversations/{id}/export", "/conversations/export", "/inbox/{id}", "/inbox/export",
                "/appointments/{id}/status", "/appointments/{id}/reveal", "/appointments/export",
                "/admin/users", "/admin/users/{id}", "/admin/audit/export", "/admin/settings", "/{junk}"]
CONSOLE_PARAMS = ["q", "from", "to", "channel", "intent", "tag", "reviewed", "low", "fallback", "emergency",
                  "handoff", "appointment", "before", "after", "offset", "status", "notice", "next", "reason",
                  "action", "user", "format", "reveal", "decision", "text", "body", "remove", "role", "username",
                  "password", "again", "current", "new", "retention_days", "low_confidence", "back", "csrf_token",
                  "login_token", "event_id", "id"]
# The parameters each route reads (the rest of CONSOLE_PARAMS and junk names are tried too).
ROUTE_PARAMS = {
    "/conversations": ["q", "from", "to", "channel", "intent", "tag", "reviewed", "low", "fallback", "emergency",
                       "handoff", "appointment", "before", "after", "notice"],
    "/inbox": ["before", "notice"], "/appointments": ["status", "offset", "notice"], "/dashboard": ["from", "to"],
    "/admin/audit": ["action", "user", "from", "to", "before"], "/login": ["next", "reason"],
    "/account/password": ["current", "new", "again"], "/conversations/{id}/tags": ["tag", "remove"],
    "/conversations/{id}/notes": ["body"], "/conversations/{id}/review": ["action"],
    "/conversations/{id}/export": ["format", "reveal"],
    "/conversations/export": ["format", "reveal", "q", "from", "to", "channel", "intent", "tag", "reviewed", "low"],
    "/inbox/{id}": ["decision", "intent", "text"], "/appointments/{id}/status": ["status", "back"],
    "/appointments/export": ["status", "reveal"], "/admin/users": ["username", "role", "password", "again"],
    "/admin/users/{id}": ["action", "role", "password"], "/admin/audit/export": ["action", "user", "from", "to"],
    "/admin/settings": ["retention_days", "low_confidence"], "/logout": ["reason"],
}
EXTREMES = ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2024-02-30", "10000-01-01", "1970-01-01",
            "9999-12-31T23:59:59.999999_1", "0001-01-01T00:00:00_-1", "2024-01-01T00:00:00+14:00_9223372036854775808",
            "2024-01-01T00:00:00_99999999999999999999999", "0001-01-01T00:00:00-12:00_1", "_", "x_1",
            str(2**63), str(2**63 - 1), str(10**30), str(-(2**63) - 1), "1" * 5000]
dates = st.dates().map(lambda d: d.isoformat())
cursors = st.builds(lambda at, n: f"{at.isoformat()}_{n}", st.datetimes(timezones=st.one_of(
    st.none(), st.timezones())), big_ints)
param_values = st.one_of(utf8_text, dates, cursors, big_ints.map(str), pct_bytes, st.sampled_from(EXTREMES),
                         st.sampled_from(EXTREMES), st.sampled_from(
    ["", "1", "0", "-1", "yes", "on", "web", "sms", "new", "closed", "json", "csv", "label", "skip",
     "out_of_scope", "greet", "admin", "reviewer", "disable", "enable", "role", "password", "unmark",
     "nan", "inf", "-inf", "1e309", "0.5", "//evil.example", "/conversations", "\\\\evil", "%0d%0aX: y"]))


def route_pairs(template: str) -> st.SearchStrategy[List[Tuple[str, str]]]:
    own = ROUTE_PARAMS.get(template) or CONSOLE_PARAMS
    name = st.one_of(st.sampled_from(own), st.sampled_from(own), st.sampled_from(CONSOLE_PARAMS), utf8_text)
    return st.lists(st.tuples(name, param_values), max_size=6)


class ConsoleClient:
    """Signs in like a browser; keeps cookies by hand (the session cookie is Secure)."""

    def __init__(self, base: str, http: Http) -> None:
        self.base, self.http = base, http
        self.cookies: Dict[str, str] = {}
        self.csrf: Optional[str] = None
        self.login_status: Optional[int] = None

    def remember(self, response: requests.Response) -> None:
        remember_cookies(self.cookies, response)

    def send(self, case: str, method: str, path: str, route: str, extra_cookies: str = "",
             **kwargs: Any) -> Optional[requests.Response]:
        headers = dict(kwargs.pop("headers", {}) or {})
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if extra_cookies:
            cookie = "; ".join(filter(None, [cookie, extra_cookies]))
        if cookie:
            headers["Cookie"] = cookie
        response = self.http.send(case, method, self.base + path, route, headers=headers, **kwargs)
        if response is not None:
            self.remember(response)
            if "text/html" in response.headers.get("content-type", ""):
                match = CSRF.search(response.text)
                if match:
                    self.csrf = match.group(1)
        return response

    def login(self, username: str, password: str) -> bool:
        page = self.send("login", "GET", "/login", "/login")
        match = LOGIN_TOKEN.search(page.text) if page is not None else None
        if match is None:
            return False
        answer = self.send("login", "POST", "/login", "/login", data={
            "username": username, "password": password, "login_token": match.group(1), "next": "/conversations"})
        self.login_status = answer.status_code if answer is not None else None
        if answer is None or answer.status_code != 303:
            return False
        self.send("login", "GET", "/account", "/account")
        return self.csrf is not None


def console_account(target: Target) -> Optional[Tuple[str, str]]:
    """The admin account to log in with: given, or created in the console's database."""
    if target.console_user and target.console_password:
        return target.console_user, target.console_password
    if not target.database_url:
        return None
    from console import auth
    from itb import db

    with db.session(target.database_url) as session:
        user = auth.find_user(session, CONSOLE_USER)
        if user is None:
            auth.create_user(session, CONSOLE_USER, CONSOLE_PASSWORD, "admin", created_by="fuzz")
        else:
            auth.set_password(session, user, CONSOLE_PASSWORD)
            auth.set_active(session, user, True)
            user.role = "admin"
        if auth.find_user(session, CONSOLE_USER + "-2") is None:
            auth.create_user(session, CONSOLE_USER + "-2", CONSOLE_PASSWORD, "reviewer", created_by="fuzz")
    return CONSOLE_USER, CONSOLE_PASSWORD


def fill(template: str, ident: str, junk: str) -> Tuple[str, str]:
    """A concrete path, and the route it stands for."""
    return template.replace("{id}", ident).replace("{junk}", junk), template


def console_requests(ids: st.SearchStrategy[str]) -> st.SearchStrategy:
    def get(method: str, template: str) -> st.SearchStrategy:
        query = st.one_of(route_pairs(template).map(urlencode), query_string(CONSOLE_PARAMS))
        return st.tuples(st.just(method), st.just(template), ids, path_junk, query, st.just(("none", b"")),
                         st.just(None))

    def post(method: str, template: str) -> st.SearchStrategy:
        body = st.one_of(route_pairs(template).map(lambda pairs: ("form", urlencode(pairs).encode())),
                         route_pairs(template).map(lambda pairs: ("form", urlencode(pairs).encode())),
                         st.binary(max_size=200).map(lambda raw: ("raw", raw)))
        return st.tuples(st.just(method), st.just(template), ids, path_junk, st.just(""), body,
                         st.one_of(st.none(), st.none(), CONTENT_TYPES))

    odd = st.sampled_from(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
    return st.one_of(
        st.sampled_from(CONSOLE_GET).flatmap(lambda t: get("GET", t)),
        st.sampled_from(CONSOLE_GET).flatmap(lambda t: get("GET", t)),
        st.sampled_from(CONSOLE_POST).flatmap(lambda t: post("POST", t)),
        st.sampled_from(CONSOLE_POST).flatmap(lambda t: post("POST", t)),
        st.tuples(odd, st.sampled_from(CONSOLE_GET + CONSOLE_POST)).flatmap(lambda v: post(*v)),
    )


def fuzz_console(target: Target, tally: Tally, examples: int, seed: int, logged_in: bool) -> None:
    group = "console-in" if logged_in else "console-out"
    http = Http(tally, group, target)
    if not target.wait_for_console():
        tally.notes.append(f"{group}: skipped (no console answering)")
        return
    assert target.console is not None
    client = ConsoleClient(target.console, http)
    account = console_account(target) if logged_in else None
    if logged_in:
        if account is None:
            tally.notes.append(f"{group}: skipped (give --database-url, or --console-user and --console-password)")
            return
        if not client.login(*account):
            if client.login_status == 429:  # sign-ins from this address are locked for 15 minutes
                tally.notes.append(f"{group}: skipped (the console's sign-in rate limit answered 429)")
            else:
                tally.add(group, "login", "POST /login", "login-failed", True)
            return
    ids = st.one_of(st.integers(min_value=0, max_value=40).map(str), big_ints.map(str), path_junk)
    csrf_modes = st.sampled_from(["valid", "valid", "valid", "missing", "forged", "header", "foreign-origin"])
    junk_cookies = st.one_of(st.just(""), st.builds(
        lambda name, value: f"{name}={value}",
        st.sampled_from(["itb_console", "__Host-itb_console", "itb_console_login", "__Host-itb_console_login", "x"]),
        st.one_of(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e, exclude_characters=";,\\\""),
                          max_size=60), st.just("a" * 5000))))

    gave_up: List[str] = []

    def signed_in_again() -> bool:
        """After a fuzzed request ended the session (logout, a new password or role for
        oneself): reset the account (when the database is known) and sign in again."""
        nonlocal account
        account = console_account(target) or account
        return account is not None and client.login(*account)

    def act(value: Tuple[Tuple[Any, ...], str, str]) -> None:
        if gave_up:
            return
        (method, template, ident, junk, query, (kind, body), content_type), csrf_mode, cookies = value
        path, route = fill(template, ident, junk)
        if not path.startswith("/"):
            path = "/" + path
        headers: Dict[str, str] = {}
        if kind == "form":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if method == "POST" and logged_in and client.csrf:
                token = {"valid": client.csrf, "forged": "0" * len(client.csrf), "missing": None,
                         "header": None, "foreign-origin": client.csrf}[csrf_mode]
                if token is not None:
                    body += ("&" if body else "").encode() + urlencode({"csrf_token": token}).encode()
                if csrf_mode == "header":
                    headers["X-CSRF-Token"] = client.csrf
                if csrf_mode == "foreign-origin":
                    headers["Origin"] = "http://evil.example"
        if content_type is not None:
            headers["Content-Type"] = content_type
        client.send("requests", method, path + (f"?{query}" if query else ""), route,
                    extra_cookies="" if logged_in else cookies, data=body or None, headers=headers)
        if logged_in and not {"itb_console", "__Host-itb_console"} & set(client.cookies):
            if not signed_in_again():
                gave_up.append(f"{group}: stopped early (could not sign in again, HTTP {client.login_status})")
                tally.notes.append(gave_up[0])

    run(examples * 3, seed, st.tuples(console_requests(ids), csrf_modes, junk_cookies), act)

    if logged_in:
        # Every conversation the fuzzing created, as the console shows it (odd text, masking).
        for number in range(1, 200):
            answer = client.send("transcripts", "GET", f"/conversations/{number}", "/conversations/<id>")
            if answer is not None and answer.status_code == 404:
                break
        for page in ("/conversations", "/inbox", "/dashboard", "/admin/audit"):
            client.send("pages", "GET", page, page)
    else:
        def login_junk(value: Tuple[str, str, str, str, str]) -> None:
            username, password, next_url, token_mode, origin = value
            fresh = ConsoleClient(target.console or "", http)
            page = fresh.send("login-form", "GET", "/login", "/login")
            match = LOGIN_TOKEN.search(page.text) if page is not None else None
            token = match.group(1) if match else ""
            supplied = {"valid": token, "missing": None, "forged": token[::-1] or "x", "no-cookie": token}[token_mode]
            if token_mode == "no-cookie":
                fresh.cookies.clear()
            form = {"username": username, "password": password, "next": next_url}
            if supplied is not None:
                form["login_token"] = supplied
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if origin:
                headers["Origin"] = origin
            fresh.send("login-junk", "POST", "/login", "/login", headers=headers,
                       data=urlencode(form, encoding="utf-8", errors="surrogatepass").encode())

        run(examples, seed + 1, st.tuples(
            st.one_of(odd_text, st.sampled_from([CONSOLE_USER, "admin", "", " " * 100, "a" * 5000])),
            st.one_of(odd_text, long_text(1000)), st.one_of(param_values, st.just("/admin/users")),
            st.sampled_from(["valid", "missing", "forged", "no-cookie", "missing", "forged"]),
            st.sampled_from(["", "", "null", "http://evil.example", "\x7f"])), login_junk)
