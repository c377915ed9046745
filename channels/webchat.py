"""Website chat channel (`/webhooks/webchat/`): Rasa's socket.io channel for a public page.

Speaks the protocol of Rasa's built-in `socketio` channel
(rasa/core/channels/socketio.py) with `session_persistence`: `session_request` is
answered by `session_confirm`, and each `user_uttered` (`message`, `session_id`)
by `bot_uttered` messages (`text`, `quick_replies`) sent to the conversation's
room. In addition:

* only pages from `allowed_origins`, and the assistant's own origin, may connect;
* conversation ids are issued by this server and signed (HMAC-SHA256 with
  WEBCHAT_SESSION_SECRET, itb/settings.py): `session_request` resumes only an id
  that carries a valid signature, and anything else gets a new conversation, so
  nobody can pick (or guess) an id and have it confirmed;
* a message over `max_message_chars`, or over `rate_limit` messages a minute from
  one conversation or one connection, is refused in the acknowledgement; a
  socket.io frame up to MAX_FRAME_BYTES (1 MB) is read and so gets that answer,
  and engine.io closes the connection on a larger one;
* each `user_uttered` may carry a `message_id` and is acknowledged (`{"ok": true}`)
  once handled. A message id already in the conversation is not handled again,
  so a widget that resends after a dropped connection never duplicates a message;
* `session_confirm` is followed by `session_history`: the conversation so far,
  with the same ids as the `bot_uttered` messages (`<message_id>.<n>`), so a
  widget that reconnects fills in replies it missed;
* it serves the widget (`widget.js`, built from widget/) with its texts, which
  are responses in domain.yml (`utter_widget_*`, see `widget_content`), and a
  demo page with a strict Content-Security-Policy (`demo`);
* it speaks English and Spanish: `widget_content` has the widget's texts in
  each language (`i18n`), every bot message carries `lang` (the language of
  the response: the variation Rasa picked says so in its `metadata`), and a
  message's `metadata.language` (the widget's language) is passed on to the
  NLU as a hint for messages too short to tell;
* after an answer (a response named utter_ask_* but not a form's question,
  utter_faq/*, utter_medicine_change, utter_fasting) the widget shows "Helpful?
  Yes / No": its last part carries `answer` (the response's name), and an
  `answer_feedback {session_id, message_id, helpful, comment}` event stores one
  vote per answer in `answer_feedback` (itb/db.py), acknowledged `{"ok": true}`
  or refused (`no_session`, `bad_request`, `unknown_message`, `too_long`,
  `bad_comment`, `rate_limited`, `not_saved`). The answer's name is taken from
  the conversation's own events, never from the client;
* nothing a user wrote is ever written to the log.
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import hmac
import html
import json
import logging
import math
import re
import time
import uuid
from collections import deque
from pathlib import Path
from typing import Any, Awaitable, Callable, Deque, Dict, Iterable, List, Optional, Text, Tuple
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.common import CONTROL_CHARACTERS, SURROGATES, clean_text, fallback_reply
from channels.sockets import guard
from itb import db, language, settings
from itb.content import review, texts

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
WIDGET_FILE = WIDGET_DIR / "dist" / "itb-webchat.js"
# widget/src/widget.js holds this string literal; widget.js is served with the
# widget's texts (JSON, as a string literal) in its place.
WIDGET_CONTENT_MARK = "__ITB_WIDGET_TEXTS__"
WIDGET_TEXTS = "utter_widget_"

# An issued conversation id: 32 random hex digits, then 32 of their signature.
SESSION_ID = re.compile(r"^[0-9a-f]{64}$")
MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_MESSAGE_CHARS = 2000
MAX_DISPLAY_CHARS = 200
MAX_HISTORY_MESSAGES = 400
# Largest socket.io frame (or long-polling POST) engine.io reads: any message up
# to this size gets a `too_long` answer, a larger frame closes the connection.
# Under Sanic's REQUEST_MAX_SIZE and WEBSOCKET_MAX_SIZE (1 MiB, channels/limits.py).
MAX_FRAME_BYTES = 1_000_000
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60.0
DUPLICATE_WAIT_SECONDS = 60.0
# Answer feedback: the rated message's id (`<message_id>.<n>`) and the comment's length.
RATED_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}\.\d{1,4}$")
MAX_COMMENT_CHARS = 500
# Responses that answer a question get "Helpful? Yes / No" in the widget: those
# of itb.content.review.answers_question, and the medicine and fasting hand-offs.
ANSWER_NAMES = ("utter_medicine_change", "utter_fasting")

DEMO_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
KEYPAD = {
    letter: digit
    for digit, letters in zip("23456789", ("ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"), strict=True)
    for letter in letters
}


def bot_parts(message: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    """One bot response as widget messages, split on blank lines as Rasa's socket.io does.

    Only text and buttons are sent: images and custom payloads would need
    content the widget does not load from anywhere but this server.
    """
    text = message.get("text") or ""
    buttons = message.get("quick_replies") or message.get("buttons") or []
    parts: List[Dict[Text, Any]] = [
        {"text": part.strip()} for part in str(text).strip().split("\n\n") if part.strip()
    ]
    if buttons:
        if not parts:
            parts = [{"text": ""}]
        parts[-1]["quick_replies"] = [
            {
                "content_type": "text",
                "title": str(button.get("title", "")),
                "payload": str(button.get("payload", "")),
            }
            for button in buttons
            if isinstance(button, dict)
        ]
    return parts


def answer_name(utter_action: Any) -> Optional[Text]:
    """The response's name if it answers a question (gets "Helpful?"), else None."""
    if not isinstance(utter_action, str):
        return None
    if utter_action in ANSWER_NAMES or review.answers_question(utter_action):
        return utter_action
    return None


def response_language(message: Dict[Text, Any]) -> Text:
    """The language of a bot response, "en" or "es".

    Rasa passes the response's keys on with the message (and keeps them in the
    BotUttered event's metadata): a Spanish variation says `metadata.language:
    es` and has the condition `language: es`. A response of domain.yml without
    either is its default variation, English. Anything else (a text an action
    wrote, the channel's own fallback) is read for its language, else English.
    """
    meta = message.get("metadata")
    for value in (
        meta.get("language") if isinstance(meta, dict) else None,
        message.get("language"),
        texts.language_of(message),
    ):
        code = language.supported(value)
        if code:
            return code
    name = message.get("utter_action")
    try:
        if isinstance(name, str) and name in texts.responses():
            return language.DEFAULT
        return language.detect(message.get("text")) or language.DEFAULT
    except Exception as exc:  # noqa: BLE001 - a message is never lost over its language
        logger.error("webchat: telling a reply's language failed (%s)", type(exc).__name__)
        return language.DEFAULT


def answer_parts(message: Dict[Text, Any], utter_action: Any) -> List[Dict[Text, Any]]:
    """bot_parts, each with the response's language (`lang`), the last one marked
    with the answer's name when it is an answer."""
    parts = bot_parts(message)
    lang = response_language(message)
    for part in parts:
        part["lang"] = lang
    answer = answer_name(utter_action)
    if answer and parts:
        parts[-1]["answer"] = answer
    return parts


def shown_text(event: UserUttered) -> Text:
    """What the user saw as their message: a button's title rather than its payload."""
    text = event.text or ""
    display = (event.metadata or {}).get("display")
    if text.startswith("/") and isinstance(display, str) and display.strip():
        return display
    return text


def all_messages(events: Iterable[Any]) -> List[Dict[Text, Any]]:
    """Every message of the conversation as the widget shows it, with the ids `bot_uttered` uses."""
    messages: List[Dict[Text, Any]] = []
    turn, count = "start", 0
    for event in events:
        if isinstance(event, UserUttered):
            turn, count = event.message_id or f"u{len(messages)}", 0
            message = {"sender": "user", "id": turn, "text": shown_text(event)}
            lang = language.supported((event.metadata or {}).get("language"))
            if lang:  # the widget's language when it was sent
                message["lang"] = lang
            messages.append(message)
        elif isinstance(event, BotUttered):
            metadata = event.metadata or {}
            utter_action = metadata.get("utter_action")
            for part in answer_parts({**metadata, "text": event.text, **(event.data or {})}, utter_action):
                messages.append({"sender": "bot", "id": f"{turn}.{count}", **part})
                count += 1
    return messages


def history(events: Iterable[Any]) -> List[Dict[Text, Any]]:
    """The conversation as the widget shows it (its last MAX_HISTORY_MESSAGES messages)."""
    return all_messages(events)[-MAX_HISTORY_MESSAGES:]


def rated_answer(events: Iterable[Any], message_id: Text) -> Optional[Text]:
    """The answer's name of the bot message `message_id` in these events, if it is an answer."""
    for message in all_messages(events):
        if message["sender"] == "bot" and message["id"] == message_id:
            return message.get("answer")
    return None


def save_feedback(conversation_id: Text, message_id: Text, answer: Text, helpful: bool,
                  comment: Optional[Text]) -> None:
    """One row per rated answer: a repeated vote replaces the earlier one, never doubles it."""
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    feedback = db.AnswerFeedback
    for attempt in range(2):
        try:
            with db.session() as session:
                row = session.execute(select(feedback).where(
                    feedback.conversation_id == conversation_id, feedback.message_id == message_id,
                )).scalar_one_or_none()
                if row is None:
                    row = feedback(conversation_id=conversation_id, message_id=message_id)
                    session.add(row)
                row.answer, row.helpful, row.comment, row.created_at = answer, helpful, comment, db.utcnow()
            return
        except IntegrityError:
            if attempt:  # two votes at the same moment: the other one was stored first
                raise


def _signature(secret: bytes, nonce: Text) -> Text:
    return hmac.new(secret, b"itb-webchat-session:" + nonce.encode("ascii"), hashlib.sha256).hexdigest()[:32]


def issue_session_id(secret: bytes) -> Text:
    """A new conversation id: random, and signed so this server knows it issued it."""
    nonce = uuid.uuid4().hex
    return nonce + _signature(secret, nonce)


def issued_session_id(secret: bytes, value: Any) -> bool:
    """Whether `value` is a conversation id issued with this secret."""
    if not isinstance(value, str) or not SESSION_ID.match(value):
        return False
    return hmac.compare_digest(value[32:], _signature(secret, value[:32]))


def phone_link(phone: Text) -> Text:
    """`tel:` number for a display number like `800.775.PAIN (7246)` (US numbers)."""
    digits = "".join(KEYPAD.get(c, c) for c in re.sub(r"\(.*?\)", "", phone.upper()) if c.isalnum())
    if len(digits) == 10:
        return "+1" + digits
    return ("+" + digits) if len(digits) > 10 else digits


class RateLimiter:
    """At most `limit` events per key in any `window` seconds."""

    def __init__(self, limit: int, window: float = RATE_WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self.hits: Dict[Text, Deque[float]] = {}

    def wait(self, *keys: Text) -> float:
        """0 and counts the event if every key is under the limit, else seconds to wait."""
        now = time.monotonic()
        if len(self.hits) > 10000:
            self.hits = {k: q for k, q in self.hits.items() if q and now - q[-1] < self.window}
        wait = 0.0
        for key in keys:
            hits = self.hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                wait = max(wait, self.window - (now - hits[0]))
        if wait:
            return wait
        for key in keys:
            self.hits[key].append(now)
        return 0.0

    def forget(self, key: Text) -> None:
        self.hits.pop(key, None)


def origin_check(allowed_origins: Iterable[Text]) -> Callable[..., bool]:
    """engine.io's origin test: the allow-list, or a page of the assistant's own host."""
    allowed = {origin.strip().rstrip("/").lower() for origin in allowed_origins if origin}

    def is_allowed(origin: Optional[Text], environ: Optional[Dict] = None) -> bool:
        origin = (origin or "").strip().rstrip("/").lower()
        if not origin:
            return False
        if origin in allowed or "*" in allowed:
            return True
        environ = environ or {}
        host = environ.get("HTTP_X_FORWARDED_HOST") or environ.get("HTTP_HOST") or ""
        return urlsplit(origin).netloc == host.split(",")[0].strip().lower()

    return is_allowed


def widget_texts(lang: Text) -> Dict[Text, Any]:
    """The widget's words in one language: every `utter_widget_*` text by its
    short name ("launcher" for utter_widget_launcher), the greeting's buttons
    as the default suggested replies, and the language's own name ("Español",
    the language switch's label). English where a text has no variation in `lang`."""
    strings = {name[len(WIDGET_TEXTS):]: texts.text(name, language=lang) for name in texts.names(WIDGET_TEXTS)}
    suggestions = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
        for button in texts.response("utter_widget_greeting", language=lang).get("buttons") or []
        if isinstance(button, dict)
    ]
    return {"texts": strings, "suggestions": suggestions, "name": language.NAMES.get(lang, lang)}


def widget_content() -> Dict[Text, Any]:
    """What the widget shows, from domain.yml: its words in each language
    (`i18n`, see widget_texts; `texts` and `suggestions` are the English ones),
    and the clinic's number (shown in answers as a call link)."""
    clinic = settings.clinic()
    i18n = {lang: widget_texts(lang) for lang in language.SUPPORTED}
    english = i18n[language.DEFAULT]
    return {
        "texts": english["texts"], "suggestions": english["suggestions"], "i18n": i18n,
        "phone": clinic.phone, "tel": phone_link(clinic.phone),
    }


def widget_source(raw: bytes) -> bytes:
    """The built widget with its content in place of WIDGET_CONTENT_MARK."""
    # A JSON text inside a JavaScript string literal (JSON.parse reads it back);
    # ASCII only, so no character can end the literal or the script early.
    literal = json.dumps(json.dumps(widget_content(), ensure_ascii=True), ensure_ascii=True)
    for quote in ('"', "'", "`"):
        mark = f"{quote}{WIDGET_CONTENT_MARK}{quote}".encode("ascii")
        if mark in raw:
            return raw.replace(mark, literal.encode("ascii"), 1)
    logger.error("webchat: widget.js has no place for its texts: run `make widget`")
    return raw


class StaticFile:
    """A small file read on change, sent gzipped when the client accepts it, with an ETag.
    `transform`, if given, makes the bytes served from the bytes read."""

    def __init__(self, path: Path, transform: Optional[Callable[[bytes], bytes]] = None) -> None:
        self.path = path
        self.transform = transform
        self._cache: Tuple[float, bytes, bytes, Text] = (-1.0, b"", b"", "")

    def load(self) -> Tuple[bytes, bytes, Text]:
        mtime = self.path.stat().st_mtime
        if mtime != self._cache[0]:
            raw = self.path.read_bytes()
            if self.transform is not None:
                raw = self.transform(raw)
            etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
            self._cache = (mtime, raw, gzip.compress(raw, mtime=0), etag)
        return self._cache[1], self._cache[2], self._cache[3]

    def respond(self, request: Request, content_type: Text, headers: Dict[Text, Text]) -> HTTPResponse:
        try:
            raw, zipped, etag = self.load()
        except OSError:
            return response.text("Not built: run `make widget`.", status=404)
        headers = {**SECURITY_HEADERS, **headers, "ETag": etag, "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == etag:
            return response.empty(status=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            return response.raw(
                zipped, content_type=content_type, headers={**headers, "Content-Encoding": "gzip"}
            )
        return response.raw(raw, content_type=content_type, headers=headers)


class WebchatOutput(OutputChannel):
    """Sends the replies to one message to the conversation's room, numbered."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    def __init__(self, sio: AsyncServer, bot_message_evt: Text, turn: Text) -> None:
        self.sio = sio
        self.bot_message_evt = bot_message_evt
        self.turn = turn
        self.count = 0

    async def _send_message(self, socket_id: Text, message: Dict[Text, Any]) -> None:
        message = {**message, "id": f"{self.turn}.{self.count}"}
        self.count += 1
        await self.sio.emit(self.bot_message_evt, message, room=socket_id)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        for part in answer_parts(message, message.get("utter_action")):
            await self._send_message(recipient_id, part)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class WebchatBlueprint(SocketBlueprint):
    def __init__(self, channel: "WebchatInput", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx.channel = channel

    def register(self, app: Sanic, options: Dict[Text, Any]) -> None:
        # The channel reads conversations from the agent's tracker store.
        self.ctx.channel.app = app
        super().register(app, options)


class WebchatInput(InputChannel):
    """The website chat widget's socket.io channel."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("socketio_path", "/webhooks/webchat/socket.io"),
            credentials.get("allowed_origins") or [],
            int(credentials.get("max_message_chars", MAX_MESSAGE_CHARS)),
            int(credentials.get("rate_limit", RATE_LIMIT)),
        )

    def __init__(
        self,
        user_message_evt: Text = "user_uttered",
        bot_message_evt: Text = "bot_uttered",
        namespace: Optional[Text] = None,
        socketio_path: Text = "/webhooks/webchat/socket.io",
        allowed_origins: Optional[List[Text]] = None,
        max_message_chars: int = MAX_MESSAGE_CHARS,
        rate_limit: int = RATE_LIMIT,
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.namespace = namespace
        self.socketio_path = socketio_path
        self.allowed_origins = list(allowed_origins or [])
        self.max_message_chars = max_message_chars
        self.limiter = RateLimiter(rate_limit)
        self.feedback_limiter = RateLimiter(rate_limit)
        self.sio: Optional[AsyncServer] = None
        self.app: Optional[Sanic] = None
        # Which conversation each connection joined, and the messages being handled.
        self.sessions: Dict[Text, Text] = {}
        self.in_flight: Dict[Tuple[Text, Text], "asyncio.Future[None]"] = {}
        self.widget = StaticFile(WIDGET_FILE, widget_source)
        # Signs the conversation ids; the same on every replica and across restarts.
        self.session_secret = settings.webchat_session_secret()

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return None
        return WebchatOutput(self.sio, self.bot_message_evt, uuid.uuid4().hex)

    def agent_ready(self) -> bool:
        agent = getattr(self.app.ctx, "agent", None) if self.app else None
        return agent is not None and agent.is_ready()

    async def _events(self, sender_id: Text) -> List[Any]:
        """Every event of a conversation, or none if it cannot be read."""
        agent = getattr(self.app.ctx, "agent", None) if self.app else None
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return []
        try:
            tracker = await store.retrieve_full_tracker(sender_id)
        except Exception as exc:  # noqa: BLE001 - history is a convenience, never a failure
            logger.error("webchat: reading a conversation failed (%s)", type(exc).__name__)
            return []
        return list(tracker.events) if tracker else []

    def demo_page(self) -> Text:
        clinic = settings.clinic()
        name = clinic.name[:1].upper() + clinic.name[1:]
        page = (WIDGET_DIR / "demo.html").read_text(encoding="utf-8")
        for key, value in {
            "clinic_name": name,
            "clinic_phone": clinic.phone,
            "clinic_tel": phone_link(clinic.phone),
        }.items():
            page = page.replace("{{%s}}" % key, html.escape(value, quote=True))
        return page

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        sio = guard(AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=origin_check(self.allowed_origins),
            max_http_buffer_size=MAX_FRAME_BYTES,
        ))
        webchat_webhook = WebchatBlueprint(
            self, sio, self.socketio_path, "webchat_webhook", __name__
        )
        self.sio = sio
        namespace = self.namespace

        @webchat_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webchat_webhook.route("/widget.js", methods=["GET"])
        async def widget(request: Request) -> HTTPResponse:
            return self.widget.respond(
                request,
                "application/javascript; charset=utf-8",
                {"Cache-Control": "no-cache", "Cross-Origin-Resource-Policy": "cross-origin"},
            )

        @webchat_webhook.route("/demo", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return response.html(
                self.demo_page(),
                headers={**SECURITY_HEADERS, "Content-Security-Policy": DEMO_CSP,
                         "Cache-Control": "no-cache"},
            )

        @webchat_webhook.route("/demo.css", methods=["GET"])
        async def demo_css(_: Request) -> HTTPResponse:
            return response.raw(
                (WIDGET_DIR / "demo.css").read_bytes(),
                content_type="text/css; charset=utf-8",
                headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"},
            )

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            logger.debug("webchat: a client connected")
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text) -> None:
            self.sessions.pop(sid, None)
            self.limiter.forget(sid)
            self.feedback_limiter.forget(sid)
            logger.debug("webchat: a client disconnected")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            requested: Any = data.get("session_id") if isinstance(data, dict) else None
            # Only an id this server issued resumes a conversation; anything else gets a new one.
            session_id: Text = (
                requested if issued_session_id(self.session_secret, requested)
                else issue_session_id(self.session_secret)
            )
            for room in sio.rooms(sid, namespace=namespace):
                if room != sid:
                    sio.leave_room(sid, room, namespace=namespace)
            sio.enter_room(sid, session_id, namespace=namespace)
            self.sessions[sid] = session_id
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            messages = history(await self._events(session_id))
            await sio.emit(
                "session_history",
                {"session_id": session_id, "messages": messages},
                room=sid,
                namespace=namespace,
            )

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> Dict[Text, Any]:
            if not isinstance(data, dict):
                return {"ok": False, "error": "bad_request"}
            session_id = data.get("session_id")
            if not session_id or self.sessions.get(sid) != session_id:
                return {"ok": False, "error": "no_session"}
            text = data.get("message")
            if not isinstance(text, str):
                return {"ok": False, "error": "bad_request"}
            if len(text) > self.max_message_chars:
                return {"ok": False, "error": "too_long", "max": self.max_message_chars}
            text = clean_text(text)
            if not text.strip():
                return {"ok": False, "error": "empty"}
            wait = self.limiter.wait(f"session:{session_id}", f"sid:{sid}")
            if wait:
                logger.info("webchat: rate limit reached for a conversation")
                return {"ok": False, "error": "rate_limited", "retry_after": math.ceil(wait)}

            message_id = data.get("message_id")
            if not isinstance(message_id, str) or not MESSAGE_ID.match(message_id):
                message_id = uuid.uuid4().hex
            key = (session_id, message_id)
            running = self.in_flight.get(key)
            if running is not None:
                try:
                    await asyncio.wait_for(asyncio.shield(running), DUPLICATE_WAIT_SECONDS)
                except asyncio.TimeoutError:
                    pass
                return {"ok": True, "duplicate": True}
            events = await self._events(session_id)
            if any(isinstance(e, UserUttered) and e.message_id == message_id for e in events):
                return {"ok": True, "duplicate": True}

            sent = data.get("metadata")
            if not isinstance(sent, dict):
                sent = {}
            display, lang = sent.get("display"), language.supported(sent.get("language"))
            metadata: Dict[Text, Any] = {}
            if isinstance(display, str) and display.strip():
                metadata["display"] = clean_text(display)[:MAX_DISPLAY_CHARS]
            if lang:  # the widget's language: the NLU's hint for a message too short to tell
                metadata["language"] = lang
            done: "asyncio.Future[None]" = asyncio.get_running_loop().create_future()
            self.in_flight[key] = done
            output = WebchatOutput(sio, self.bot_message_evt, message_id)
            try:
                if not self.agent_ready():
                    # Rasa would drop the message in silence; the user gets an answer.
                    raise RuntimeError("no model loaded")
                await on_new_message(
                    UserMessage(
                        text, output, session_id, input_channel=self.name(),
                        metadata=metadata or None, message_id=message_id,
                    )
                )
            except Exception as exc:  # noqa: BLE001 - the user must always get a reply
                logger.error("webchat: handling a message failed (%s)", type(exc).__name__)
                for reply in fallback_reply(session_id, text):
                    await output.send_response(session_id, {"text": reply["text"]})
            finally:
                done.set_result(None)
                self.in_flight.pop(key, None)
            return {"ok": True}

        @sio.on("answer_feedback", namespace=namespace)
        async def answer_feedback(sid: Text, data: Any = None) -> Dict[Text, Any]:
            return await self.store_feedback(sid, data)

        return webchat_webhook

    async def store_feedback(self, sid: Text, data: Any) -> Dict[Text, Any]:
        """`answer_feedback {session_id, message_id, helpful, comment}`: one vote on one answer."""
        if not isinstance(data, dict):
            return {"ok": False, "error": "bad_request"}
        session_id = data.get("session_id")
        # Only the conversation this connection was confirmed, which the server issued.
        if (not session_id or self.sessions.get(sid) != session_id
                or not issued_session_id(self.session_secret, session_id)):
            return {"ok": False, "error": "no_session"}
        message_id = data.get("message_id")
        helpful = data.get("helpful")
        comment = data.get("comment")
        if not isinstance(message_id, str) or not RATED_ID.match(message_id) or not isinstance(helpful, bool):
            return {"ok": False, "error": "bad_request"}
        if comment is not None and not isinstance(comment, str):
            return {"ok": False, "error": "bad_request"}
        if comment is not None:
            if len(comment) > MAX_COMMENT_CHARS:
                return {"ok": False, "error": "too_long", "max": MAX_COMMENT_CHARS}
            if CONTROL_CHARACTERS.search(comment) or SURROGATES.search(comment):
                return {"ok": False, "error": "bad_comment"}
            comment = comment.strip() or None
        if helpful:
            comment = None  # the comment field is offered with "No" only
        wait = self.feedback_limiter.wait(f"session:{session_id}", f"sid:{sid}")
        if wait:
            logger.info("webchat: feedback rate limit reached for a conversation")
            return {"ok": False, "error": "rate_limited", "retry_after": math.ceil(wait)}
        answer = rated_answer(await self._events(session_id), message_id)
        if answer is None:
            return {"ok": False, "error": "unknown_message"}
        try:
            await asyncio.to_thread(save_feedback, session_id, message_id, answer, helpful, comment)
        except Exception as exc:  # noqa: BLE001 - the widget is told, the chat goes on
            logger.error("webchat: storing answer feedback failed (%s)", type(exc).__name__)
            return {"ok": False, "error": "not_saved"}
        # Never the comment: only what was rated and how.
        logger.info("webchat: answer feedback stored (%s, helpful=%s, comment=%s)",
                    answer, helpful, comment is not None)
        return {"ok": True}
