"""Conversations: the list with search and filters, one transcript, tags,
notes, review marks, reveal (clinicians) and exports."""
from __future__ import annotations

import re

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse
from sqlalchemy import select

from console import auth, config, exports, queries, web
from itb import db

TAG = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,39}$")
MAX_NOTE = 5000


def key(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


def register(app: Sanic) -> None:
    @web.route(app, "/conversations")
    def conversation_list(page: web.Page) -> HTTPResponse:
        settings = config.effective(page.conf)
        filters = queries.Filters.read(page.args)
        result = queries.listing(page.conf.database_url, page.conf.tracker_url, filters, page.conf.timezone,
                                 settings["low_confidence"], before=page.arg("before"), after=page.arg("after"))
        page.audit("conversations.search" if filters.active else "conversations.list", "conversations", None,
                   filters=filters.params(), results=result.total, shown=len(result.rows))
        return page.render("conversations.html", title="Conversations", filters=filters, result=result,
                           params=filters.params(), intents=queries.domain_intents(),
                           tags=queries.all_tags(page.conf.database_url), export_max=config.EXPORT_MAX_CONVERSATIONS)

    @web.route(app, "/conversations/<conversation_id:int>")
    def conversation_view(page: web.Page, conversation_id: int) -> HTTPResponse:
        conv = queries.conversation(page.conf.database_url, conversation_id)
        if conv is None:
            raise NotFound("no such conversation")
        settings = config.effective(page.conf)
        conv["low"] = conv["min_confidence"] is not None and conv["min_confidence"] < settings["low_confidence"]
        revealed = page.revealed(key(conversation_id))
        items = queries.transcript(page.conf.tracker_url, conv, settings["low_confidence"], revealed)
        page.audit("conversation.view", "conversation", conversation_id, revealed=revealed)
        sender = conv["sender_id"] if revealed else queries.masking.mask_sender(conv["sender_id"], conv["channel"])
        return page.render("transcript.html", title=f"Conversation C-{conversation_id}", conv=conv, items=items,
                           revealed=revealed, sender=sender, can_reveal=page.role == "clinician",
                           can_forget=page.role in ("clinician", "admin"),
                           all_tags=queries.all_tags(page.conf.database_url))

    @web.route(app, "/conversations/<conversation_id:int>/reveal", methods=("POST",), roles=("clinician",))
    def conversation_reveal(page: web.Page, conversation_id: int) -> HTTPResponse:
        with db.session(page.conf.database_url) as session:
            if session.get(db.ConversationIndex, conversation_id) is None:
                raise NotFound("no such conversation")
            row = session.get(db.StaffSession, page.session_id)
            auth.grant_reveal(row, key(conversation_id))
            page.record(session, "conversation.reveal", "conversation", conversation_id)
        return web.redirect(f"/conversations/{conversation_id}?notice=revealed")

    @web.route(app, "/conversations/<conversation_id:int>/tags", methods=("POST",))
    def conversation_tag(page: web.Page, conversation_id: int) -> HTTPResponse:
        tag = re.sub(r"\s+", " ", page.field("tag").lower())
        remove = page.field("remove") == "1"
        if not TAG.match(tag):
            return page.render("error.html", status=400, title="Tag not saved",
                               message="A tag is 1-40 letters, digits, spaces, - or _.")
        with db.session(page.conf.database_url) as session:
            if session.get(db.ConversationIndex, conversation_id) is None:
                raise NotFound("no such conversation")
            existing = session.get(db.ConversationTag, (conversation_id, tag))
            if remove and existing is not None:
                session.delete(existing)
                page.record(session, "conversation.untag", "conversation", conversation_id, tag=tag)
            elif not remove and existing is None:
                session.add(db.ConversationTag(conversation_id=conversation_id, tag=tag, added_by=page.username))
                page.record(session, "conversation.tag", "conversation", conversation_id, tag=tag)
        return web.redirect(f"/conversations/{conversation_id}?notice={'untagged' if remove else 'tagged'}")

    @web.route(app, "/conversations/<conversation_id:int>/notes", methods=("POST",))
    def conversation_note(page: web.Page, conversation_id: int) -> HTTPResponse:
        body = page.field("body")
        if not body or len(body) > MAX_NOTE:
            return page.render("error.html", status=400, title="Note not saved",
                               message=f"A note is 1 to {MAX_NOTE} characters.")
        with db.session(page.conf.database_url) as session:
            if session.get(db.ConversationIndex, conversation_id) is None:
                raise NotFound("no such conversation")
            session.add(db.ConversationNote(conversation_id=conversation_id, author=page.username, body=body))
            page.record(session, "conversation.note", "conversation", conversation_id, length=len(body))
        return web.redirect(f"/conversations/{conversation_id}?notice=noted#notes")

    @web.route(app, "/conversations/<conversation_id:int>/review", methods=("POST",))
    def conversation_review(page: web.Page, conversation_id: int) -> HTTPResponse:
        unmark = page.field("action") == "unmark"
        with db.session(page.conf.database_url) as session:
            if session.get(db.ConversationIndex, conversation_id) is None:
                raise NotFound("no such conversation")
            review = session.get(db.ConversationReview, conversation_id)
            if unmark and review is not None:
                session.delete(review)
                page.record(session, "conversation.unreview", "conversation", conversation_id)
            elif not unmark:
                if review is None:
                    session.add(db.ConversationReview(conversation_id=conversation_id, reviewed_by=page.username))
                else:
                    review.reviewed_by, review.reviewed_at = page.username, db.utcnow()
                page.record(session, "conversation.review", "conversation", conversation_id)
        return web.redirect(f"/conversations/{conversation_id}?notice={'unreviewed' if unmark else 'reviewed'}")

    @web.route(app, "/conversations/<conversation_id:int>/export", methods=("POST",))
    def conversation_export(page: web.Page, conversation_id: int) -> HTTPResponse:
        fmt = "json" if page.field("format") == "json" else "csv"
        revealed = page.role == "clinician" and page.field("reveal") == "1"
        settings = config.effective(page.conf)
        records = exports.conversation_records(page.conf.database_url, page.conf.tracker_url, [conversation_id],
                                               page.conf.timezone, settings["low_confidence"], revealed)
        if not records:
            raise NotFound("no such conversation")
        page.audit("conversation.export", "conversation", conversation_id, format=fmt, revealed=revealed)
        return send(records, fmt, f"conversation-C-{conversation_id}")

    @web.route(app, "/conversations/export", methods=("POST",))
    def conversations_export(page: web.Page) -> HTTPResponse:
        fmt = "json" if page.field("format") == "json" else "csv"
        revealed = page.role == "clinician" and page.field("reveal") == "1"
        settings = config.effective(page.conf)
        filters = queries.Filters.read(page.form)
        table = queries.C
        query = select(table.c.id)
        for condition in queries.conditions(filters, page.conf.timezone, settings["low_confidence"]):
            query = query.where(condition)
        query = query.order_by(table.c.started_at.desc(), table.c.id.desc()).limit(config.EXPORT_MAX_CONVERSATIONS)
        with db.session(page.conf.database_url) as session:
            ids = list(session.execute(query).scalars())
        records = exports.conversation_records(page.conf.database_url, page.conf.tracker_url, ids,
                                               page.conf.timezone, settings["low_confidence"], revealed)
        page.audit("conversations.export", "conversations", None, filters=filters.params(), format=fmt,
                   revealed=revealed, conversations=len(records))
        return send(records, fmt, "conversations")


def send(records: list, fmt: str, name: str) -> HTTPResponse:
    if fmt == "json":
        return web.attachment(exports.conversations_json(records), f"{name}.json", "application/json; charset=utf-8")
    return web.attachment(exports.conversations_csv(records), f"{name}.csv", "text/csv; charset=utf-8")
