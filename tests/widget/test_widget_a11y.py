"""WCAG 2.1 AA for the widget: axe-core, keyboard only, focus, phone size, 200% zoom, motion."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "widget" / "node_modules" / "axe-core" / "axe.min.js"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def run_axe(chat) -> list:
    """axe-core from widget/node_modules, served to the page from its own origin (CSP 'self')."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make widget` (npm ci in widget/).")
    url = f"{chat.origin}/__tests__/axe.min.js"
    chat.page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    chat.page.add_script_tag(url=url)
    result = chat.page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
           }""",
        AXE_TAGS,
    )
    return result


def inside(box, viewport) -> bool:
    return (
        box is not None and box["x"] >= 0 and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"] + 0.5
        and box["y"] + box["height"] <= viewport["height"] + 0.5
    )


NO_SIDEWAYS_SCROLL = """() => {
  const root = document.getElementById('itb-webchat').shadowRoot;
  const wide = (el) => el.scrollWidth > el.clientWidth + 1;
  return {page: document.documentElement.scrollWidth > window.innerWidth,
          panel: wide(root.querySelector('.panel')), log: wide(root.querySelector('.log'))};
}"""


def test_axe_finds_no_violations_on_the_open_widget(new_chat):
    chat = new_chat()
    chat.open()
    chat.ask("what is a baclofen pump")
    chat.wait_for_text("spinal cord")
    chat.wait_idle()
    violations = run_axe(chat)
    print(f"axe-core {AXE_TAGS}: {len(violations)} violations")
    assert violations == [], json.dumps(violations, indent=2)
    assert chat.csp_violations() == []


def test_keyboard_only_conversation(new_chat):
    chat = new_chat()
    page = chat.page
    # Tab through the clinic's page to the launcher.
    for _ in range(40):
        page.keyboard.press("Tab")
        if chat.focused().get("cls") == "launcher":
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    assert chat.focused()["outline"].startswith("solid"), "no visible focus on the launcher"
    page.keyboard.press("Enter")
    expect(chat.dialog).to_be_visible()
    expect(chat.input).to_be_focused()

    page.keyboard.type("what is spasticity")
    page.keyboard.press("Enter")
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()

    # Back to a suggested reply, and take it with Enter.
    for _ in range(15):
        page.keyboard.press("Shift+Tab")
        if chat.focused().get("text") == "What causes it?":
            break
    else:
        pytest.fail("Shift+Tab never reached the suggested reply")
    assert chat.focused()["outline"].startswith("solid"), "no visible focus on the reply button"
    page.keyboard.press("Enter")
    chat.wait_for_text("nerve signals")
    chat.wait_idle()
    expect(chat.input).to_be_focused()

    # "Talk to a person" from the keyboard.
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if chat.focused().get("text") == "Talk to a person":
            break
    else:
        pytest.fail("Shift+Tab never reached Talk to a person")
    page.keyboard.press("Space")
    chat.wait_for_text("To talk with a person")
    chat.wait_idle()
    assert chat.bubbles("user") == ["what is spasticity", "What causes it?", "Talk to a person"]

    page.keyboard.press("Escape")
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()
    assert chat.bubbles("user")[-1] == "Talk to a person"


def test_phone_screen_360_px(new_chat, artifacts):
    viewport = {"width": 360, "height": 740}
    chat = new_chat(viewport=viewport, device_scale_factor=2, is_mobile=True, has_touch=True)
    assert inside(chat.launcher.bounding_box(), viewport)
    chat.screenshot(artifacts / "widget-phone-closed.png")
    chat.launcher.tap()
    chat.settle()
    expect(chat.input).to_be_focused()
    # Full screen, over the page.
    box = chat.dialog.bounding_box()
    assert [round(box[k]) for k in ("x", "y", "width", "height")] == [0, 0, 360, 740]
    expect(chat.launcher).to_be_hidden()
    expect(chat.dialog).to_have_attribute("aria-modal", "true")  # the page is covered
    chat.screenshot(artifacts / "widget-phone-greeting.png")
    chat.dialog.get_by_role("button", name="The trial").tap()
    chat.wait_for_text("test dose")
    chat.wait_idle()
    chat.ask("how long does it take")
    chat.wait_for_text("trial visit varies")
    chat.wait_idle()
    for control in (chat.input, chat.button("Send"), chat.button("Talk to a person"),
                    chat.button("Start over"), chat.button("Close chat")):
        assert inside(control.bounding_box(), viewport)
    assert chat.page.evaluate(NO_SIDEWAYS_SCROLL) == {"page": False, "panel": False, "log": False}
    chat.screenshot(artifacts / "widget-phone.png")
    assert run_axe(chat) == []
    chat.button("Close chat").tap()
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()


def test_200_percent_zoom(new_chat, artifacts):
    # A 1280 x 800 window at 200% zoom lays out in 640 x 400 CSS pixels.
    viewport = {"width": 640, "height": 400}
    chat = new_chat(viewport=viewport, device_scale_factor=2)
    chat.open()
    assert inside(chat.dialog.bounding_box(), viewport)
    chat.ask("what is a baclofen pump")
    chat.wait_for_text("spinal cord")
    chat.wait_idle()
    for control in (chat.input, chat.button("Send"), chat.button("Talk to a person"),
                    chat.button("Start over"), chat.button("Close chat")):
        assert inside(control.bounding_box(), viewport)
        expect(control).to_be_visible()
    assert chat.page.evaluate(NO_SIDEWAYS_SCROLL) == {"page": False, "panel": False, "log": False}
    # The answer's first line is in view (the rest is a scroll away).
    log, answer = chat.log.bounding_box(), chat.log.locator(".msg.bot").nth(1).bounding_box()
    assert log["y"] <= answer["y"] < log["y"] + log["height"] - 40
    chat.screenshot(artifacts / "widget-zoom-200.png")
    chat.page.keyboard.press("Escape")
    expect(chat.launcher).to_be_focused()


ANIMATIONS = """() => {
  const root = document.getElementById('itb-webchat').shadowRoot;
  return [getComputedStyle(root.querySelector('.panel')).animationName,
          getComputedStyle(root.querySelector('.typing span')).animationName];
}"""


def test_reduced_motion_is_respected(new_chat):
    moving = new_chat()
    moving.open()
    assert moving.page.evaluate(ANIMATIONS) == ["itb-in", "itb-dot"]
    still = new_chat(reduced_motion="reduce")
    still.open()
    assert still.page.evaluate(ANIMATIONS) == ["none", "none"]
