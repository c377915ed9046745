"""The Content page: every answer with its text, sources and sign-off, in
English and Spanish side by side; edits proposed by clinicians and admins and
approved by a second clinician, each language on its own, live in the running
assistant within a minute; export and import of the whole content.

Reviewers read it; clinicians and admins propose; clinicians approve (never
their own proposal) and reject; anyone who proposed may withdraw (reject) their
own; admins import. Every step is audited (console/content.py)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse

from console import content, web
from itb.content import review

PROPOSE = ("clinician", "admin")
APPROVE = ("clinician",)
REJECT = ("clinician", "admin")
IMPORT = ("admin",)
SHOW = {"all": "All answers", "waiting": "Waiting for approval", "live": "Live edits", "draft": "Drafts"}


def _permissions(page: web.Page) -> Dict[str, bool]:
    return {"can_propose": page.role in PROPOSE, "can_approve": page.role in APPROVE,
            "can_reject": page.role in REJECT, "can_import": page.role in IMPORT}


def _list(page: web.Page, status: int = 200, errors: Optional[List[str]] = None) -> HTTPResponse:
    show = page.arg("show", "all")
    show = show if show in SHOW else "all"
    items = content.entries(page.conf.database_url)
    waiting = [version for e in items for version in e.languages if version.pending]  # each language's proposal
    counts = {
        "all": len(items),
        "waiting": sum(1 for e in items if any(v.pending for v in e.languages)),
        "live": sum(1 for e in items if any(v.live for v in e.languages)),
        "draft": sum(1 for e in items if e.status == "draft"),
        "approved": sum(1 for e in items if e.status == "approved"),
        "spanish_missing": sum(1 for e in items if e.es is not None and not e.es.has_text),
    }
    shown = [e for e in items if show == "all"
             or (show == "waiting" and any(v.pending for v in e.languages))
             or (show == "live" and any(v.live for v in e.languages))
             or (show == "draft" and e.status == "draft")]
    return page.render("content.html", status=status, title="Content", items=shown,
                       waiting=waiting, counts=counts, show=show, views=SHOW,
                       known=review.known_sources(), errors=errors or [], max_chars=content.MAX_CHARS,
                       min_ease=content.MIN_EASE, **_permissions(page))


def _answer(page: web.Page, name: str, status: int = 200, errors: Optional[List[str]] = None,
            form: Optional[Dict[str, Any]] = None, language: str = "en") -> HTTPResponse:
    """One answer, English and Spanish side by side, each with its form; `form` (the
    text and sources typed) and `errors` belong to `language`'s form."""
    found = content.entry(page.conf.database_url, name)
    if found is None:
        raise NotFound("no such answer")
    language = language if language in content.LANGUAGES else "en"
    forms = {version.language: {"text": version.text, "sources": list(version.sources)}
             for version in found.languages}
    if form is not None:
        forms[language] = form
    return page.render("content_answer.html", status=status, title=f"Answer {name}", entry=found,
                       known=review.known_sources(), errors=errors or [], forms=forms, error_language=language,
                       max_chars=content.MAX_CHARS, max_grade=content.MAX_GRADE, min_ease=content.MIN_EASE,
                       **_permissions(page))


def _back(page: web.Page, default: str) -> str:
    back = page.field("back")
    if back.startswith("/content") and "//" not in back and "\\" not in back and "?" not in back:
        return back
    return default


def _answer_path(name: str) -> str:
    return f"/content/answers/{name}"


def register(app: Sanic) -> None:
    @web.route(app, "/content")
    def content_list(page: web.Page) -> HTTPResponse:
        page.audit("content.view", "content", None, show=page.arg("show", "all")[:16])
        return _list(page)

    @web.route(app, "/content/answers/<name:path>")
    def content_answer(page: web.Page, name: str) -> HTTPResponse:
        name = name[:255]
        resp = _answer(page, name)
        page.audit("content.answer.view", "answer", name)
        return resp

    @web.route(app, "/content/propose", methods=("POST",), roles=PROPOSE)
    def content_propose(page: web.Page) -> HTTPResponse:
        name = page.field("answer")[:255]
        language = page.field("language") or "en"
        form = page.form
        text = form.get("text") or ""
        sources = (form.getlist("sources") if hasattr(form, "getlist") else form.get("sources")) or []
        try:
            content.propose(page.conf.database_url, page.actor, name, text, sources, ip=page.ip, language=language)
        except content.Refused as refused:
            if refused.status == 404:
                raise NotFound("no such answer") from None
            return _answer(page, name, status=refused.status, errors=refused.problems, language=language,
                           form={"text": content.clean_text(text), "sources": content.clean_sources(sources)})
        return web.redirect(_answer_path(name) + "?notice=content-proposed")

    @web.route(app, "/content/edits/<edit_id:int>/approve", methods=("POST",), roles=APPROVE)
    def content_approve(page: web.Page, edit_id: int) -> HTTPResponse:
        try:
            edit = content.approve(page.conf.database_url, page.actor, edit_id, ip=page.ip, tz=page.conf.timezone)
        except content.Refused as refused:
            if refused.status == 404:
                raise NotFound("no such edit") from None
            return _refused(page, edit_id, refused)
        return web.redirect(_back(page, _answer_path(edit.answer)) + "?notice=content-approved")

    @web.route(app, "/content/edits/<edit_id:int>/reject", methods=("POST",), roles=REJECT)
    def content_reject(page: web.Page, edit_id: int) -> HTTPResponse:
        try:
            edit = content.reject(page.conf.database_url, page.actor, edit_id, ip=page.ip, tz=page.conf.timezone)
        except content.Refused as refused:
            if refused.status == 404:
                raise NotFound("no such edit") from None
            return _refused(page, edit_id, refused)
        return web.redirect(_back(page, _answer_path(edit.answer)) + "?notice=content-rejected")

    @web.route(app, "/content/export", methods=("POST",))
    def content_export(page: web.Page) -> HTTPResponse:
        body = content.export(page.conf.database_url, page.username)
        page.audit("content.export", "content", None, format="yaml")
        return web.attachment(body, "assistant-content.yml", "application/yaml; charset=utf-8")

    @web.route(app, "/content/import", methods=("POST",), roles=IMPORT)
    def content_import(page: web.Page) -> HTTPResponse:
        upload = (page.request.files or {}).get("file")
        if upload is None or not upload.body:
            page.audit("content.import.refused", "content", None, reasons=["no_file"])
            return _list(page, status=400, errors=["Choose the file to import (a content file exported here)."])
        try:
            result = content.import_file(page.conf.database_url, page.actor, upload.body, ip=page.ip)
        except content.Refused as refused:
            shown = refused.problems[:50]
            if len(refused.problems) > len(shown):
                shown.append(f"… and {len(refused.problems) - len(shown)} more.")
            return _list(page, status=refused.status,
                         errors=["Nothing was imported. Fix the file and import it again."] + shown)
        notice = "content-imported" if result.created else "content-import-unchanged"
        return web.redirect(f"/content?show=waiting&notice={notice}" if result.created else f"/content?notice={notice}")


def _refused(page: web.Page, edit_id: int, refused: content.Refused) -> HTTPResponse:
    edit = content.find_edit(page.conf.database_url, edit_id)
    if edit is None:
        raise NotFound("no such edit")
    return _answer(page, edit.answer, status=refused.status, errors=refused.problems, language=edit.language)
