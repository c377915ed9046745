"""The training inbox: patient messages with low confidence or a fallback; a
reviewer picks the right intent (or out of scope); the labels keep the
message's language and export as a Rasa nlu.yml fragment (Spanish examples
marked for data/nlu/es/, or one language only). Below them, the answers patients marked "not helpful" in the
web chat, with their comments masked."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Tuple

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse
from sqlalchemy import and_, exists, func, not_, or_, select

from console import config, exports, masking, queries, tracker, web
from itb import db

PAGE = 20
FEEDBACK_SHOWN = 20
TURNS = db.ConversationTurn.__table__
CORRECTIONS = db.NluCorrection.__table__
STATUSES = ("labelled", "out_of_scope", "skipped")


def needs_review(threshold: float) -> Any:
    return and_(
        or_(TURNS.c.intent == "nlu_fallback", TURNS.c.confidence < threshold),
        TURNS.c.in_form.is_(False),
        not_(exists().where(CORRECTIONS.c.event_id == TURNS.c.event_id,
                            CORRECTIONS.c.conversation_id == TURNS.c.conversation_id)),
    )


def sensitive(conf: Any, conversation_ids: Any) -> Dict[int, masking.Sensitive]:
    """Names and numbers each conversation's patient gave (form answers, requests), to mask them."""
    if not conversation_ids:
        return {}
    with db.session(conf.database_url) as session:
        convs = {row.id: dict(row._mapping) for row in session.execute(
            select(queries.C).where(queries.C.c.id.in_(list(conversation_ids))))}
        senders = [c["sender_id"] for c in convs.values()]
        requests: Dict[str, List[Dict[str, Any]]] = {}
        for r in session.execute(select(db.AppointmentRequest).where(
                db.AppointmentRequest.conversation_id.in_(senders))).scalars():
            requests.setdefault(r.conversation_id, []).append({"full_name": r.full_name, "phone": r.phone})
    events = tracker.conversations(conf.tracker_url, senders)
    return {cid: queries.sensitive_for(events.get(c["sender_id"], []), c, requests.get(c["sender_id"], []))
            for cid, c in convs.items()}


def not_helpful(conf: Any) -> Tuple[List[Dict[str, Any]], int]:
    """The latest answers patients marked "not helpful" in the web chat, comments masked
    (names and numbers the conversation's patient gave, and anything that looks like one)."""
    rows, total = queries.not_helpful(conf.database_url, FEEDBACK_SHOWN)
    known = sensitive(conf, {row["index_id"] for row in rows if row["index_id"] is not None})
    for row in rows:
        comment = row.get("comment")
        row["comment"] = masking.mask(comment, None, known.get(row["index_id"])) if comment else ""
    return rows, total


def register(app: Sanic) -> None:
    @web.route(app, "/inbox")
    def inbox(page: web.Page) -> HTTPResponse:
        threshold = config.effective(page.conf)["low_confidence"]
        before = page.arg("before")
        query = select(TURNS).where(needs_review(threshold))
        cursor = queries.decode_cursor(before) if before else None
        if cursor:
            at, row_id = cursor
            query = query.where(TURNS.c.at <= at, or_(TURNS.c.at < at, TURNS.c.id < row_id))
        query = query.order_by(TURNS.c.at.desc(), TURNS.c.id.desc()).limit(PAGE + 1)
        with db.session(page.conf.database_url) as session:
            turns = [dict(row._mapping) for row in session.execute(query)]
            pending = session.execute(select(func.count()).select_from(TURNS).where(needs_review(threshold))).scalar()
            counts = dict(session.execute(select(CORRECTIONS.c.status, func.count()).group_by(CORRECTIONS.c.status)).all())
            unexported = session.execute(select(func.count()).select_from(CORRECTIONS).where(
                CORRECTIONS.c.status != "skipped", CORRECTIONS.c.exported_at.is_(None))).scalar()
            recent = [dict(row._mapping) for row in session.execute(
                select(CORRECTIONS).order_by(CORRECTIONS.c.reviewed_at.desc(), CORRECTIONS.c.id.desc()).limit(10))]
        more = len(turns) > PAGE
        turns = turns[:PAGE]
        known = sensitive(page.conf, {t["conversation_id"] for t in turns})
        events = tracker.events_by_id(page.conf.tracker_url, [t["event_id"] for t in turns])
        items: List[Dict[str, Any]] = []
        for turn in turns:
            event = events.get(turn["event_id"], {})
            parse = event.get("parse_data") or {}
            text = masking.mask(str(event.get("text") or ""), parse.get("entities"), known.get(turn["conversation_id"]))
            guess, guess_confidence = queries.top_guess(parse)
            items.append({**turn, "text": text, "guess": guess if turn["intent"] == "nlu_fallback" else turn["intent"],
                          "guess_confidence": guess_confidence})
        older = queries.encode_cursor(turns[-1]["at"], turns[-1]["id"]) if more and turns else None
        feedback, feedback_total = not_helpful(page.conf)
        page.audit("inbox.view", "inbox", None, shown=len(items), pending=pending, feedback_shown=len(feedback))
        return page.render("inbox.html", title="Training inbox", items=items, pending=pending, counts=counts,
                           unexported=unexported, recent=recent, older=older, threshold=threshold,
                           intents=queries.domain_intents(), feedback=feedback, feedback_total=feedback_total)

    @web.route(app, "/inbox/<event_id:int>", methods=("POST",))
    def inbox_label(page: web.Page, event_id: int) -> HTTPResponse:
        decision = page.field("decision")
        intent = page.field("intent")
        text = page.field("text")[:500]
        if decision not in ("label", "out_of_scope", "skip"):
            return page.render("error.html", status=400, title="Not saved", message="Choose what to do with the message.")
        if decision == "label" and intent not in queries.domain_intents():
            return page.render("error.html", status=400, title="Not saved", message="Choose one of the assistant's intents.")
        if decision != "skip" and not exports.training_text(text):
            return page.render("error.html", status=400, title="Not saved", message="The example text is empty.")
        status = {"label": "labelled", "out_of_scope": "out_of_scope", "skip": "skipped"}[decision]
        with db.session(page.conf.database_url) as session:
            turn = session.execute(select(db.ConversationTurn).where(db.ConversationTurn.event_id == event_id)
                                   .order_by(db.ConversationTurn.id.desc()).limit(1)).scalar_one_or_none()
            if turn is None:
                raise NotFound("no such message")
            correction = session.execute(select(db.NluCorrection).where(
                db.NluCorrection.event_id == event_id,
                db.NluCorrection.conversation_id == turn.conversation_id)).scalar_one_or_none()
            if correction is None:
                correction = db.NluCorrection(event_id=event_id, conversation_id=turn.conversation_id)
                session.add(correction)
            correction.predicted_intent = turn.intent
            correction.language = turn.language
            correction.predicted_confidence = turn.confidence
            correction.status = status
            correction.intent = intent if status == "labelled" else ("out_of_scope" if status == "out_of_scope" else None)
            correction.example_text = exports.training_text(text) if status != "skipped" else None
            correction.reviewed_by = page.username
            correction.reviewed_at = db.utcnow()
            correction.exported_at = None
            page.record(session, "inbox.label", "message", event_id, status=status, intent=correction.intent,
                        predicted=turn.intent, language=turn.language)
        return web.redirect("/inbox?notice=labelled")

    @web.route(app, "/inbox/export", methods=("POST",))
    def inbox_export(page: web.Page) -> HTTPResponse:
        only_new = page.field("only_new") == "1"
        language = page.field("language") if page.field("language") in db.LANGUAGES else ""  # "": both
        query = select(db.NluCorrection).where(db.NluCorrection.status.in_(("labelled", "out_of_scope")))
        if only_new:
            query = query.where(db.NluCorrection.exported_at.is_(None))
        if language:
            query = query.where(db.NluCorrection.language == language)
        now = db.utcnow()
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(query.order_by(db.NluCorrection.id)).scalars())
            examples = [(row.intent, row.example_text or "", row.language) for row in rows]
            for row in rows:
                row.exported_at = now
            page.record(session, "nlu.export", "nlu_corrections", None, examples=len(examples), only_new=only_new,
                        language=language or "all",
                        spanish=sum(1 for _, _, lang in examples if lang == "es"))
        stamp = dt.datetime.now(page.conf.timezone).strftime("%Y-%m-%d %H:%M %Z")
        which = {"en": "English only", "es": "Spanish only, for data/nlu/es/"}.get(language, "English and Spanish")
        body = exports.nlu_yaml(examples, note=(
            f"NLU corrections from the staff console, exported {stamp} ({len(examples)} examples; {which}).\n"
            "Labelled by clinic staff from real messages; names and numbers masked. Review before training."))
        name = {"en": "nlu-corrections-en.yml", "es": "nlu-corrections-es.yml"}.get(language, "nlu-corrections.yml")
        return web.attachment(body, name, "application/x-yaml; charset=utf-8")
