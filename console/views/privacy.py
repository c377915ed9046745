"""Deleting a patient's data on request: one conversation (from its transcript)
or everything about one phone number. Clinicians and admins only, always after
a confirmation page, with the console's CSRF token, and audited (console/privacy.py,
the same deletion as the assistant's "forget me" and `python -m console.retention forget`)."""
from __future__ import annotations

from typing import Optional

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse

from console import masking, privacy, queries, web
from itb import db, phone, settings

ROLES = ("clinician", "admin")


def _preview(page: web.Page, *, conversation: Optional[str] = None, phone: Optional[str] = None) -> dict:
    return privacy.forget(page.conf.database_url, page.conf.tracker_url, page.conf.secret_key, page.actor,
                          conversation=conversation, phone=phone, dry_run=True).counts


def register(app: Sanic) -> None:
    @web.route(app, "/conversations/<conversation_id:int>/forget", roles=ROLES)
    def conversation_forget_confirm(page: web.Page, conversation_id: int) -> HTTPResponse:
        conv = queries.conversation(page.conf.database_url, conversation_id)
        if conv is None:
            raise NotFound("no such conversation")
        counts = _preview(page, conversation=conv["sender_id"])
        page.audit("forget.preview", "conversation", conversation_id)
        return page.render("forget_confirm.html", title=f"Delete conversation C-{conversation_id}",
                           what=f"conversation C-{conversation_id}",
                           who=masking.mask_sender(conv["sender_id"], conv["channel"]),
                           action=f"/conversations/{conversation_id}/forget", phone=None, counts=counts,
                           acted=settings.forget_acted_requests(), back=f"/conversations/{conversation_id}")

    @web.route(app, "/conversations/<conversation_id:int>/forget", methods=("POST",), roles=ROLES,
               name="conversation_forget")
    def conversation_forget(page: web.Page, conversation_id: int) -> HTTPResponse:
        with db.session(page.conf.database_url) as session:
            row = session.get(db.ConversationIndex, conversation_id)
            if row is None:
                raise NotFound("no such conversation")
            sender = row.sender_id
        if page.field("confirm") != "yes":
            return web.redirect(f"/conversations/{conversation_id}/forget")
        privacy.forget(page.conf.database_url, page.conf.tracker_url, page.conf.secret_key, page.actor,
                       conversation=sender, ip=page.ip)
        return web.redirect("/conversations?notice=forgotten")

    @web.route(app, "/privacy", roles=ROLES)
    def privacy_page(page: web.Page) -> HTTPResponse:
        page.audit("privacy.view", "privacy")
        return page.render("privacy.html", title="Delete a patient's data", error=None,
                           acted=settings.forget_acted_requests())

    @web.route(app, "/privacy/forget", methods=("POST",), roles=ROLES, name="privacy_forget")
    def privacy_forget(page: web.Page) -> HTTPResponse:
        raw = page.field("phone")[:40]
        number = phone.normalise(raw) if raw else None
        if number is None:
            return page.render("privacy.html", status=400, title="Delete a patient's data",
                               error="That is not a phone number. Type it with the area code, e.g. 617-555-0142.",
                               acted=settings.forget_acted_requests())
        if page.field("confirm") != "yes":
            counts = _preview(page, phone=number)
            page.audit("forget.preview", "phone", privacy.audit.fingerprint(page.conf.secret_key, number))
            return page.render("forget_confirm.html", title="Delete everything about a phone number",
                               what="everything about this phone number", who=privacy.mask_phone(number),
                               action="/privacy/forget", phone=number, counts=counts,
                               acted=settings.forget_acted_requests(), back="/privacy")
        privacy.forget(page.conf.database_url, page.conf.tracker_url, page.conf.secret_key, page.actor,
                       phone=number, ip=page.ip)
        return web.redirect("/privacy?notice=forgotten")
