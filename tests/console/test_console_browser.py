"""The console in a real browser (Debian's Chromium through Playwright): sign
in, search, open a transcript, tag, export, role limits, reveal and idle
logoff. Screenshots of every page go to tests/artifacts/ for a person to look at."""
from __future__ import annotations

import csv
import io
import re
import time

import pytest

from conftest import ARGS, CHROMIUM, PASSWORD, Session  # noqa: F401
from tests.console import data


@pytest.fixture(scope="module")
def browser():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_sign_in_search_open_tag_and_export(browser, console, artifacts):
    s = Session(browser, console.base, artifacts, "reviewer")
    s.goto("/conversations/1")
    assert "/login?next=" in s.page.url
    s.shot("login")
    s.login("reviewer", navigate=False)  # the form remembers where we were going
    assert s.page.url.endswith("/conversations/1")
    s.goto("/conversations")
    assert s.page.locator("table.list tbody tr").count() == 50
    s.shot("list")
    s.page.fill("#q", data.MARKER)
    s.page.check("input[name=low]")
    s.page.click("button:has-text('Search')")
    s.page.wait_for_load_state()
    assert "q=" + data.MARKER in s.page.url
    rows = s.page.locator("table.list tbody tr")
    assert rows.count() == 1
    s.shot("search")
    rows.first.locator("a.row-link").click()
    s.page.wait_for_load_state()
    assert re.search(r"/conversations/\d+$", s.page.url)
    chat = s.page.locator(".chat").inner_text()
    assert "beep twice" in chat and data.PATIENT_NAME not in chat and "[name]" in chat
    assert s.page.locator("text=Reveal names and numbers").count() == 0
    s.page.fill("#tag", "pump alarm")
    s.page.click("button:has-text('Add tag')")
    s.page.wait_for_load_state()
    assert s.page.locator(".tag-list .tag", has_text="pump alarm").count() == 1
    assert "Tag added." in s.page.locator(".notice").inner_text()
    s.shot("transcript")
    with s.page.expect_download() as info:
        s.page.click("button:has-text('Download transcript')")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows and data.PATIENT_NAME not in str(rows) and "pump alarm" in rows[0]["tags"]
    s.goto("/conversations?tag=pump+alarm")
    assert s.page.locator("table.list tbody tr").count() == 1
    s.check_clean()
    s.close()


def test_every_page_renders_cleanly_for_each_role(browser, console, artifacts):
    pages = {
        "reviewer": ["/inbox", "/appointments", "/appointments/1", "/dashboard", "/account", "/admin/users",
                     "/conversations/999999"],
        "clinician": ["/conversations?emergency=1", "/appointments"],
        "admin": ["/admin/users", "/admin/audit", "/admin/settings", "/dashboard"],
    }
    for role, paths in pages.items():
        s = Session(browser, console.base, artifacts, role)
        s.login(role)
        for path in paths:
            response = s.goto(path)
            name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
            s.shot(name)
            if path == "/admin/users" and role == "reviewer":
                assert response.status == 403 and "No access" in s.page.content()
            elif path == "/conversations/999999":
                assert response.status == 404
            else:
                assert response.status == 200, (role, path)
        nav = s.page.locator("header nav").inner_text()
        assert ("Audit log" in nav) == (role == "admin")
        # console errors for the deliberate 403/404 responses are the browser reporting the status
        s.errors = [e for e in s.errors if "status of 403" not in e and "status of 404" not in e]
        s.check_clean()
        s.close()


def test_clinician_reveals_a_request_and_changes_its_status(browser, console, artifacts):
    s = Session(browser, console.base, artifacts, "clinician")
    s.login("clinician")
    s.goto("/appointments")
    row = s.page.locator("tr", has_text="ITB-7Q2K")
    assert data.FORM_NAME not in row.inner_text()
    row.locator("a", has_text="ITB-7Q2K").click()
    s.page.wait_for_load_state()
    s.page.click("button:has-text('Reveal name and phone')")
    s.page.wait_for_load_state()
    assert data.FORM_NAME in s.page.locator(".facts").inner_text()
    s.page.select_option("#status", "closed")
    s.page.click("button:has-text('Save status')")
    s.page.wait_for_load_state()
    assert "→ closed" in s.page.locator("table").inner_text()
    s.shot("appointment-revealed")
    s.check_clean()
    s.close()


def test_idle_logoff_in_the_browser(browser, idle_console, artifacts):
    s = Session(browser, idle_console.base, artifacts, "idle")
    s.login("reviewer")
    s.goto("/conversations")
    s.page.wait_for_selector("#idle-warning:not([hidden])", timeout=5000)
    s.shot("warning")
    s.page.wait_for_url(re.compile(r"/login\?reason=idle"), timeout=10000)
    assert "not used for a while" in s.page.content()
    s.shot("signed-out")
    s.goto("/conversations")  # the session is gone on the server too
    assert "/login" in s.page.url
    s.close()


def test_activity_keeps_the_session(browser, idle_console):
    s = Session(browser, idle_console.base, None, "active")
    s.login("reviewer")
    s.goto("/dashboard")
    for _ in range(6):  # 6 x 0.8 s = longer than the 3 s limit, with a key press each time
        time.sleep(0.8)
        s.page.keyboard.press("Shift")
    assert s.page.url.endswith("/dashboard")
    assert s.goto("/conversations").status == 200 and "/login" not in s.page.url
    s.close()
