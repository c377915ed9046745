"""The content the clinic owns: edits of the assistant's answers, proposed by one
staff member and approved by a second clinician, live without retraining.

The answers, their shipped text, sources and sign-off come from domain.yml,
content/sources.yml and content/approvals.yml (itb/content/review.py). An edit
is a row of `content_edits` (itb/db.py): the answer's new text and sources and
the version it edits (`base_version`). Per answer at most one edit waits
(a new proposal supersedes the waiting one) and at most one is live (the
approval of the next one supersedes it); two partial unique indexes enforce
both. An approval is a conditional UPDATE ... WHERE status = 'proposed' whose
row count says who won when two clinicians approve at once. The running
assistant reads approved edits through itb/content/overrides.py.

Each answer has an English text (domain.yml's default variations) and a
Spanish one (the variations with the condition `language: es`), side by side
on the page. Each language has its own edits, proposal and approval (the
column `language`, "en" or "es"): a Spanish edit is approved by a second
clinician like an English one and is then said only in Spanish conversations
(itb/content/overrides.py files it as "name@es"). The English behaves exactly
as before.

Every step writes an audit row with the answer's name, the edit's id, language
and versions, never the text. Every change, with its audit row, is one transaction:
on any error nothing is saved.

An edit is refused when it is empty or longer than MAX_CHARS, reads above
grade MAX_GRADE (English: Flesch-Kincaid, phone numbers left out, as
tests/test_domain.py measures) or below MIN_EASE (Spanish: Fernández-Huerta
"fairly easy", 70 or more, as tests/content/test_spanish.py measures), names
no source or one that content/sources.yml does not list, uses
a placeholder other than the clinic's settings, or edits a safety reply
(emergency, crisis, medicine and fasting hand-offs: those change only in
domain.yml, with the safety tests). HTML is kept as typed, as plain text: every
page escapes it, and the chat widget shows text, never markup.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import textstat
import yaml
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, aliased

from console import audit
from itb import db
from itb.content import fill, review

MAX_CHARS = 1000
MAX_GRADE = 8.0
MIN_EASE = 70.0  # Spanish: Fernández-Huerta 70-80 is "bastante fácil" (fairly easy), higher is easier
LANGUAGES = db.LANGUAGES  # ("en", "es"): English, the default text, and Spanish
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
MAX_SOURCES = 12
MAX_IMPORT_ENTRIES = 2000
FORMAT = "itb-content/1"
# Phone numbers and "800.775.PAIN" are not words; they would skew the formula (as tests/test_domain.py).
NUMBER = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")  # and lone surrogates (YAML "\ud800")
# Spanish, as tests/content/test_spanish.py measures: numbers and placeholders are not words,
# and a line without an ending (a list item) is a sentence of its own.
SPANISH_NOT_WORDS = re.compile(r"\d[\d.()/ -]*\d|800\.775\.PAIN|\{[A-Za-z_]+\}")
UNENDED_LINE = re.compile(r"(?<![.!?:])\n")
EDIT = db.ContentEdit


def grade(text: str) -> float:
    """The reading level (US school grade) the project's tests measure."""
    return float(textstat.flesch_kincaid_grade(NUMBER.sub("", text)))


_spanish_lock = threading.Lock()
_spanish_stats: List[Any] = []


def _spanish() -> Any:
    """textstat's calculator set to Spanish, our own instance: `textstat.set_lang` changes
    the module's shared one, which grade() (and anyone else in the process) reads as English.
    Its settings never change after this, so threads can share it."""
    with _spanish_lock:
        if not _spanish_stats:
            from textstat.textstat import textstatistics

            stats = textstatistics()
            stats.set_lang("es")
            _spanish_stats.append(stats)
        return _spanish_stats[0]


def ease(text: str) -> float:
    """How easy a Spanish text is to read: Fernández-Huerta (higher is easier; MIN_EASE or more)."""
    return float(_spanish().fernandez_huerta(UNENDED_LINE.sub(".\n", SPANISH_NOT_WORDS.sub("", text))))


def version_of(text: str, sources: Sequence[str]) -> str:
    return review.version_of([text], list(sources))


class Refused(Exception):
    """A change that was not made. `problems` are messages for the person;
    `codes` (no text) go to the audit log."""

    def __init__(self, problems: List[str], codes: List[str], status: int = 400) -> None:
        super().__init__("; ".join(problems))
        self.problems, self.codes, self.status = problems, codes, status


@dataclass
class Edit:
    """One row of content_edits as the pages show it."""

    id: int
    answer: str
    text: str
    sources: List[str]
    base_version: str
    version: str
    status: str
    proposed_by_id: int
    proposed_by: str
    proposed_at: dt.datetime
    decided_by: Optional[str]
    decided_at: Optional[dt.datetime]
    stale: bool = False  # the answer changed after it was proposed
    language: str = "en"

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)


@dataclass
class Entry:
    """One answer in one language: the shipped text, the live edit if any, the
    waiting proposal. An English entry carries its Spanish one as `es`."""

    answer: review.Answer
    title: Optional[str]
    editable: bool
    live: Optional[Edit] = None
    pending: Optional[Edit] = None
    shipped_changed: bool = False  # the shipped text changed after the live edit was made
    history: List[Edit] = field(default_factory=list)
    language: str = "en"
    es: Optional["Entry"] = None  # the Spanish text of an English entry

    @property
    def name(self) -> str:
        return self.answer.name

    @property
    def key(self) -> str:
        """How the assistant files it: the answer's name, with "@es" for Spanish (itb/content/overrides.py)."""
        return review.record_name(self.name, self.language)

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def has_text(self) -> bool:
        """False for a Spanish entry without a Spanish variation or edit (Spanish conversations hear the English)."""
        return bool(self.live or self.answer.texts)

    @property
    def languages(self) -> List["Entry"]:
        """This entry and its Spanish one, side by side."""
        return [self] + ([self.es] if self.es is not None else [])

    @property
    def text(self) -> str:
        return self.live.text if self.live else (self.answer.texts[0] if self.answer.texts else "")

    @property
    def sources(self) -> List[str]:
        return self.live.sources if self.live else self.answer.sources

    @property
    def version(self) -> str:
        return self.live.version if self.live else self.answer.version

    @property
    def status(self) -> str:
        """live (an approved edit), approved (shipped text signed off), draft, or
        missing (a Spanish entry without any Spanish text)."""
        if self.live:
            return "live"
        return self.answer.status if self.has_text else "missing"

    def export(self) -> Dict[str, Any]:
        """As the content file has it: the English at the top, the Spanish under `es`."""
        found: Dict[str, Any] = {
            "name": self.name,
            "language": self.language,
            "text": self.text,
            "sources": list(self.sources),
            "status": "live edit" if self.live else ("no text" if not self.has_text else self.answer.status),
            "approved_by": self.live.decided_by if self.live else self.answer.approved_by,
            "approved_at": (iso(self.live.decided_at) if self.live else self.answer.approved_at) or None,
            "version": self.version,
        }
        if self.es is not None:
            spanish = self.es.export()
            del spanish["name"]
            found["es"] = spanish
        return found


def iso(value: Optional[dt.datetime]) -> Optional[str]:
    return value.isoformat(timespec="seconds") + "Z" if value else None


_parsed: Dict[str, Any] = {"key": None, "responses": {}}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _domain_responses() -> Dict[str, Any]:
    """domain.yml's responses, read again whenever the file changes (others edit it)."""
    stat = review.DOMAIN.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if _parsed["key"] != key:
        document = yaml.load(review.DOMAIN.read_text(encoding="utf-8"), Loader=_Loader) or {}
        _parsed.update(key=key, responses=document.get("responses") or {})
    return _parsed["responses"]


def shipped(language: str = "en") -> Tuple[Dict[str, review.Answer], Dict[str, Optional[str]]]:
    """domain.yml's answers by name in `language` (read now: other people change it), and
    each one's title (the English one, which names the answer on the staff's pages;
    a Spanish variation's title when the English has none)."""
    responses = _domain_responses()
    found = {answer.name: answer for answer in review.answers(responses, language=language)}
    titles = {}
    for name in found:
        variants = responses.get(name) or []
        wanted = [v for v in variants if review.variant_language(v) == language]
        english = [v for v in variants if review.variant_language(v) == "en"]
        titles[name] = next((str(((v or {}).get("metadata") or {}).get("title"))
                             for v in english + wanted
                             if ((v or {}).get("metadata") or {}).get("title")), None)
    return found, titles


def editable(name: str) -> bool:
    return name not in review.SAFETY_ANSWERS


def _edits(session: Session, *where: Any) -> List[Edit]:
    proposer, decider = aliased(db.StaffUser), aliased(db.StaffUser)
    rows = session.execute(
        select(EDIT, proposer.username, decider.username)
        .join(proposer, proposer.id == EDIT.proposed_by)
        .outerjoin(decider, decider.id == EDIT.decided_by)
        .where(*where).order_by(EDIT.id)
    ).all()
    found = []
    for row, proposed_by, decided_by in rows:
        sources = _sources_of(row)
        found.append(Edit(row.id, row.answer, row.text, sources, row.base_version, version_of(row.text, sources),
                          row.status, row.proposed_by, proposed_by, row.proposed_at, decided_by, row.decided_at,
                          language=row.language))
    return found


def _sources_of(row: db.ContentEdit) -> List[str]:
    try:
        return [str(source) for source in json.loads(row.sources or "[]")]
    except ValueError:
        return []


def entries(database_url: Optional[str], history_of: Optional[str] = None) -> List[Entry]:
    """Every answer (its English entry, with the Spanish one as `es`) with its live edit
    and waiting proposal in each language (and, for one answer, every edit)."""
    shipped_in = {language: shipped(language) for language in LANGUAGES}
    with db.session(database_url) as session:
        edits = _edits(session, EDIT.status.in_(("proposed", "approved")))
        history = _edits(session, EDIT.answer == history_of) if history_of else []
        # the versions edits were made from, to follow a live edit back to the shipped text it replaced
        chain = dict(session.execute(select(EDIT.id, EDIT.base_version).where(EDIT.status != "rejected")).all())
        versions: Dict[Tuple[str, str, str], int] = {}
        for edit in _edits(session, EDIT.status.in_(("approved", "superseded"))):
            versions.setdefault((edit.answer, edit.language, edit.version), edit.id)
    found = {(name, language): Entry(answer, titles.get(name), editable(name), language=language)
             for language, (answers, titles) in shipped_in.items() for name, answer in answers.items()}
    for edit in edits:
        entry = found.get((edit.answer, edit.language))
        if entry is None:
            continue  # an edit of an answer domain.yml no longer has: shown nowhere, served by nobody
        if edit.status == "approved":
            entry.live = edit
        else:
            entry.pending = edit
    for entry in found.values():
        if entry.live:
            entry.shipped_changed = _started_from(entry.live, chain, versions) != entry.answer.version
        if entry.pending:
            entry.pending.stale = entry.pending.base_version != entry.version
    for language in LANGUAGES:
        if history_of is not None and (history_of, language) in found:
            found[(history_of, language)].history = [h for h in reversed(history) if h.language == language]
    english = [entry for (_, language), entry in found.items() if language == "en"]
    for entry in english:
        entry.es = found.get((entry.name, "es"))
    return english


def _started_from(edit: Edit, chain: Dict[int, str], versions: Dict[Tuple[str, str, str], int]) -> str:
    """The shipped version a live edit (and the edits it followed) started from."""
    base, seen = edit.base_version, {edit.id}
    while (edit.answer, edit.language, base) in versions and versions[(edit.answer, edit.language, base)] not in seen:
        earlier = versions[(edit.answer, edit.language, base)]
        seen.add(earlier)
        base = chain.get(earlier, base)
    return base


def entry(database_url: Optional[str], name: str) -> Optional[Entry]:
    """One answer's English entry (its Spanish one as `es`), with every edit of each."""
    return next((e for e in entries(database_url, history_of=name) if e.name == name), None)


# ---------------------------------------------------------------------------
# Checks


def clean_text(raw: Any) -> str:
    text = raw if isinstance(raw, str) else ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_sources(raw: Any) -> List[str]:
    if isinstance(raw, str):
        raw = [raw]
    found: List[str] = []
    for source in (raw if isinstance(raw, list) else [])[:100]:
        # never repr() a nested value: a YAML file can make it enormous with aliases
        source = printable(str(source).strip())[:100] if isinstance(source, (str, int)) else "(not an id)"
        if source and source not in found:
            found.append(source)
    return found


def printable(value: str) -> str:
    """`value` without lone surrogates (they cannot be stored or sent as UTF-8)."""
    return value.encode("utf-8", "replace").decode("utf-8")


def shown(value: str, limit: int = 40) -> str:
    """A value the person typed, cut short, for a message (the page escapes it)."""
    value = printable(value)
    return value if len(value) <= limit else value[:limit] + "…"


def problems_of(name: str, text: str, sources: List[str], answers: Dict[str, review.Answer],
                known: Dict[str, str], language: str = "en") -> List[Tuple[str, str]]:
    """What is wrong with an edit in `language` (answers: shipped(language)), as
    (code, message) pairs; [] when it may be proposed."""
    found: List[Tuple[str, str]] = []
    if language not in LANGUAGES:
        return [("unknown_language", "Choose English or Spanish.")]
    answer = answers.get(name)
    if answer is None:
        return [("unknown_answer", f"There is no answer named “{shown(name, 80)}” in domain.yml.")]
    if not editable(name):
        found.append(("safety_reply", "Safety replies (emergency, crisis, medicine and fasting hand-offs) are "
                                      "changed only in domain.yml, with a clinician's review and the safety tests."))
    if not text:
        found.append(("empty", "Write the answer's text."))
    elif len(text) > MAX_CHARS:
        found.append(("too_long", f"The text is {len(text):,} characters long; the most is {MAX_CHARS:,}. "
                                  "Shorten it (1 to 4 short sentences)."))
    if CONTROL.search(text):
        found.append(("control_characters", "The text has control characters; type it again as plain text."))
    # Placeholders: the clinic's settings, and those the shipped text already uses
    # (its slots). Any other brace would break Rasa's filling of the reply.
    allowed = set(fill.PLACEHOLDERS)
    shipped_texts = list(answer.texts)
    if language != "en":  # a translation may use what the English uses
        english = shipped("en")[0].get(name)
        shipped_texts += english.texts if english else []
    for text_of_variant in shipped_texts:
        allowed |= set(PLACEHOLDER.findall(text_of_variant))
    leftover = PLACEHOLDER.sub(lambda match: "" if match.group(1) in allowed else match.group(0), text)
    unknown_placeholders = sorted(set(PLACEHOLDER.findall(leftover)))
    usable = ", ".join("{" + p + "}" for p in sorted(allowed))
    if unknown_placeholders:
        names = ", ".join("{" + shown(p, 30) + "}" for p in unknown_placeholders[:5])
        found.append(("placeholder", f"Unknown placeholder {names}. Use only {usable}."))
    elif "{" in leftover or "}" in leftover:
        found.append(("braces", f"Curly brackets are only for placeholders ({usable}); take out the others."))
    if not sources:
        found.append(("no_source", "Pick at least one source the text rests on."))
    elif len(sources) > MAX_SOURCES:
        found.append(("too_many_sources", f"Pick at most {MAX_SOURCES} sources."))
    unknown = [source for source in sources if source not in known]
    if unknown:
        found.append(("unknown_source", "Unknown source id " + ", ".join(f"“{shown(s)}”" for s in unknown[:5])
                      + ": pick sources from the list (content/sources.yml)."))
    if text and len(text) <= MAX_CHARS and not CONTROL.search(text) and language == "es":
        score = ease(text)
        if score < MIN_EASE:
            found.append(("reading_level", f"The Spanish text scores {score:.1f} on the Fernández-Huerta scale; "
                                           f"it needs {MIN_EASE:.0f} or more (fairly easy). "
                                           "Use shorter sentences and everyday words."))
    elif text and len(text) <= MAX_CHARS and not CONTROL.search(text):
        level = grade(text)
        if level > MAX_GRADE:
            found.append(("reading_level", f"The text reads at grade {level:.1f}; the most is grade "
                                           f"{MAX_GRADE:.0f}. Use shorter sentences and everyday words."))
    return found


# ---------------------------------------------------------------------------
# Changes


def _live_and_pending(session: Session, name: str,
                      language: str = "en") -> Tuple[Optional[db.ContentEdit], Optional[db.ContentEdit]]:
    rows = list(session.execute(select(EDIT).where(EDIT.answer == name, EDIT.language == language,
                                                   EDIT.status.in_(("approved", "proposed")))).scalars())
    live = next((row for row in rows if row.status == "approved"), None)
    pending = next((row for row in rows if row.status == "proposed"), None)
    return live, pending


def _current(answer: review.Answer, live: Optional[db.ContentEdit]) -> Tuple[str, List[str], str]:
    """The text, sources and version the assistant says now."""
    if live is not None:
        sources = _sources_of(live)
        return live.text, sources, version_of(live.text, sources)
    return (answer.texts[0] if answer.texts else ""), list(answer.sources), answer.version


def _refuse_and_audit(database_url: Optional[str], actor: audit.Actor, action: str, name: str,
                      refused: Refused, ip: Optional[str], **detail: Any) -> None:
    audit.write(database_url, actor, action, target_type="answer", target_id=name,
                detail={"reasons": refused.codes, **detail}, ip=ip)


def _add_proposal(session: Session, actor: audit.Actor, name: str, text: str, sources: List[str],
                  base_version: str, ip: Optional[str], via: str, language: str = "en") -> db.ContentEdit:
    now = db.utcnow()
    superseded = list(session.execute(select(EDIT.id).where(EDIT.answer == name, EDIT.language == language,
                                                            EDIT.status == "proposed")).scalars())
    if superseded:
        session.execute(update(EDIT).where(EDIT.id.in_(superseded), EDIT.status == "proposed")
                        .values(status="superseded", decided_by=actor.user_id, decided_at=now)
                        .execution_options(synchronize_session=False))
    edit = EDIT(answer=name, text=text, sources=json.dumps(sources), base_version=base_version,
                proposed_by=actor.user_id, proposed_at=now, status="proposed", language=language)
    session.add(edit)
    session.flush()
    audit.record(session, actor, "content.propose", target_type="answer", target_id=name,
                 detail={"edit": edit.id, "language": language, "version": version_of(text, sources),
                         "base_version": base_version, "superseded": superseded, "via": via}, ip=ip)
    return edit


def propose(database_url: Optional[str], actor: audit.Actor, name: str, text: Any, sources: Any,
            ip: Optional[str] = None, language: str = "en") -> int:
    """Store a proposal of the answer's text in `language` ("en", "es"), superseding
    the waiting one in that language; its id. Raises Refused."""
    name, text, sources = printable(name), clean_text(text), clean_sources(sources)
    language = language if language in LANGUAGES else printable(str(language))[:8]
    answers, _ = shipped(language) if language in LANGUAGES else ({}, {})
    problems = problems_of(name, text, sources, answers, review.known_sources(), language)
    try:
        if problems:
            raise Refused([m for _, m in problems], [c for c, _ in problems],
                          status=404 if problems[0][0] == "unknown_answer" else 400)
        with db.session(database_url) as session:
            live, _ = _live_and_pending(session, name, language)
            current_text, current_sources, base_version = _current(answers[name], live)
            if text == current_text and sorted(sources) == sorted(current_sources):
                raise Refused(["This is already the text and sources the assistant uses: nothing to propose."],
                              ["unchanged"])
            edit = _add_proposal(session, actor, name, text, sources, base_version, ip, via="form",
                                 language=language)
            return edit.id
    except IntegrityError:
        refused = Refused(["Someone proposed an edit of this answer at the same moment. "
                           "Reload the page, read it, and propose again if needed."], ["conflict"], status=409)
    except Refused as problem:
        refused = problem
    _refuse_and_audit(database_url, actor, "content.propose.refused", name[:128], refused, ip, language=language)
    raise refused


def find_edit(database_url: Optional[str], edit_id: int) -> Optional[Edit]:
    with db.session(database_url) as session:
        found = _edits(session, EDIT.id == edit_id)
    return found[0] if found else None


def _why_not_waiting(edit: Edit, tz: Any = None) -> Tuple[str, str]:
    when = ""
    if edit.decided_at and tz is not None:
        when = f" on {edit.decided_at.replace(tzinfo=dt.timezone.utc).astimezone(tz):%b %d, %Y %H:%M}"
    elif edit.decided_at:
        when = f" on {edit.decided_at:%b %d, %Y %H:%M} UTC"
    if edit.status == "approved":
        return "already_approved", f"This edit was already approved by {edit.decided_by or 'another clinician'}{when}."
    if edit.status == "rejected":
        return "already_rejected", f"This edit was already rejected by {edit.decided_by or 'another clinician'}{when}."
    return "superseded", "A newer proposal or edit of this answer replaced this one. Read the answer again."


def approve(database_url: Optional[str], actor: audit.Actor, edit_id: int, ip: Optional[str] = None,
            tz: Any = None) -> Edit:
    """Make a waiting edit live. Refused for its own proposer, for an edit already
    decided (two approvals at once: exactly one wins), and for an edit of an
    answer that changed since it was proposed. Raises Refused."""
    found = find_edit(database_url, edit_id)
    if found is None:
        raise Refused(["There is no such edit."], ["no_such_edit"], status=404)
    name, language = found.answer, found.language
    answers, _ = shipped(language)
    try:
        if found.proposed_by_id == actor.user_id:
            raise Refused(["You proposed this edit, so another clinician must approve it."], ["own_proposal"],
                          status=403)
        if found.status != "proposed":
            code, message = _why_not_waiting(found, tz)
            raise Refused([message], [code], status=409)
        if name not in answers:
            raise Refused(["domain.yml no longer has this answer."], ["unknown_answer"], status=409)
        unknown = [s for s in found.sources if s not in review.known_sources()]
        if unknown:
            raise Refused(["This edit names a source that content/sources.yml no longer lists: "
                           + ", ".join(unknown) + ". Propose it again with current sources."],
                          ["unknown_source"], status=409)
        with db.session(database_url) as session:
            live, _ = _live_and_pending(session, name, language)
            if live is not None and live.id == edit_id:
                raise _LostRace()  # another clinician approved it a moment ago
            current_version = _current(answers[name], live)[2]
            if found.base_version != current_version:
                raise Refused(["The answer changed after this edit was proposed (the shipped text or the live "
                               "edit is different now). Reject it, or propose it again on the current text."],
                              ["stale"], status=409)
            now = db.utcnow()
            replaced = list(session.execute(select(EDIT.id).where(
                EDIT.answer == name, EDIT.language == language, EDIT.status == "approved",
                EDIT.id != edit_id)).scalars())
            if replaced:
                session.execute(update(EDIT).where(EDIT.id.in_(replaced), EDIT.status == "approved")
                                .values(status="superseded", decided_by=actor.user_id, decided_at=now)
                                .execution_options(synchronize_session=False))
            won = session.execute(
                update(EDIT).where(EDIT.id == edit_id, EDIT.status == "proposed",
                                   EDIT.proposed_by != actor.user_id)
                .values(status="approved", decided_by=actor.user_id, decided_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount
            if won != 1:
                raise _LostRace()
            audit.record(session, actor, "content.approve", target_type="answer", target_id=name,
                         detail={"edit": edit_id, "language": language, "version": found.version,
                                 "base_version": found.base_version, "superseded": replaced}, ip=ip)
    except (_LostRace, IntegrityError, OperationalError) as lost:
        latest = find_edit(database_url, edit_id)
        if isinstance(lost, (_LostRace, IntegrityError)) and latest is not None and latest.status != "proposed":
            code, message = _why_not_waiting(latest, tz)
        else:
            code, message = "conflict", ("Another change to this answer was saved at the same moment. "
                                         "Reload the page and try again.")
        refused = Refused([message], [code], status=409)
        _refuse_and_audit(database_url, actor, "content.approve.refused", name, refused, ip, edit=edit_id)
        raise refused from None
    except Refused as refused:
        _refuse_and_audit(database_url, actor, "content.approve.refused", name, refused, ip, edit=edit_id)
        raise
    return find_edit(database_url, edit_id)  # type: ignore[return-value]


class _LostRace(Exception):
    pass


def reject(database_url: Optional[str], actor: audit.Actor, edit_id: int, ip: Optional[str] = None,
           tz: Any = None) -> Edit:
    """Refuse a waiting edit (its proposer may withdraw it so). Raises Refused."""
    found = find_edit(database_url, edit_id)
    if found is None:
        raise Refused(["There is no such edit."], ["no_such_edit"], status=404)
    try:
        with db.session(database_url) as session:
            done = session.execute(
                update(EDIT).where(EDIT.id == edit_id, EDIT.status == "proposed")
                .values(status="rejected", decided_by=actor.user_id, decided_at=db.utcnow())
                .execution_options(synchronize_session=False)
            ).rowcount
            if done != 1:
                raise _LostRace()
            audit.record(session, actor, "content.reject", target_type="answer", target_id=found.answer,
                         detail={"edit": edit_id, "language": found.language, "version": found.version}, ip=ip)
    except (_LostRace, OperationalError):
        latest = find_edit(database_url, edit_id)
        code, message = (_why_not_waiting(latest, tz) if latest and latest.status != "proposed"
                         else ("conflict", "Another change was saved at the same moment. Reload and try again."))
        refused = Refused([message], [code], status=409)
        _refuse_and_audit(database_url, actor, "content.reject.refused", found.answer, refused, ip, edit=edit_id)
        raise refused from None
    return find_edit(database_url, edit_id)  # type: ignore[return-value]


# ---------------------------------------------------------------------------
# Export and import: the whole content as one YAML file


def export(database_url: Optional[str], by: str) -> str:
    """Every answer with its current text, sources, status and approver, as YAML: the
    English at the top of each entry, the Spanish under `es` (language "es")."""
    document = {
        "format": FORMAT,
        "exported_at": iso(db.utcnow()),
        "exported_by": by,
        "answers": [e.export() for e in entries(database_url)],
    }
    header = ("# The assistant's answers as the clinic serves them now (ITB staff console, Content page).\n"
              "# Edit text and sources, then an admin imports the file: each changed answer becomes a\n"
              "# proposal that a second clinician approves. Sources are ids from content/sources.yml.\n"
              "# Each answer's Spanish text is under `es` (language: es), proposed and approved on its own;\n"
              "# an empty Spanish text means domain.yml has none yet (Spanish conversations hear the English).\n")
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


@dataclass
class ImportResult:
    created: List[Tuple[str, int]]  # (answer, edit id); a Spanish edit's answer as "name@es"
    unchanged: int


def _parse(data: bytes) -> List[Any]:
    try:
        document = yaml.load(data.decode("utf-8"), Loader=_Loader)
    except UnicodeDecodeError:
        raise Refused(["The file is not UTF-8 text. Export the content again and edit that file."],
                      ["not_utf8"]) from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise Refused([f"The file is not valid YAML or JSON{where}."], ["not_yaml"]) from None
    items = document.get("answers") if isinstance(document, dict) else document
    if not isinstance(items, list) or not items:
        raise Refused(["The file has no list of answers (`answers:` with name, text and sources for each)."],
                      ["no_answers"])
    if len(items) > MAX_IMPORT_ENTRIES:
        raise Refused([f"The file has {len(items):,} entries; the most is {MAX_IMPORT_ENTRIES:,}."],
                      ["too_many_entries"])
    return items


def _same_as(entry: Entry) -> List[Tuple[str, List[str]]]:
    same = [(entry.text, sorted(entry.sources))]
    if entry.pending is not None:
        same.append((entry.pending.text, sorted(entry.pending.sources)))
    return same


def import_file(database_url: Optional[str], actor: audit.Actor, data: bytes,
                ip: Optional[str] = None) -> ImportResult:
    """Create a proposal for every answer whose text or sources in the file differ
    from what the assistant says now (and from its waiting proposal). Never
    approves. Any invalid entry refuses the whole file: nothing is imported."""
    try:
        items = _parse(data)
        answers = {language: shipped(language)[0] for language in LANGUAGES}
        known = review.known_sources()
        now = {(e.name, e.language): e for english in entries(database_url) for e in english.languages}
        problems: List[str] = []
        codes: List[str] = []
        wanted: List[Tuple[str, str, str, List[str]]] = []
        seen = set()
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                problems.append(f"Entry {number}: needs a name, a text and sources.")
                codes.append("bad_entry")
                continue
            name = printable(item["name"].strip())
            label = f"Entry {number} ({shown(name, 80)})"
            # an entry is English unless it says `language: es`; its Spanish text may be under `es`
            language = item.get("language", "en")
            if language not in LANGUAGES:
                problems.append(f"{label}: the language is “{shown(str(language), 10)}”; use en or es.")
                codes.append("unknown_language")
                continue
            parts = [(language, item, label if language == "en" else f"{label}, Spanish")]
            if item.get("es") is not None:
                if language != "en" or not isinstance(item["es"], dict):
                    problems.append(f"{label}: the Spanish text (es) needs a text and a list of sources.")
                    codes.append("bad_entry")
                    continue
                parts.append(("es", item["es"], f"{label}, Spanish"))
            for language, part, where in parts:
                if (name, language) in seen:
                    problems.append(f"{where}: the answer appears twice in the file.")
                    codes.append("duplicate")
                    continue
                seen.add((name, language))
                if not isinstance(part.get("text"), str) or not isinstance(part.get("sources"), (list, str)):
                    problems.append(f"{where}: needs a text and a list of sources.")
                    codes.append("bad_entry")
                    continue
                text, sources = clean_text(part["text"]), clean_sources(part["sources"])
                current = now.get((name, language))
                if current is not None and (text, sorted(sources)) in _same_as(current):
                    continue  # what the assistant says now (or its waiting proposal): nothing to check
                if current is not None and not text and not current.has_text:
                    continue  # no Spanish text in domain.yml, and none written in the file
                for code, message in problems_of(name, text, sources, answers[language], known, language):
                    problems.append(f"{where}: {message}")
                    codes.append(code)
                wanted.append((name, language, text, sources))
        if problems:
            raise Refused(problems, sorted(set(codes)))
        created: List[Tuple[str, int]] = []
        unchanged = 0
        with db.session(database_url) as session:
            for name, language, text, sources in wanted:
                live, pending = _live_and_pending(session, name, language)
                current_text, current_sources, base_version = _current(answers[language][name], live)
                same = (text, sorted(sources))
                if same == (current_text, sorted(current_sources)) or (
                        pending is not None and same == (pending.text, sorted(_sources_of(pending)))):
                    unchanged += 1
                    continue
                created.append((review.record_name(name, language),
                                _add_proposal(session, actor, name, text, sources, base_version, ip,
                                              via="import", language=language).id))
            audit.record(session, actor, "content.import", target_type="content", target_id=None,
                         detail={"entries": len(items), "proposed": [name for name, _ in created],
                                 "unchanged": unchanged}, ip=ip)
        return ImportResult(created, unchanged)
    except IntegrityError:
        refused = Refused(["Someone proposed an edit at the same moment. Nothing was imported; try again."],
                          ["conflict"], status=409)
    except Refused as problem:
        refused = problem
    audit.write(database_url, actor, "content.import.refused", target_type="content",
                detail={"reasons": refused.codes, "problems": len(refused.problems)}, ip=ip)
    raise refused


def sources_listed(ids: Iterable[str]) -> List[Tuple[str, str]]:
    """(id, description) for each id; an id sources.yml does not list says so."""
    known = review.known_sources()
    return [(source, known.get(source, "not in content/sources.yml")) for source in ids]
