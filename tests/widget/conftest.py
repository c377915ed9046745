"""Fixtures for the chat widget: Debian's Chromium driven by Playwright, and a page object.

The browser is /usr/bin/chromium (`make browser` installs it); Playwright never
downloads one. axe-core comes from widget/node_modules (`make widget` or
`make test` installs it) and is served to the page by the test itself.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional
from urllib.parse import urlsplit

import pytest
import requests

from support.stack import free_port, stop_process_group

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PATH = "/webhooks/webchat/demo"
ANSWER_TIMEOUT_MS = 30_000


def clinic_title() -> str:
    from itb import settings

    name = settings.clinic().name
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=None)
def words(lang: str = "en") -> Dict[str, str]:
    """The widget's texts in a language ("en", "es"), as channels/webchat.py serves them."""
    from channels.webchat import widget_content

    return widget_content()["i18n"][lang]["texts"]


@pytest.fixture(scope="session")
def title() -> str:
    """The widget's title on the demo page: the clinic's name."""
    return clinic_title()


# ------------------------------------------------------------------ browser
@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `make browser`.")
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def demo_url(servers) -> str:
    return f"{servers['rasa']}{DEMO_PATH}"


# Runs in every page before its own scripts: records CSP violations.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


class Chat:
    """The widget as a user meets it: by role, label and visible text, in the
    language it speaks (`lang`: "en", or "es" once it speaks Spanish)."""

    def __init__(self, page, origin: str, lang: str = "en") -> None:
        self.page = page
        self.origin = origin
        self.lang = lang
        self.requests: List[str] = []
        self.errors: List[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )

    # Parts of the widget (Playwright's locators see into its open shadow root).
    @property
    def words(self) -> Dict[str, str]:
        return words(self.lang)

    @property
    def launcher(self):
        names = "|".join(re.escape(self.words[key]) for key in ("launcher", "hide"))
        return self.page.get_by_role("button", name=re.compile(f"^({names})$"))

    @property
    def dialog(self):
        return self.page.get_by_role("dialog", name=clinic_title())

    @property
    def log(self):
        return self.page.get_by_role("log", name=self.words["log"])

    @property
    def input(self):
        return self.page.get_by_role("textbox", name=self.words["input_label"])

    @property
    def status(self):
        return self.dialog.locator(".conn")

    def button(self, name: str):
        return self.dialog.get_by_role("button", name=name, exact=True)

    def bubbles(self, who: str) -> List[str]:
        """Visible texts of the user's ("user") or the assistant's ("bot") messages."""
        return self.log.locator(f".msg.{who} .bubble").evaluate_all(
            """(bubbles) => bubbles.filter((b) => b.offsetParent !== null).map((b) => {
                 const copy = b.cloneNode(true);  // without the screen-reader-only labels
                 copy.querySelectorAll('.sr').forEach((el) => el.remove());
                 return copy.textContent.trim();
               })"""
        )

    def open(self) -> None:
        self.launcher.click()
        self.settle()

    def settle(self) -> None:
        """Until the chat is open and its opening animation is over."""
        self.dialog.wait_for(state="visible")
        self.page.wait_for_function(
            """() => document.getElementById('itb-webchat').shadowRoot
                       .querySelector('.panel').getAnimations().length === 0"""
        )

    def ask(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def wait_for_text(self, text: str, timeout: int = ANSWER_TIMEOUT_MS) -> None:
        from playwright.sync_api import expect

        expect(self.log).to_contain_text(text, timeout=timeout)

    def wait_idle(self) -> None:
        """Until nothing is being sent and the typing indicator is gone."""
        self.page.wait_for_function(
            """() => {
              const root = document.getElementById('itb-webchat').shadowRoot;
              return root.querySelector('.typing').hidden && !root.querySelector('.meta');
            }""",
            timeout=ANSWER_TIMEOUT_MS,
        )

    def focused(self) -> Dict[str, str]:
        """The element with keyboard focus, looking into the widget's shadow root."""
        return self.page.evaluate(
            """() => {
              let el = document.activeElement;
              while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
              if (!el) return {};
              const style = getComputedStyle(el);
              return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim(),
                      label: el.getAttribute('aria-label') || '', cls: el.className || '',
                      outline: style.outlineStyle + ' ' + style.outlineWidth};
            }"""
        )

    def storage(self) -> Dict[str, object]:
        return self.page.evaluate(
            """() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),
                       cookie: document.cookie,
                       state: JSON.parse(sessionStorage.getItem('itb-webchat') || 'null')})"""
        )

    def csp_violations(self) -> List[str]:
        return self.page.evaluate("() => window.__csp || []")

    def third_party_requests(self) -> List[str]:
        return [
            url for url in self.requests
            if not (url.startswith(self.origin + "/") or url.startswith("data:"))
        ]

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))


@pytest.fixture
def open_chat(browser) -> Iterator[Callable[..., Chat]]:
    """open_chat(url, lang="en", html=None, **context_options) -> a Chat on that page, in a
    fresh browser context. With `html`, the browser gets that page at `url` (with the demo
    page's Content-Security-Policy) instead of asking the server."""
    contexts = []

    def make(url: str, lang: str = "en", html: Optional[str] = None, **options) -> Chat:
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.add_init_script(WATCH_CSP)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if html is not None:
            from channels.webchat import DEMO_CSP

            context.route(url, lambda route: route.fulfill(
                body=html, content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": DEMO_CSP},
            ))
            # Chromium takes a page the test serves for one from the internet, which may
            # not reach 127.0.0.1 (Local Network Access) unless allowed: as the page is.
            parts = urlsplit(url)
            context.grant_permissions(["local-network-access"], origin=f"{parts.scheme}://{parts.netloc}")
        page = context.new_page()
        parts = urlsplit(url)
        chat = Chat(page, f"{parts.scheme}://{parts.netloc}", lang)
        page.goto(url)
        chat.launcher.wait_for()
        return chat

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def new_chat(open_chat, demo_url) -> Callable[..., Chat]:
    """new_chat(**context_options) -> a Chat on the demo page of the shared assistant."""
    return lambda **options: open_chat(demo_url, **options)


# --------------------------------------------------- a second assistant
class Assistant:
    """Another instance of the assistant (`python -m launcher`), to stop and start at will."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.env = dict(os.environ)
        self.env.update(
            RASA_PORT=str(free_port()),
            ACTION_PORT=str(free_port()),
            CONSOLE_PORT=str(free_port()),
            TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}",
            RASA_API_TOKEN="",
            LOG_LEVEL="INFO",
        )
        self.env.pop("ACTION_ENDPOINT_URL", None)
        self.url = f"http://127.0.0.1:{self.env['RASA_PORT']}"
        self.tracker_db = workdir / "tracker.db"
        self.process: Optional[subprocess.Popen] = None
        self.starts = 0

    def start(self, timeout: float = 240) -> None:
        self.starts += 1
        log = open(self.workdir / f"serve-{self.starts}.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "launcher"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the assistant exited early ({self.process.returncode})")
            try:
                if requests.get(f"{self.url}/webhooks/webchat/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise TimeoutError("the assistant did not start")

    def stop(self) -> None:
        if self.process is not None:
            stop_process_group(self.process)
        self.process = None


@pytest.fixture
def assistant(tmp_path) -> Iterator[Assistant]:
    instance = Assistant(tmp_path)
    try:
        yield instance
    finally:
        instance.stop()
