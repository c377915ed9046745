"""The widget in English and Spanish: the page's language, the language switch,
the assistant's replies in the other language, and WCAG in both languages."""
from __future__ import annotations

import json
import re
import sqlite3
import time
from functools import lru_cache
from typing import Any, Dict, List

import pytest
from playwright.sync_api import expect

from tests.widget.test_widget_a11y import run_axe
from tests.widget.test_widget_channel import Client

SPANISH_PAGE_PATH = "/__tests__/clinica.html"
# A clinic's page in Spanish, with the widget as the README embeds it.
SPANISH_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bomba de baclofeno intratecal | Clínica</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>Bomba de baclofeno intratecal</h1>
<p>La bomba lleva el medicamento directamente al líquido que rodea la médula espinal.</p>
<p><a href="#contacto">Pida una cita</a></p>
</main>
<footer id="contacto"><p>Llame a la clínica.</p></footer>
<script src="/webhooks/webchat/widget.js" defer{attributes}></script>
</body>
</html>
"""
SET_SPANISH = "Muy bien, le voy a contestar en español"
SET_ENGLISH = "Okay, I will answer in English"

# The widget's root element and every bubble, with their `lang`.
LANGS = """() => {
  const host = document.getElementById('itb-webchat');
  const root = host.shadowRoot;
  return {host: host.lang, wrap: root.querySelector('.wrap').lang,
          bubbles: [...root.querySelectorAll('.msg')].map((m) => {
            const b = m.querySelector('.bubble');
            const copy = b.cloneNode(true);
            copy.querySelectorAll('.sr').forEach((el) => el.remove());
            return {who: m.classList.contains('user') ? 'user' : 'bot', lang: b.lang,
                    text: copy.textContent.trim()};
          })};
}"""


@lru_cache(maxsize=None)
def content() -> Dict[str, Any]:
    from channels.webchat import widget_content

    return widget_content()


def words(lang: str) -> Dict[str, str]:
    return content()["i18n"][lang]["texts"]


def spanish_page(servers, page_lang: str = "es", **data: str) -> Dict[str, str]:
    """A page in `page_lang` (its <html lang>) with the widget, its `data-` settings `data`."""
    attributes = "".join(f' data-{key}="{value}"' for key, value in data.items())
    return {"url": f"{servers['rasa']}{SPANISH_PAGE_PATH}",
            "html": SPANISH_PAGE.format(lang=page_lang, attributes=attributes)}


def user_events(db, session_id: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id",
            (session_id,),
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


def langs(chat) -> Dict[str, Any]:
    return chat.page.evaluate(LANGS)


def last_turn(chat) -> List[Dict[str, str]]:
    """The user's latest message and the replies to it, with their `lang`."""
    bubbles = langs(chat)["bubbles"]
    start = max(i for i, b in enumerate(bubbles) if b["who"] == "user")
    return bubbles[start:]


def sent(event: Dict[str, Any]) -> Dict[str, Any]:
    """What the widget sent as a message's metadata (Rasa adds its own keys)."""
    return {k: v for k, v in (event.get("metadata") or {}).items() if k in ("display", "language")}


def switch(chat):
    """The language switch in the chat's header."""
    return chat.dialog.locator("header").get_by_role("button", name=re.compile("^(English|Español)$"))


def expect_labels(chat, lang: str) -> None:
    """Every label, button and text of the widget's own in `lang`."""
    w = words(lang)
    expect(chat.dialog.get_by_text(w["subtitle"], exact=True)).to_be_visible()
    expect(chat.button(w["close"])).to_be_visible()
    expect(chat.button(w["talk_to_person"])).to_be_visible()
    expect(chat.button(w["start_over"])).to_be_visible()
    expect(chat.button(w["send"])).to_be_visible()
    expect(chat.input).to_have_attribute("placeholder", w["input_placeholder"])
    expect(chat.log).to_be_visible()
    expect(chat.page.get_by_role("complementary", name=w["region"])).to_have_count(1)
    expect(chat.launcher).to_have_text(w["hide"])
    other = "en" if lang == "es" else "es"
    name = content()["i18n"][other]["name"]
    expect(switch(chat)).to_have_text(name)
    expect(switch(chat).locator("span")).to_have_attribute("lang", other)
    state = langs(chat)
    assert (state["host"], state["wrap"]) == (lang, lang)
    greeting = state["bubbles"][0]
    assert greeting["lang"] == lang and w["greeting"] in greeting["text"], greeting


# ------------------------------------------------------------ the server
def test_the_widget_is_served_with_its_words_in_both_languages(servers):
    served = content()
    assert set(served["i18n"]) == {"en", "es"}
    english, spanish = served["i18n"]["en"], served["i18n"]["es"]
    assert (served["texts"], served["suggestions"]) == (english["texts"], english["suggestions"])
    assert (english["name"], spanish["name"]) == ("English", "Español")
    assert spanish["texts"].keys() == english["texts"].keys()
    assert all(spanish["texts"].values()) and "{" not in "".join(spanish["texts"].values())
    assert [q["payload"] for q in spanish["suggestions"]] == [q["payload"] for q in english["suggestions"]]


def test_the_spanish_words_are_spanish():
    """domain.yml has a Spanish variation of every text the widget shows (not the English fallback)."""
    english, spanish = words("en"), words("es")
    same = sorted(key for key in english if key not in ("title",) and spanish[key] == english[key]
                  and english[key] not in ("No",))
    assert same == [], f"utter_widget_* without a Spanish variation in domain.yml: {same}"
    assert "911" in spanish["disclosure"]
    english_replies = [q["title"] for q in content()["i18n"]["en"]["suggestions"]]
    assert [q["title"] for q in content()["i18n"]["es"]["suggestions"]] != english_replies


def test_messages_carry_their_language_and_the_widgets_is_passed_on(servers, client):
    chat = client()
    session = chat.session()
    # The widget's language goes on to the NLU as metadata.language (a supported one only).
    hints = {"es-MX": "es", "EN": "en", "fr": None, 5: None, "": None}
    for hint in hints:
        assert chat.say("/thanks", session, metadata={"language": hint})["ok"]
    assert chat.say("/request_human", session,
                    metadata={"display": "Hablar con una persona", "language": "es"})["ok"]
    events = user_events(servers["tracker_db"], session)
    assert [(e.get("metadata") or {}).get("language") for e in events] == [*hints.values(), "es"]
    assert events[-1]["metadata"]["display"] == "Hablar con una persona"

    # Each reply says its language; the Spanish confirmation is Spanish.
    before = len(chat.bot)
    assert chat.say('/set_language{"language":"es"}', session, metadata={"display": "Español"})["ok"]
    time.sleep(0.3)
    spanish = chat.bot[before:]
    assert spanish and SET_SPANISH in spanish[0]["text"], spanish
    assert {part["lang"] for part in spanish} == {"es"}
    before = len(chat.bot)
    assert chat.say('/set_language{"language":"en"}', session, metadata={"display": "English"})["ok"]
    time.sleep(0.3)
    english = chat.bot[before:]
    assert english and SET_ENGLISH in english[0]["text"], english
    assert {part["lang"] for part in english} == {"en"}
    assert all(part.get("lang") in ("en", "es") for part in chat.bot)

    # The history says the same, and the user's messages the widget's language.
    again = client()
    again.session(session)
    history = again.history[-1]["messages"]
    bot = [m for m in history if m["sender"] == "bot"]
    assert [(m["id"], m["lang"]) for m in bot] == [(m["id"], m["lang"]) for m in chat.bot]
    user = [m for m in history if m["sender"] == "user"]
    assert [m.get("lang") for m in user[:6]] == [*hints.values(), "es"]


@pytest.fixture
def client(servers):
    clients = []

    def make() -> Client:
        clients.append(Client(str(servers["rasa"])))
        return clients[-1]

    yield make
    for c in clients:
        c.close()


# ------------------------------------------------------------ the widget
def test_a_spanish_page_starts_in_spanish(open_chat, servers, artifacts):
    page = spanish_page(servers)
    chat = open_chat(page["url"], lang="es", html=page["html"])
    expect(chat.launcher).to_have_text(words("es")["launcher"])
    assert langs(chat)["host"] == "es"
    chat.open()
    expect_labels(chat, "es")
    suggestions = chat.log.get_by_role("group", name=words("es")["suggestions"])
    titles = [q["title"] for q in content()["i18n"]["es"]["suggestions"]]
    expect(suggestions.get_by_role("button")).to_have_text(titles)
    chat.screenshot(artifacts / "widget-es-greeting.png")

    # What the patient writes is marked Spanish, and so is the message sent.
    chat.ask("¿Cuánto dura la prueba?")
    chat.wait_idle()
    mine = [b for b in langs(chat)["bubbles"] if b["who"] == "user"]
    assert mine == [{"who": "user", "lang": "es", "text": "¿Cuánto dura la prueba?"}]
    session = chat.storage()["state"]["sessionId"]
    events = user_events(servers["tracker_db"], session)
    assert [e["metadata"].get("language") for e in events] == ["es"]
    # Every bubble says its language.
    assert all(b["lang"] in ("en", "es") for b in langs(chat)["bubbles"])
    chat.screenshot(artifacts / "widget-es-answer.png")
    assert chat.storage()["local"] == [] and chat.storage()["session"] == ["itb-webchat"]
    assert chat.errors == [] and chat.csp_violations() == [] and chat.third_party_requests() == []


@pytest.mark.parametrize("page_lang, data_lang, expected", [
    ("es-MX", None, "es"), ("en", "es", "es"), ("es", "en", "en"), ("fr", None, "en"),
])
def test_the_widget_speaks_the_pages_language(open_chat, servers, page_lang, data_lang, expected):
    page = spanish_page(servers, page_lang, **({"lang": data_lang} if data_lang else {}))
    chat = open_chat(page["url"], lang=expected, html=page["html"])
    expect(chat.launcher).to_have_text(words(expected)["launcher"])
    assert langs(chat)["host"] == expected


def test_the_switch_changes_the_language_both_ways(new_chat, servers, artifacts):
    chat = new_chat()
    chat.open()
    expect_labels(chat, "en")
    assert chat.storage()["state"].get("lang") is None  # nothing chosen yet

    switch(chat).click()
    chat.lang = "es"
    expect_labels(chat, "es")  # at once, before the assistant answers
    chat.wait_for_text(SET_SPANISH)
    chat.wait_idle()
    mine, *replies = last_turn(chat)
    assert mine == {"who": "user", "lang": "es", "text": "Español"}
    assert replies and {b["lang"] for b in replies} == {"es"} and SET_SPANISH in replies[0]["text"]
    expect(switch(chat)).to_be_focused()
    assert chat.storage()["state"]["lang"] == "es"
    chat.screenshot(artifacts / "widget-es-switched.png")

    # The choice outlives a reload in this tab.
    chat.page.reload()
    expect(chat.dialog).to_be_visible()
    chat.wait_idle()
    expect_labels(chat, "es")
    assert langs(chat)["bubbles"][-1]["lang"] == "es"

    switch(chat).click()
    chat.lang = "en"
    expect_labels(chat, "en")
    chat.wait_for_text(SET_ENGLISH)
    chat.wait_idle()
    mine, *replies = last_turn(chat)
    assert mine == {"who": "user", "lang": "en", "text": "English"}
    assert replies and {b["lang"] for b in replies} == {"en"} and SET_ENGLISH in replies[0]["text"]
    # Earlier messages keep their own language.
    bubbles = langs(chat)["bubbles"]
    assert [b["lang"] for b in bubbles if b["who"] == "user"] == ["es", "en"]
    assert SET_SPANISH in next(b["text"] for b in bubbles if b["lang"] == "es" and b["who"] == "bot")
    assert chat.storage()["state"]["lang"] == "en"

    session = chat.storage()["state"]["sessionId"]
    events = user_events(servers["tracker_db"], session)
    assert [(e["text"], sent(e)) for e in events] == [
        ('/set_language{"language":"es"}', {"display": "Español", "language": "es"}),
        ('/set_language{"language":"en"}', {"display": "English", "language": "en"}),
    ]
    assert chat.errors == [] and chat.csp_violations() == []


def test_a_reply_in_the_other_language_switches_the_widget(new_chat, servers):
    chat = new_chat()
    chat.open()
    # Typed rather than switched: the assistant answers in Spanish, the widget follows.
    chat.ask("español")
    chat.lang = "es"
    chat.wait_for_text(SET_SPANISH)
    chat.wait_idle()
    expect_labels(chat, "es")
    assert chat.storage()["state"]["lang"] == "es"
    # The patient's message was sent while the widget spoke English.
    assert [b["lang"] for b in langs(chat)["bubbles"] if b["who"] == "user"] == ["en"]
    chat.ask("English")
    chat.lang = "en"
    chat.wait_for_text(SET_ENGLISH)
    chat.wait_idle()
    expect_labels(chat, "en")


def test_an_english_page_is_unchanged(new_chat, servers):
    chat = new_chat()
    expect(chat.launcher).to_have_text("Ask a question")
    chat.open()
    expect_labels(chat, "en")
    chat.ask("what is spasticity")
    chat.wait_for_text("tight or stiff")
    chat.wait_idle()
    assert {b["lang"] for b in langs(chat)["bubbles"]} == {"en"}
    expect(chat.dialog.get_by_text("Automated assistant", exact=True)).to_be_visible()
    events = user_events(servers["tracker_db"], chat.storage()["state"]["sessionId"])
    assert [sent(e) for e in events] == [{"language": "en"}]
    assert chat.storage()["state"].get("lang") is None


# ------------------------------------------------------ WCAG in Spanish
def test_axe_finds_no_violations_in_spanish(open_chat, new_chat, servers):
    page = spanish_page(servers)
    chat = open_chat(page["url"], lang="es", html=page["html"])
    chat.open()
    violations = run_axe(chat)
    assert violations == [], json.dumps(violations, indent=2)
    chat.ask("¿Qué es la espasticidad?")
    chat.wait_idle()
    chat.button(words("es")["talk_to_person"]).click()
    chat.wait_for_text("800.775.PAIN")
    chat.wait_idle()
    violations = run_axe(chat)
    assert violations == [], json.dumps(violations, indent=2)

    # English page, switched to Spanish: both languages on one page.
    mixed = new_chat()
    mixed.open()
    mixed.ask("what is spasticity")
    mixed.wait_for_text("tight or stiff")
    switch(mixed).click()
    mixed.lang = "es"
    mixed.wait_for_text(SET_SPANISH)
    mixed.wait_idle()
    violations = run_axe(mixed)
    assert violations == [], json.dumps(violations, indent=2)
    assert chat.csp_violations() == [] and mixed.csp_violations() == []


@pytest.mark.parametrize("start", ["es", "en"])
def test_keyboard_only_in_both_languages(open_chat, new_chat, servers, start):
    if start == "es":
        page = spanish_page(servers)
        chat = open_chat(page["url"], lang="es", html=page["html"])
    else:
        chat = new_chat()
    keyboard = chat.page.keyboard
    for _ in range(40):
        keyboard.press("Tab")
        if chat.focused().get("cls") == "launcher":
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    keyboard.press("Enter")
    expect(chat.dialog).to_be_visible()
    expect(chat.input).to_be_focused()

    # Back to the language switch, and switch with Enter, then back with Space.
    other = "en" if start == "es" else "es"
    for lang, key, reply in ((other, "Enter", SET_ENGLISH if other == "en" else SET_SPANISH),
                             (start, "Space", SET_SPANISH if start == "es" else SET_ENGLISH)):
        for _ in range(15):
            if chat.focused().get("cls") == "lang":
                break
            keyboard.press("Shift+Tab")
        else:
            pytest.fail("Shift+Tab never reached the language switch")
        assert chat.focused()["outline"].startswith("solid"), "no visible focus on the switch"
        keyboard.press(key)
        chat.lang = lang
        chat.wait_for_text(reply)
        chat.wait_idle()
        expect_labels(chat, lang)
        expect(switch(chat)).to_be_focused()  # the switch keeps the focus

    # Then on to the text box and a question, in the language switched back to.
    for _ in range(15):
        keyboard.press("Tab")
        if chat.focused().get("tag") == "textarea":
            break
    else:
        pytest.fail("Tab never reached the text box")
    question = "¿qué es la espasticidad?" if start == "es" else "what is spasticity"
    keyboard.type(question)
    keyboard.press("Enter")
    chat.wait_idle()
    assert chat.bubbles("user")[-1] == question
    expect(chat.input).to_be_focused()
    keyboard.press("Escape")
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    expect(chat.launcher).to_have_text(words(chat.lang)["launcher"])


def test_phone_screen_in_spanish(open_chat, servers, artifacts):
    viewport = {"width": 360, "height": 740}
    page = spanish_page(servers)
    chat = open_chat(page["url"], lang="es", html=page["html"], viewport=viewport,
                     device_scale_factor=2, is_mobile=True, has_touch=True)
    chat.launcher.tap()
    chat.settle()
    chat.screenshot(artifacts / "widget-es-phone-greeting.png")
    chat.ask("¿Cuánto dura la prueba?")
    chat.wait_idle()
    w = words("es")
    for control in (chat.input, chat.button(w["send"]), chat.button(w["talk_to_person"]),
                    chat.button(w["start_over"]), chat.button(w["close"]), switch(chat)):
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 0.5
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 0.5
    wide = chat.page.evaluate("""() => {
      const root = document.getElementById('itb-webchat').shadowRoot;
      return ['.panel', '.log', '.head', '.actions'].filter((s) => {
        const el = root.querySelector(s); return el.scrollWidth > el.clientWidth + 1; });
    }""")
    assert wide == []
    chat.screenshot(artifacts / "widget-es-phone.png")
    assert run_axe(chat) == []


def test_a_spanish_session_resumes_in_spanish_and_a_new_tab_follows_the_page(new_chat):
    chat = new_chat()
    chat.open()
    switch(chat).click()
    chat.lang = "es"
    chat.wait_for_text(SET_SPANISH)
    chat.wait_idle()
    # "Start over": a new conversation, still in Spanish.
    chat.button(words("es")["start_over"]).click()
    expect(chat.log.locator(".msg")).to_have_count(1)
    expect_labels(chat, "es")
    # A new tab of the English page starts in English.
    tab = chat.page.context.new_page()
    tab.goto(chat.page.url)
    other = type(chat)(tab, chat.origin)
    other.open()
    expect_labels(other, "en")
