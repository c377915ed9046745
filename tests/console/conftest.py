"""Fixtures for the staff console: SQLite and PostgreSQL databases with Rasa
tracker data, staff users, the console running as `python -m console` runs
it, and an HTTP client that signs in like a browser."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest
import requests

from support.http import remember_cookies
from support.stack import free_port, stop_process_group
from tests.console import data

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "correct horse battery staple"
SECRET = "console-test-secret"
PG = "postgresql://postgres@127.0.0.1:5432"
USERS = {"admin": "admin", "reviewer": "reviewer", "clinician": "clinician", "clinician2": "clinician",
         "locked": "reviewer", "gone": "reviewer"}


def make_users(database_url: str) -> None:
    from console import auth
    from itb import db

    with db.session(database_url) as session:
        for name, role in USERS.items():
            auth.create_user(session, name, PASSWORD, role, created_by="tests")
        auth.find_user(session, "gone").active = False


def postgres_available() -> bool:
    try:
        import psycopg2

        psycopg2.connect(PG + "/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def fresh_pg_database(name: str) -> str:
    """Drop and create a PostgreSQL database; returns its URL."""
    import psycopg2

    connection = psycopg2.connect(PG + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{PG}/{name}"


def dispose(*urls: str) -> None:
    """Close pooled connections (so that a PostgreSQL database can be dropped)."""
    from console import tracker
    from itb import db

    for url in urls:
        for factory in (db.engine, tracker.engine):
            try:
                factory(url).dispose()
            except Exception:
                pass


@pytest.fixture(scope="session")
def sqlite_env(tmp_path_factory) -> Dict[str, object]:
    """The main SQLite databases: ~65 conversations, users, one appointment request."""
    workdir = tmp_path_factory.mktemp("console")
    env = {
        "database_url": f"sqlite:///{workdir / 'itb.db'}",
        "tracker_url": f"sqlite:///{workdir / 'tracker.db'}",
        "workdir": workdir,
    }
    env["facts"] = data.populate(env["database_url"], env["tracker_url"])
    make_users(env["database_url"])
    return env


@pytest.fixture(scope="session")
def pg_env() -> Iterator[Dict[str, object]]:
    if not postgres_available():
        pytest.skip("PostgreSQL is not running at 127.0.0.1:5432")
    env = {"database_url": fresh_pg_database("itb_console_test"),
           "tracker_url": fresh_pg_database("itb_console_tracker_test")}
    env["facts"] = data.populate(env["database_url"], env["tracker_url"])
    make_users(env["database_url"])
    yield env
    dispose(env["database_url"], env["tracker_url"])


class Server:
    def __init__(self, base: str, process: subprocess.Popen, log: Path, env: Dict[str, object]) -> None:
        self.base, self.process, self.log, self.env = base, process, log, env

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_console(env: Dict[str, object], workdir: Path, name: str, **extra: str) -> Server:
    port = free_port()
    child = dict(os.environ)
    child.update(
        DATABASE_URL=str(env["database_url"]), TRACKER_STORE_URL=str(env["tracker_url"]),
        CONSOLE_PORT=str(port), CONSOLE_HOST="127.0.0.1", CONSOLE_SECRET_KEY=SECRET,
        CONSOLE_SYNC_SECONDS="0.5", CONSOLE_TIMEZONE="America/Chicago", LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT), SQLALCHEMY_SILENCE_UBER_WARNING="1", **extra,
    )
    log = workdir / f"{name}.log"
    handle = open(log, "wb")
    process = subprocess.Popen([sys.executable, "-m", "console"], cwd=ROOT, env=child, stdout=handle,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://localhost:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"console exited: {log.read_text()}")
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return Server(base, process, log, env)
        except requests.RequestException:
            time.sleep(0.2)
    raise TimeoutError(log.read_text())


def stop(server: Server) -> None:
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGINT)
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def console(sqlite_env) -> Iterator[Server]:
    server = start_console(sqlite_env, sqlite_env["workdir"], "console")
    yield server
    stop(server)


@pytest.fixture(scope="session")
def idle_console(sqlite_env) -> Iterator[Server]:
    """The same data, with automatic logoff after 3 seconds."""
    server = start_console(sqlite_env, sqlite_env["workdir"], "idle", CONSOLE_IDLE_SECONDS="3")
    yield server
    stop(server)


@pytest.fixture(scope="session")
def pg_console(pg_env, tmp_path_factory) -> Iterator[Server]:
    server = start_console(pg_env, tmp_path_factory.mktemp("pgconsole"), "pg")
    yield server
    stop(server)


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LOGIN_TOKEN = re.compile(r'name="login_token" value="([^"]+)"')


class Client:
    """Signs in like a browser. Cookies are kept by hand: the session cookie is
    Secure, which `requests` would not send over http://localhost."""

    def __init__(self, server: Server) -> None:
        self.base = server.base
        self.cookies: Dict[str, str] = {}
        self.csrf: Optional[str] = None

    def _remember(self, response: requests.Response) -> None:
        remember_cookies(self.cookies, response)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, self.base + path, headers=headers, allow_redirects=False,
                                    timeout=30, **kwargs)
        self._remember(response)
        match = CSRF.search(response.text) if "text/html" in response.headers.get("content-type", "") else None
        if match:
            self.csrf = match.group(1)
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: Optional[dict] = None, csrf: bool = True, **kwargs) -> requests.Response:
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            if self.csrf is None:
                self.get("/account")
            data["csrf_token"] = self.csrf
        return self.request("POST", path, data=data, **kwargs)

    def login(self, username: str, password: str = PASSWORD) -> requests.Response:
        page = self.get("/login")
        token = LOGIN_TOKEN.search(page.text).group(1)
        response = self.post("/login", {"username": username, "password": password, "login_token": token,
                                         "next": "/conversations"}, csrf=False)
        if response.status_code == 303:
            self.get("/account")  # picks up this session's CSRF token
        return response


@pytest.fixture
def client_for(console):
    def make(role: str) -> Client:
        client = Client(console)
        response = client.login(role)
        assert response.status_code == 303, response.text
        return client

    return make


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def bot_stack(tmp_path_factory) -> Iterator[Dict[str, object]]:
    """The real assistant and the console, started by `python -m launcher` as `make run` starts them."""
    model = ROOT / "models" / "current.tar.gz"
    if not model.is_file():
        pytest.skip("models/current.tar.gz is missing: run `make train`")
    workdir = tmp_path_factory.mktemp("stack")
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(free_port()), ACTION_PORT=str(free_port()), CONSOLE_PORT=str(free_port()),
        TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}", DATABASE_URL=f"sqlite:///{workdir / 'itb.db'}",
        CONSOLE_SECRET_KEY=SECRET, CONSOLE_SYNC_SECONDS="0.5", RASA_API_TOKEN="", LOG_LEVEL="INFO",
    )
    env.pop("ACTION_ENDPOINT_URL", None)
    log = open(workdir / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "launcher"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    urls = {"rasa": f"http://127.0.0.1:{env['RASA_PORT']}", "console": f"http://localhost:{env['CONSOLE_PORT']}"}
    try:
        deadline = time.monotonic() + 240
        ready = set()
        while len(ready) < 2:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "serve.log").read_text()[-3000:])
            for name, path in (("rasa", "/"), ("console", "/healthz")):
                try:
                    if requests.get(urls[name] + path, timeout=2).status_code == 200:
                        ready.add(name)
                except requests.RequestException:
                    pass
            time.sleep(0.5)
        yield {**urls, "env": env, "workdir": workdir, "log": workdir / "serve.log",
               "database_url": env["DATABASE_URL"], "tracker_url": env["TRACKER_STORE_URL"]}
    finally:
        stop_process_group(process)
        log.close()


# The console in Debian's Chromium (test_console_browser.py, test_console_content.py).
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Session:
    """One browser context; records console errors and every address requested."""

    def __init__(self, browser, base, artifacts, prefix):
        self.context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.base, self.artifacts, self.prefix = base, artifacts, prefix
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def goto(self, path):
        response = self.page.goto(self.base + path)
        return response

    def shot(self, name):
        self.page.screenshot(path=str(self.artifacts / f"console-{self.prefix}-{name}.png"), full_page=True)

    def login(self, username, password=PASSWORD, navigate=True):
        if navigate:
            self.goto("/login")
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def check_clean(self):
        assert not self.errors, self.errors  # no CSP violations, no script errors
        assert all(url.startswith(self.base) or url.startswith("data:") for url in self.requests), \
            [u for u in self.requests if not u.startswith(self.base)]

    def close(self):
        self.context.close()


# axe-core and the keyboard, for the pages in Chromium

AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(session) -> list:
    """axe-core from widget/node_modules, served from the console's own origin (CSP 'self')."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make widget` (npm ci in widget/).")
    url = f"{session.base}/static/__tests__/axe.min.js"
    session.page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    session.page.add_script_tag(url=url)
    return session.page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
             return r.violations.map(v => ({id: v.id, impact: v.impact,
                                            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
           }""", AXE_TAGS)


def tab_to(page, selector, limit=120):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")
