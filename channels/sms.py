"""SMS channel (`/webhooks/sms/webhook`) for a Twilio phone number.

Point the number's "A message comes in" webhook (HTTP POST) at
`PUBLIC_BASE_URL/webhooks/sms/webhook`. Unlike Rasa's built-in `twilio` channel:

* every request must carry a valid `X-Twilio-Signature` (twilio's
  RequestValidator, over PUBLIC_BASE_URL + path and the POST parameters);
  without TWILIO_AUTH_TOKEN the channel refuses everything (fail closed);
* the reply goes back in the HTTP response as TwiML, one `<Message>`, so a turn
  is one round trip and nothing is sent by REST calls;
* buttons become numbered options ("Reply 1 for ..."), and "1" picks the
  first of the options offered last; text is normalised to GSM-7 where
  possible and kept to at most 3 segments, the rest follows on "MORE";
* STOP and its synonyms opt a number out durably (nothing more is sent, except
  the emergency line if an opted-out number texts an emergency), START/UNSTOP
  (or YES while opted out) opt it back in, HELP/INFO gives the program's details;
  the first reply to a number says it is an automated assistant and how to stop;
* a Twilio retry (same MessageSid) gets the first reply, never a second turn;
* if the assistant fails, the answer is still a 200 with a short "sorry,
  please call" (and the emergency line first when the red-flag check fires);
* phone numbers are masked in the log and message text is never logged.

The conversation id is the phone number (E.164), for continuity between texts.
Responses in domain.yml may have SMS variations (`channel: sms`).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import time
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple
from urllib.parse import parse_qsl

from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    UserMessage,
)
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from channels import sms_store as store
from channels.limits import read_body
from channels.common import CONTROL_CHARACTERS, error
from channels.sms_text import (
    HELP,
    MORE,
    OPT_IN,
    OPT_IN_WHEN_OPTED_OUT,
    OPT_OUT,
    Reply,
    compose,
    keyword,
    keyword_language,
    message_language,
    more_suffix,
    option_number,
    paginate,
    plain,
    segments,
)
from itb import db, language, settings
from itb.content import texts as content
from itb.phone import E164, dialable
from itb.phone import mask_for_log as mask_phone
from itb.safety import replies as safety_replies

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 64 * 1024  # Twilio's own requests are a few kB
MAX_BODY_CHARS = 1600  # the longest message Twilio delivers
MESSAGE_SID = re.compile(r"^[A-Z]{2}[0-9a-fA-F]{32}$")
SIGNATURE_HEADER = "X-Twilio-Signature"
TURN_TIMEOUT = 12.0  # seconds; Twilio gives up on a webhook after 15
RETRY_WAIT = 10.0  # how long a retry waits for the first request's reply
# A message still unanswered this long after it came was dropped by a process
# that died: a turn, even one waiting out a dead replica's conversation lock
# (Rasa's 60 s ticket lifetime), is shorter. A retry then answers it.
ABANDONED_AFTER = dt.timedelta(seconds=90)
REPLAY_WINDOW = dt.timedelta(hours=1)  # older replays of a MessageSid are refused
TWIML = "application/xml"
# The assistant's disclosure (utter_disclosure) follows the first answer of a
# session; in the first reply to a number the SMS intro says it instead.
DISCLOSURE_MARKS = tuple(plain(mark) for mark in ("automated assistant, not a person",
                                                  "asistente automático, no una persona"))


def discloses(text: str) -> bool:
    """The text says it comes from an automated assistant (in either language)."""
    return any(mark in plain(text) for mark in DISCLOSURE_MARKS)


class SmsCollector(CollectingOutputChannel):
    """Collects the turn's messages; named "sms" so that domain.yml responses
    can have SMS variations (`channel: sms`). Notes the language of the first
    response that tells (its Spanish variation's metadata says `language: es`)."""

    def __init__(self) -> None:
        super().__init__()
        self.language: Optional[str] = None

    @classmethod
    def name(cls) -> Text:
        return "sms"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.language = self.language or message_language(message)
        await super().send_response(recipient_id, message)


class EmptyReply(Exception):
    """The assistant produced no text (for example: the action server is down)."""


class Texts:
    """What the channel itself says: responses in domain.yml (utter_sms_*,
    utter_channel_sorry's SMS variation), in one language, with this clinic's
    settings and its number in digits, so a phone links it."""

    def __init__(self, clinic: settings.Clinic, language: Optional[str] = None) -> None:
        self.language = language or "en"
        name, phone = clinic.name, dialable(clinic.phone)
        self.name, self.phone, self.phone_as_written = name, phone, clinic.phone
        # The clinic's numbers as responses write them -> as an SMS sends them (compose()).
        self.dialable = {
            written: dialable(written) for written in (clinic.phone, clinic.after_hours) if written
        }
        self.values = {
            "clinic_name": name, "clinic_phone": phone, "clinic_hours": clinic.hours,
            "clinic_address": clinic.address, "clinic_after_hours": dialable(clinic.after_hours),
        }
        # Says what the assistant's own disclosure says (DISCLOSURE_MARK), and more.
        self.intro = self.say("utter_sms_intro")
        self.how_to_stop = self.say("utter_sms_how_to_stop")
        self.help = self.say("utter_sms_help")
        self.stopped = self.say("utter_sms_stopped")
        self.started = self.say("utter_sms_started")
        self.sorry = self.say("utter_channel_sorry")
        self.empty = self.say("utter_sms_empty")
        self.too_long = self.say("utter_sms_too_long", max_chars=MAX_BODY_CHARS)
        self.no_more = self.say("utter_sms_no_more")
        self.more_suffix = more_suffix(self.language)

    def say(self, response: str, **values: Any) -> str:
        # As an SMS sends it: GSM-7 where the meaning survives ("á" -> "a").
        return plain(content.text(response, channel="sms", language=self.language, **self.values, **values))

    def pick_a_number(self, count: int) -> str:
        if count == 1:
            return self.say("utter_sms_pick_one")
        return self.say("utter_sms_pick_a_number", count=count)


safety_lines = safety_replies.safety_lines


def twiml(text: str) -> HTTPResponse:
    """One <Message>, or an empty <Response/> when nothing is to be sent."""
    reply = MessagingResponse()
    if text:
        reply.message(text)
    return response.text(str(reply), content_type=TWIML)


def parse_form(raw: bytes) -> Tuple[Optional[Dict[str, str]], Optional[HTTPResponse]]:
    """The form parameters, or the error response to send instead."""
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(raw),
            encoding="utf-8", errors="strict",
        )
    except (UnicodeDecodeError, ValueError):
        return None, error(400, "The body must be form-encoded UTF-8 text.")
    params: Dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            return None, error(400, f'The parameter "{key}" appears twice.')
        params[key] = value
    return params, None


class SmsInput(InputChannel):
    """Twilio SMS with signature checks, TwiML replies and opt-out handling."""

    @classmethod
    def name(cls) -> Text:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        # The token is a secret: it comes from the environment (.env), never from
        # credentials.yml, which is committed.
        return cls(settings.twilio_auth_token(), settings.public_base_url())

    def __init__(
        self,
        auth_token: Optional[Text],
        public_base_url: Optional[Text] = None,
        database_url: Optional[Text] = None,
    ) -> None:
        self.validator = RequestValidator(auth_token) if auth_token else None
        self.public_base_url = (public_base_url or "").rstrip("/")
        self.database_url = database_url
        clinic = settings.clinic()
        self.texts = Texts(clinic)  # English
        self.texts_by_language = {code: Texts(clinic, code) for code in language.SUPPORTED}
        if self.validator is None:
            logger.error(
                "sms: TWILIO_AUTH_TOKEN is not set, so the SMS channel refuses every "
                "request (403). Set it in .env to the Twilio account's auth token."
            )
        elif not self.public_base_url:
            logger.warning(
                "sms: PUBLIC_BASE_URL is not set: signatures are checked against the "
                "address each request arrived at, which fails behind a proxy or tunnel."
            )
        else:
            logger.info("sms: Twilio webhook is %s/webhooks/sms/webhook", self.public_base_url)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("itb_sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.validator else "not configured"})

        # A streaming route: handle() reads the body, no further than MAX_REQUEST_BYTES.
        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return webhook

    # ------------------------------------------------------------ request
    def signed_url(self, request: Request) -> str:
        """The URL Twilio signed: the public address, not the one we see."""
        if not self.public_base_url:
            return request.url
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{self.public_base_url}{request.path}{query}"

    async def handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if self.validator is None:
            logger.warning("sms: refused a request: TWILIO_AUTH_TOKEN is not set")
            return error(403, "The SMS channel is not configured.")
        raw = await read_body(request, MAX_REQUEST_BYTES)
        if raw is None:
            logger.info("sms: rejected a request over %d bytes", MAX_REQUEST_BYTES)
            return error(413, "The request is too large.")
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            logger.info("sms: rejected a request that is not form-encoded")
            return error(415, "Twilio webhooks are application/x-www-form-urlencoded.")
        params, problem = parse_form(raw)
        if problem is not None or params is None:
            logger.info("sms: rejected a malformed request")
            return problem or error(400, "Bad request.")
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            logger.warning("sms: rejected a request without %s", SIGNATURE_HEADER)
            return error(403, "Missing signature.")
        if not self.validator.validate(self.signed_url(request), params, signature):
            logger.warning("sms: rejected a request with a wrong %s", SIGNATURE_HEADER)
            return error(403, "Invalid signature.")

        sid = params.get("MessageSid") or params.get("SmsSid") or ""
        phone = params.get("From", "")
        if not MESSAGE_SID.match(sid):
            return error(400, '"MessageSid" is missing or malformed.')
        if not E164.match(phone):
            logger.info("sms: rejected a message from a sender that is not a phone number")
            return error(400, '"From" must be a phone number in E.164 format.')
        if "Body" not in params:
            logger.info("sms: rejected a message from %s without a Body", mask_phone(phone))
            return error(400, '"Body" is missing.')
        text = CONTROL_CHARACTERS.sub(" ", params["Body"]).strip()
        return await self.message(sid, phone, text, on_new_message)

    # ------------------------------------------------------------ message
    async def message(
        self,
        sid: str,
        phone: str,
        text: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        started = time.monotonic()
        masked = mask_phone(phone)
        held: Optional[store.Hold] = None
        try:
            # The lock first, then the row: whoever saved a message answering
            # it always holds its lock (store.hold).
            held = await asyncio.to_thread(store.hold, sid, RETRY_WAIT, self.database_url)
            known = await asyncio.to_thread(store.claim, sid, phone, text, self.database_url)
        except Exception as exc:  # noqa: BLE001 - the database is down: still answer
            logger.error("sms: could not save a message from %s (%s)", masked, type(exc).__name__)
            if held is not None:
                await asyncio.to_thread(self.release, held)
            return twiml(self.fallback(text))
        try:
            if known is not None:
                return await self.retry(sid, phone, text, known, held, on_new_message)
            return await self.respond(sid, phone, text, on_new_message, started)
        finally:
            if held is not None:
                await asyncio.to_thread(self.release, held)

    @staticmethod
    def release(held: store.Hold) -> None:
        try:
            held.release()
        except Exception as exc:  # noqa: BLE001 - the lock goes with its connection anyway
            logger.error("sms: could not release a message lock (%s)", type(exc).__name__)

    async def respond(
        self,
        sid: str,
        phone: str,
        text: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        started: float,
    ) -> HTTPResponse:
        """Answer a claimed message and store the reply."""
        masked = mask_phone(phone)
        try:
            reply, status = await self.answer(phone, text, on_new_message)
        except Exception as exc:  # noqa: BLE001 - the user must always get a reply
            logger.error("sms: answering %s failed (%s)", masked, type(exc).__name__)
            reply, status = self.fallback(text), "failed"
        try:
            await asyncio.to_thread(store.finish, sid, reply, status, self.database_url)
        except Exception as exc:  # noqa: BLE001
            logger.error("sms: could not save the reply to %s (%s)", masked, type(exc).__name__)
        size = segments(reply)
        logger.info(
            "sms: %s %s in %d ms (%d segments, %s)", status, masked,
            (time.monotonic() - started) * 1000, size.count, size.encoding,
        )
        return twiml(reply)

    async def retry(
        self,
        sid: str,
        phone: str,
        text: str,
        known: store.Known,
        held: Optional[store.Hold],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        """Twilio sent a MessageSid again: the first reply, never a second turn.

        If the first answer never finished (the process taking it died) the
        message is answered now, by whichever retry claims it first: at once
        on PostgreSQL (this retry holds the message's lock, so nobody alive is
        answering it), after ABANDONED_AFTER on SQLite."""
        masked = mask_phone(phone)
        if db.utcnow() - known.received_at > REPLAY_WINDOW:
            logger.warning("sms: refused a stale replay of a message from %s", masked)
            return error(403, "Stale request.")
        if known.status in store.IN_PROGRESS and held is not None and held.exclusive:
            if await asyncio.to_thread(store.take_over, sid, self.database_url):
                logger.warning("sms: answering a message from %s whose first answer died", masked)
                return await self.respond(sid, phone, text, on_new_message, time.monotonic())
        abandoned = db.utcnow() - known.received_at > ABANDONED_AFTER
        if known.status in store.IN_PROGRESS and not abandoned:  # still being answered
            known = await asyncio.to_thread(
                store.wait_for_reply, sid, RETRY_WAIT, self.database_url
            )
        if known.status in store.IN_PROGRESS and db.utcnow() - known.received_at > ABANDONED_AFTER:
            if await asyncio.to_thread(store.take_over, sid, self.database_url):
                logger.warning("sms: answering a message from %s whose first answer never finished", masked)
                return await self.respond(sid, phone, text, on_new_message, time.monotonic())
        logger.info("sms: answered a retry from %s with the first reply", masked)
        return twiml(known.reply or "")

    def in_language(self, code: Optional[str]) -> Texts:
        """The channel's texts in `code` (English when unknown)."""
        return self.texts_by_language.get(code or "", self.texts)

    def fallback(self, text: str, code: Optional[str] = None) -> str:
        """The reply when something failed: the emergency line first, then sorry,
        in the message's own language where it tells, else `code`'s."""
        tongue = language.detect(text) or code
        return "\n".join(safety_lines(text, tongue) + [self.in_language(tongue).sorry])

    async def answer(
        self, phone: str, text: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Tuple[str, str]:
        """The text to send (empty: nothing) and the message's status."""
        url = self.database_url
        state = await asyncio.to_thread(store.state, phone, url)
        word = keyword(text)
        # The channel's own texts: in the keyword's language ("PARAR", "STOP"),
        # else the message's, else the language of the number's last reply.
        tongue = keyword_language(word) or language.detect(text) or state.language
        said = self.in_language(tongue)
        if word in OPT_OUT:
            await asyncio.to_thread(store.set_opted_out, phone, True, url)
            logger.info("sms: %s opted out", mask_phone(phone))
            return said.stopped, "answered"
        if word in OPT_IN or (word in OPT_IN_WHEN_OPTED_OUT and state.opted_out):
            await asyncio.to_thread(store.set_opted_out, phone, False, url)
            logger.info("sms: %s opted in", mask_phone(phone))
            return said.started, "answered"
        if word in HELP:  # answered even when opted out, as carriers require
            if not state.introduced:  # HELP says it all: no intro needed after it
                await asyncio.to_thread(store.save_conversation, phone, url=url, language=tongue)
            return said.help, "answered"
        if state.opted_out:
            # Nothing more goes to an opted-out number, with one exception: a text
            # that describes an emergency still gets the emergency line (only that),
            # as an answer the texter asked for. Twilio's own opt-out may block it.
            return "\n".join(safety_lines(text, tongue)), "opted_out"
        # Notices of the channel itself leave the options and pages as they were.
        if word in MORE:
            if state.pending:
                return await self.more(phone, state.pending), "answered"
            return await self.notice(phone, state, said.no_more, language=tongue), "answered"
        if len(text) > MAX_BODY_CHARS:
            urgent = safety_lines(text, tongue)
            return await self.notice(
                phone, state, "\n".join(urgent + [said.too_long]), bool(urgent), tongue
            ), "answered"
        if not text:
            return await self.notice(phone, state, said.empty, language=tongue), "answered"
        number = option_number(text)
        if number is not None and state.options:
            if not 1 <= number <= len(state.options):
                prompt = said.pick_a_number(len(state.options))
                return await self.notice(phone, state, prompt, language=tongue), "answered"
            text = state.options[number - 1]["payload"]
        try:
            reply = await self.ask_assistant(phone, text, state.introduced, on_new_message, state.language)
        except Exception as exc:  # noqa: BLE001 - Rasa or the action server failed
            logger.error(
                "sms: the assistant failed for %s (%s)", mask_phone(phone), type(exc).__name__
            )
            return await self.notice(
                phone, state, self.fallback(text, tongue), bool(safety_lines(text)), tongue
            ), "failed"
        return await self.deliver(phone, state, reply, bool(safety_lines(text))), "answered"

    async def ask_assistant(
        self,
        phone: str,
        text: str,
        introduced: bool,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        known_language: Optional[str] = None,
    ) -> Reply:
        """The assistant's reply. `known_language` (of the number's last reply)
        is the hint for a message too short to tell its own (itb/language)."""
        collector = SmsCollector()
        metadata = {"language": known_language} if known_language else None
        turn = asyncio.ensure_future(
            on_new_message(UserMessage(text, collector, phone, input_channel=self.name(), metadata=metadata))
        )
        turn.add_done_callback(lambda task: task.cancelled() or task.exception())
        # Twilio waits 15 s: past TURN_TIMEOUT the turn goes on, but the user gets "sorry".
        await asyncio.wait_for(asyncio.shield(turn), TURN_TIMEOUT)
        messages = collector.messages
        if not introduced:  # the intro says it: drop the disclosure after an answer
            messages = [
                message for index, message in enumerate(messages)
                if index == 0 or not discloses(str(message.get("text") or ""))
            ]
        reply = compose(messages, self.texts.dialable, collector.language)
        if not reply.text:
            raise EmptyReply()
        return reply

    def introduce(self, state: store.State, body: str, urgent: bool = False, code: Optional[str] = None) -> str:
        """A number's first reply says it is automated and how to stop (in `code`'s
        language): the intro goes after the emergency line, else first; a reply
        that says it is automated already (a greeting) only gets how to stop, if
        that still fits."""
        if state.introduced:
            return body
        said = self.in_language(code)
        if urgent:  # the reply starts with the emergency line: that stays first
            return f"{body}\n{said.intro}"
        if discloses(body):
            short = f"{body}\n{said.how_to_stop}"
            if len(paginate(plain(short), suffix=said.more_suffix)) == 1:
                return short
        return f"{said.intro}\n{body}"

    async def notice(
        self, phone: str, state: store.State, text: str, urgent: bool = False, language: Optional[str] = None
    ) -> str:
        """A short reply of the channel's own: options and pages stay as they were."""
        if not state.introduced:
            await asyncio.to_thread(store.save_conversation, phone, url=self.database_url, language=language)
        suffix = self.in_language(language).more_suffix
        return (paginate(plain(self.introduce(state, text, urgent, language)), suffix=suffix) or [""])[0]

    async def deliver(self, phone: str, state: store.State, reply: Reply, urgent: bool = False) -> str:
        """The first page of the assistant's reply; remembers its options and the
        other pages, and the reply's language. Options count as offered once the
        page listing them is sent."""
        code = reply.language or state.language
        suffix = self.in_language(code).more_suffix
        pages = paginate(plain(self.introduce(state, reply.full_text(), urgent, code)), suffix=suffix) or [""]
        if len(pages) == 1:
            offered, pending = reply.options, None
        else:
            offered, pending = [], store.Pending(pages[1:], reply.options)
        await asyncio.to_thread(
            store.save_conversation, phone, offered, pending, self.database_url, reply.language
        )
        return pages[0]

    async def more(self, phone: str, pending: store.Pending) -> str:
        """The next page of a long reply (and its options, on the last page)."""
        page, rest = pending.pages[0], pending.pages[1:]
        if rest:
            await asyncio.to_thread(
                store.save_conversation, phone, [], store.Pending(rest, pending.options),
                self.database_url,
            )
        else:
            await asyncio.to_thread(
                store.save_conversation, phone, pending.options, None, self.database_url
            )
        return page
