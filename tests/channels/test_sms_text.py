"""Segment counting, GSM-7 normalisation, paging and formatting (no server)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from channels.sms import Texts
from channels.sms_text import (
    GSM7,
    HELP,
    MORE,
    MORE_SUFFIX,
    OPT_IN,
    OPT_OUT,
    UCS2,
    compose,
    dialable,
    is_gsm7,
    keyword,
    mask_phone,
    normalise,
    option_number,
    options_line,
    paginate,
    plain,
    segments,
)
from itb import settings
from itb.content import fill

ROOT = Path(__file__).resolve().parent.parent.parent


def short_id(value: object) -> str:
    """A readable test id for long texts: first characters and length."""
    if isinstance(value, str):
        return f"{value[:6]!r}x{len(value)}" if len(value) > 12 else repr(value)
    return str(value)


# --------------------------------------------------------------- segments
@pytest.mark.parametrize(
    "text,encoding,units,count",
    [
        ("", GSM7, 0, 0),
        ("a" * 160, GSM7, 160, 1),
        ("a" * 161, GSM7, 161, 2),
        ("a" * 306, GSM7, 306, 2),
        ("a" * 307, GSM7, 307, 3),
        ("a" * 459, GSM7, 459, 3),
        ("a" * 460, GSM7, 460, 4),
        ("é" * 160, GSM7, 160, 1),  # é, ñ, Ä ... are GSM-7
        ("€" * 80, GSM7, 160, 1),  # extension table: two septets each
        ("€" * 81, GSM7, 162, 2),
        ("[x]" * 40, GSM7, 200, 2),
        # an escape pair never straddles segments: 152 + 2 does not fit in 153
        ("a" * 152 + "€" * 77, GSM7, 306, 3),
        ("á" * 70, UCS2, 70, 1),  # á is not GSM-7
        ("á" * 71, UCS2, 71, 2),
        ("á" * 134, UCS2, 134, 2),
        ("á" * 135, UCS2, 135, 3),
        ("🙂" * 35, UCS2, 70, 1),  # a surrogate pair is two units
        ("🙂" * 36, UCS2, 72, 2),
        # a surrogate pair never straddles segments: 66 + 2 does not fit in 67
        ("a" * 66 + "🙂" * 34, UCS2, 134, 3),
        ("Hello “there”", UCS2, 13, 1),
        ("你好" * 100, UCS2, 200, 3),
    ],
    ids=short_id,
)
def test_segments(text, encoding, units, count):
    size = segments(text)
    assert (size.encoding, size.units, size.count) == (encoding, units, count)


def test_one_non_gsm_character_makes_the_whole_text_ucs2():
    text = "a" * 150 + "’"
    assert (segments(text).encoding, segments(text).count) == (UCS2, 3)
    assert (segments(normalise(text)).encoding, segments(normalise(text)).count) == (GSM7, 1)


# ---------------------------------------------------------- normalisation
@pytest.mark.parametrize(
    "text,expected",
    [
        ("“Quotes” and ‘apostrophes’", '"Quotes" and \'apostrophes\''),
        ("en – em — minus −", "en - em - minus -"),
        ("wait…", "wait..."),
        ("• item", "- item"),
        ("non\u00a0breaking\u200bzero", "non breakingzero"),
        ("ok 🙂 👍", "ok :) (thumbs up)"),
        ("pump 💉🏥 done", "pump done"),
        ("thumbs 👍🏽", "thumbs (thumbs up)"),
        ("café crème naïve çà", "café crème naive cà"),  # é, è, à are GSM-7; ï, ç are not
        ("½ dose", "1/2 dose"),
    ],
)
def test_normalise_keeps_the_meaning_in_gsm7(text, expected):
    assert normalise(text) == expected
    assert is_gsm7(normalise(text))


def test_other_scripts_stay_and_go_as_ucs2():
    assert normalise("你好 “hi”") == '你好 "hi"'
    assert segments(normalise("Привет")).encoding == UCS2


def test_markdown_and_html_become_plain_text():
    text = plain("**Call** _now_: [our page](https://example.org/itb)<br>* one\n# Title\n`x`")
    assert text == "Call now: our page: https://example.org/itb\n- one\nTitle\nx"
    assert plain("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"


# ----------------------------------------------------------------- paging
LONG = " ".join(
    f"Point {number}: call 800.775.7246 if the pump alarm sounds twice." for number in range(30)
)


@pytest.mark.parametrize(
    "text", [LONG, "你好，请问泵多久需要补充一次？" * 40, "x" * 2000, LONG.replace(".", "")], ids=short_id
)
def test_pages_fit_three_segments_and_keep_all_the_text(text):
    pages = paginate(text)
    assert len(pages) > 1
    for page in pages:
        assert segments(page).count <= 3, page
    for page in pages[:-1]:
        assert page.endswith(MORE_SUFFIX)
    assert not pages[-1].endswith(MORE_SUFFIX)
    joined = "".join(page[: -len(MORE_SUFFIX)] if page.endswith(MORE_SUFFIX) else page for page in pages)
    assert joined.replace(" ", "") == text.replace(" ", "")


def test_pages_break_between_sentences_not_inside_numbers():
    for page in paginate(LONG):
        body = page.replace(MORE_SUFFIX, "")
        assert body.endswith("twice."), body[-40:]


def test_short_text_is_one_page():
    assert paginate("Hello.") == ["Hello."]
    assert paginate("") == []


# ------------------------------------------------------------- formatting
def test_buttons_become_numbered_options():
    reply = compose(
        [
            {"text": "Spasticity means ...", "buttons": [
                {"title": "What causes it?", "payload": "/ask_spasticity_causes"},
                {"title": "ITB or pills?", "payload": "/ask_itb_vs_pills"},
            ]},
            {"text": "Call 800.775.PAIN (7246)."},
        ],
        {"800.775.PAIN (7246)": "800.775.7246"},
    )
    assert reply.text == "Spasticity means ...\nCall 800.775.7246."
    assert [option["payload"] for option in reply.options] == ["/ask_spasticity_causes", "/ask_itb_vs_pills"]
    assert reply.full_text().endswith("Reply 1 for what causes it, 2 for ITB or pills.")
    assert options_line([]) == ""


@pytest.mark.parametrize(
    "text,number",
    [("1", 1), (" 2 ", 2), ("3.", 3), ("#1", 1), ("10", 10), ("1 2", None), ("one", None), ("", None)],
)
def test_option_numbers(text, number):
    assert option_number(text) == number


KEYWORDS = OPT_OUT | OPT_IN | HELP | MORE


@pytest.mark.parametrize(
    "text,word",
    [("STOP", "STOP"), ("stop.", "STOP"), (" Stop! ", "STOP"), ("opt-out", "OPTOUT"),
     ("Stop all", "STOPALL"), ("help", "HELP"), ("Info?", "INFO"), ("more", "MORE"),
     ("stop my baclofen", None), ("should I stop", None), ("can I end it", None), ("1", None)],
)
def test_keywords_are_whole_messages(text, word):
    found = keyword(text)
    assert (found if found in KEYWORDS else None) == word


def test_phone_helpers():
    assert mask_phone("+15551234567") == "+1******4567"
    assert mask_phone("+447700900123") == "+4*******0123"
    assert dialable("800.775.PAIN (7246)") == "800.775.7246"
    assert dialable("(555) 123-4567") == "(555) 123-4567"


# ------------------------------------------------------ the real replies
def domain_replies():
    """Every response as the SMS channel sends it: settings filled in (itb/content/fill.py)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    clinic = settings.clinic()
    for name, variations in domain["responses"].items():
        for variation in variations:
            filled = fill.fill_response(copy.deepcopy(variation))
            yield name, compose([filled], {clinic.phone: dialable(clinic.phone)})


def test_every_domain_reply_goes_as_gsm7_in_at_most_three_segments():
    intro = Texts(settings.clinic()).intro
    for name, reply in domain_replies():
        sent = reply.full_text()
        assert segments(sent).encoding == GSM7, name
        assert segments(sent).count <= 3, (name, segments(sent))
        # A new number's first reply carries the intro too: paged if it must be.
        for page in paginate(plain(f"{intro}\n{sent}")):
            assert segments(page).count <= 3, name
