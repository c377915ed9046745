"""Text helpers for the SMS channel: encodings, segments, paging, formatting.

An SMS segment holds 160 GSM-7 characters, or 70 UTF-16 code units when any
character is outside GSM-7 (UCS-2). A message of several segments loses room
to the header that joins them: 153 GSM-7 septets or 67 UCS-2 units each. In
GSM-7 the characters of the extension table (`^{}\\[~]|€` and form feed) take
two septets, and such a pair is never split between two segments; in UCS-2 a
character outside the Basic Multilingual Plane (most emoji) takes two units,
and a surrogate pair is never split either.

One smart quote or emoji turns a whole reply into UCS-2 and more than doubles
its cost, so outgoing text is normalised to GSM-7 where that keeps the
meaning (quotes, dashes, bullets, accents, spaces, most emoji).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence

from itb.content import texts
# Phone numbers live in itb/phone.py; these names stay importable from here (scripts/bench_sms.py).
from itb.phone import E164, dialable  # noqa: F401
from itb.phone import mask_for_log as mask_phone  # noqa: F401

GSM7 = "GSM-7"
UCS2 = "UCS-2"

# 3GPP TS 23.038 default alphabet (ESC, 0x1B, left out) and its extension table.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

SINGLE = {GSM7: 160, UCS2: 70}
MULTI = {GSM7: 153, UCS2: 67}

MAX_SEGMENTS = 3
# The end of every page but the last (domain.yml: utter_sms_more).
MORE_SUFFIX = "\n" + texts.text("utter_sms_more")


def more_suffix(language: Optional[str] = None) -> str:
    """MORE_SUFFIX in `language`."""
    return "\n" + texts.text("utter_sms_more", language=language)

# Characters outside GSM-7 with a GSM-7 stand-in that keeps the meaning.
REPLACEMENTS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u2022\u00b7\u25cf\u25aa\u25e6\u2023\u2043", "-"),
    **dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u20e3", ""),
    "\u2026": "...",
    "\t": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00bd": "1/2",
    "\u00bc": "1/4",
    "\u00be": "3/4",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    "\u2122": "(TM)",
    "\u00b0": "",
    "\u2713": "OK",
    "\u2714": "OK",
    "\u2705": "OK",
    "\u274c": "X",
    "\u26a0": "!",
    "\U0001f642": ":)",
    "\U0001f60a": ":)",
    "\u263a": ":)",
    "\U0001f600": ":D",
    "\U0001f603": ":D",
    "\U0001f641": ":(",
    "\u2639": ":(",
    "\U0001f609": ";)",
    "\U0001f44d": "(thumbs up)",
    "\u2764": "<3",
    "\U0001f4de": "",
    "\U0001f4f1": "",
}
# Symbols with no stand-in (pictographs, dingbats, arrows, emoji modifiers) are
# dropped rather than forcing UCS-2; letters of other scripts are kept.
DROPPABLE_CATEGORIES = {"So", "Sk", "Cs", "Co", "Cn"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Segments:
    """How a text travels as SMS."""

    encoding: str  # GSM7 or UCS2
    units: int  # GSM-7 septets or UTF-16 code units
    count: int  # segments (0 for an empty text)


def is_gsm7(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text)


def _widths(text: str, encoding: str) -> List[int]:
    if encoding == GSM7:
        return [2 if ch in GSM_EXTENDED else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def segments(text: str) -> Segments:
    """Encoding, length in units and number of segments, as a handset sends it."""
    encoding = GSM7 if is_gsm7(text) else UCS2
    widths = _widths(text, encoding)
    units = sum(widths)
    if units == 0:
        return Segments(encoding, 0, 0)
    if units <= SINGLE[encoding]:
        return Segments(encoding, units, 1)
    limit, count, used = MULTI[encoding], 1, 0
    for width in widths:  # an escape pair or a surrogate pair never straddles two segments
        if used + width > limit:
            count, used = count + 1, 0
        used += width
    return Segments(encoding, units, count)


def _to_gsm(ch: str) -> str:
    if ch in GSM_BASIC or ch in GSM_EXTENDED:
        return ch
    if ch in REPLACEMENTS:
        return REPLACEMENTS[ch]
    # Accents GSM-7 lacks ("á", "ç", "ô"): the letter without the accent.
    decomposed = "".join(
        part for part in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(part)
    )
    if decomposed and is_gsm7(decomposed):
        return decomposed
    if unicodedata.category(ch) in DROPPABLE_CATEGORIES or 0x1F000 <= ord(ch) <= 0x1FAFF:
        return ""
    return ch  # a letter of another script: keep it, the reply goes as UCS-2


def normalise(text: str) -> str:
    """Text for an SMS: GSM-7 wherever the meaning survives, no control characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    text = "".join(_to_gsm(ch) for ch in text)
    text = CONTROL.sub("", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return re.sub(r" {2,}", " ", text).strip()


# ------------------------------------------------------------ formatting
_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)\)")
# Not inside a run of asterisks: masked values ("J*** D**", "+1******4567") stay as they are.
_BOLD = re.compile(r"(?<![\w*])(\*\*|__)(?=[^\s*])(.+?)(?<=[^\s*])\1(?![\w*])", re.DOTALL)
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.DOTALL)
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_BULLET = re.compile(r"^\s*[*+]\s+", re.MULTILINE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _link(match: "re.Match[str]") -> str:
    label, url = match.group(1).strip(), match.group(2)
    url = re.sub(r"^mailto:|^tel:", "", url)
    return url if label in (url, match.group(2)) else f"{label}: {url}"


def plain(text: str) -> str:
    """Markdown and HTML made readable as a text message ("[a](u)" -> "a: u")."""
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = _LINK.sub(_link, text)
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(r"\2", text)
    text = _ITALIC.sub(r"\2", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("- ", text)
    return normalise(text)


def option_title(title: str) -> str:
    """A button title as it reads after "Reply 1 for": "What is ITB?" -> "what is ITB"."""
    title = plain(title).lstrip("¿¡ ").rstrip("?.!:; ")
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        title = title[0].lower() + title[1:]
    return title


def options_line(titles: Sequence[str], language: Optional[str] = None) -> str:
    """Buttons as numbered options: "Reply 1 for what causes it, 2 for the trial."
    (domain.yml: utter_sms_options, one utter_sms_option each), in `language`."""
    if not titles:
        return ""
    parts = [
        texts.text("utter_sms_option", language=language, number=number, title=option_title(title))
        for number, title in enumerate(titles, 1)
    ]
    return texts.text("utter_sms_options", language=language, options=", ".join(parts))


def message_language(message: Dict[str, Any]) -> Optional[str]:
    """The language of one of the assistant's messages: its response's metadata
    (domain.yml: `language: es` on Spanish variations), "en" for any other response."""
    metadata = message.get("metadata")
    if isinstance(metadata, dict) and metadata.get("language") in ("en", "es"):
        return str(metadata["language"])
    return "en" if message.get("utter_action") else None


def compose(
    messages: Iterable[Dict[str, Any]],
    phone_display: Optional[Dict[str, str]] = None,
    language: Optional[str] = None,
) -> "Reply":
    """The bot's messages of one turn as a single SMS text plus its options.

    `phone_display` maps text to replace (the clinic number as written on the
    web) to its SMS form (digits only, so a phone makes it a tappable link).
    `language` is the reply's (else read from the messages, where they tell).
    """
    lines: List[str] = []
    options: List[Dict[str, str]] = []
    found: Optional[str] = None
    for message in messages:
        found = found or message_language(message)
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            lines.append(text)
        image = message.get("image")
        if isinstance(image, str) and image.strip():
            lines.append(image.strip())
        for button in message.get("buttons") or message.get("quick_replies") or []:
            title, payload = button.get("title"), button.get("payload")
            if isinstance(title, str) and isinstance(payload, str) and title.strip():
                options.append({"title": title.strip(), "payload": payload})
    text = "\n".join(lines)
    for written, in_digits in (phone_display or {}).items():
        if written and written != in_digits:
            text = text.replace(written, in_digits)
    return Reply(plain(text), options, language or found)


@dataclass(frozen=True)
class Reply:
    text: str
    options: List[Dict[str, str]]
    language: Optional[str] = None  # of the first response that tells (None: not known)

    def full_text(self) -> str:
        line = options_line([option["title"] for option in self.options], self.language)
        return "\n".join(part for part in (self.text, line) if part)


# ---------------------------------------------------------------- paging
def fits(text: str, max_segments: int = MAX_SEGMENTS) -> bool:
    return segments(text).count <= max_segments


# A sentence ends at . ! ? before a space (not inside "800.775.7246" or "1.5") or at a line end.
_SENTENCE = re.compile(r"[^\n]*?(?:[.!?]+(?=\s)|\n|$)\s*")


def _pieces(text: str, pattern: "str | re.Pattern[str]") -> List[str]:
    return [piece for piece in re.findall(pattern, text) if piece]


def paginate(text: str, max_segments: int = MAX_SEGMENTS, suffix: str = MORE_SUFFIX) -> List[str]:
    """Split a text into pages of at most `max_segments` segments each.

    Every page but the last ends with `suffix` ("Reply MORE ..."), which counts
    towards its length. Pages break between sentences where possible, then
    between words, and inside a word only when one word fills a page.
    """
    text = text.strip()
    if fits(text, max_segments):
        return [text] if text else []
    pages: List[str] = []
    page = ""

    def room(candidate: str) -> bool:
        return fits(candidate.rstrip() + suffix, max_segments)

    def add(piece: str, level: int) -> None:
        nonlocal page
        if room(page + piece):
            page += piece
            return
        if page.strip() and room(piece):
            pages.append(page.rstrip())
            page = piece.lstrip()
            return
        if level == 0:  # a sentence too long for the room left: word by word
            for word in _pieces(piece, r"\S+\s*"):
                add(word, 1)
        elif level == 1:  # one word longer than a page: character by character
            for ch in piece:
                add(ch, 2)
        else:
            if page.strip():
                pages.append(page.rstrip())
            page = piece

    for sentence in _pieces(text, _SENTENCE):
        add(sentence, 0)
    if page.strip():
        pages.append(page.rstrip())
    return [page + suffix for page in pages[:-1]] + [pages[-1]]


# --------------------------------------------------------------- keywords
# English: Twilio's default opt-out, opt-in and help keywords (CTIA's list).
# Spanish: the clinic's own, which a Twilio Messaging Service's Advanced
# Opt-Out must list too so that Twilio blocks sends as this channel does
# (README, "Spanish"). Accents are ignored: "MÁS" is "MAS".
OPT_OUT_ES = frozenset({"PARAR", "DETENER", "CANCELAR", "BAJA", "ALTO", "DARMEDEBAJA", "NOMASMENSAJES"})
OPT_IN_ES = frozenset({"EMPEZAR", "COMENZAR", "INICIAR", "REANUDAR"})
HELP_ES = frozenset({"AYUDA", "INFORMACION"})
MORE_ES = frozenset({"MAS"})
OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}) | OPT_OUT_ES
OPT_IN = frozenset({"START", "UNSTOP"}) | OPT_IN_ES
OPT_IN_WHEN_OPTED_OUT = frozenset({"YES", "SI"})
HELP = frozenset({"HELP", "INFO"}) | HELP_ES
MORE = frozenset({"MORE"}) | MORE_ES
SPANISH_KEYWORDS = OPT_OUT_ES | OPT_IN_ES | HELP_ES | MORE_ES | {"SI"}
_KEYWORD_NOISE = re.compile(r"[^0-9A-Za-z]+")


def keyword(text: str) -> str:
    """The message as a keyword ("Stop." -> "STOP", "opt out" -> "OPTOUT", "Más" -> "MAS"), else ""."""
    stripped = text.strip()
    if not stripped or len(stripped) > 20:
        return ""
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", stripped) if not unicodedata.combining(ch))
    word = _KEYWORD_NOISE.sub("", stripped).upper()
    return word if word.isalpha() else ""


def keyword_language(word: str) -> Optional[str]:
    """"es" for a Spanish keyword, "en" for an English one, None for no keyword."""
    if not word:
        return None
    return "es" if word in SPANISH_KEYWORDS else "en"


_OPTION = re.compile(r"^\s*#?\s*([0-9]{1,2})\s*[.)]?\s*$")


def option_number(text: str) -> Optional[int]:
    """1 for "1", " 1.", "#1"; None for anything else."""
    match = _OPTION.match(text)
    return int(match.group(1)) if match else None
