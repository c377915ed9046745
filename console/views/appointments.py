"""The appointment-request queue: status changes with history, reveal, CSV export."""
from __future__ import annotations

from sanic import Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse
from sqlalchemy import func, select

from console import auth, exports, masking, web
from itb import db

PAGE = 50
REQUEST = db.AppointmentRequest


def key(request_id: int) -> str:
    return f"appointment:{request_id}"


def view_of(page: web.Page, r: db.AppointmentRequest) -> dict:
    """A request as the page shows it: masked unless this clinician revealed it."""
    revealed = page.revealed(key(r.id))
    known = masking.Sensitive()
    known.add_name(r.full_name)
    known.add_phone(r.phone)
    return {
        "id": r.id, "reference": r.reference, "channel": r.channel, "reason": r.reason, "status": r.status,
        "status_changed_by": r.status_changed_by, "created_at": r.created_at, "updated_at": r.updated_at,
        "may_text": r.may_text, "revealed": revealed,
        "name": r.full_name if revealed else masking.mask_name(r.full_name),
        "phone": r.phone if revealed else masking.mask_phone(r.phone),
        "preferred_times": r.preferred_times if revealed else masking.mask(r.preferred_times, None, known),
        "note": (r.note or "") if revealed else masking.mask(r.note or "", None, known),
        "conversation_id": r.conversation_id,
    }


def register(app: Sanic) -> None:
    @web.route(app, "/appointments")
    def appointment_list(page: web.Page) -> HTTPResponse:
        status = page.arg("status")
        status = status if status in db.APPOINTMENT_STATUSES else ""
        try:
            offset = min(max(0, int(page.arg("offset", "0"))), 2**63 - 1)  # a 64-bit database integer
        except ValueError:
            offset = 0
        query = select(REQUEST)
        if status:
            query = query.where(REQUEST.status == status)
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(query.order_by(REQUEST.created_at.desc(), REQUEST.id.desc())
                                        .offset(offset).limit(PAGE + 1)).scalars())
            counts = dict(session.execute(select(REQUEST.status, func.count()).group_by(REQUEST.status)).all())
            items = [view_of(page, r) for r in rows[:PAGE]]
            links = dict(session.execute(select(db.ConversationIndex.sender_id, db.ConversationIndex.id).where(
                db.ConversationIndex.sender_id.in_([r.conversation_id for r in rows[:PAGE]]))).all())
        for item in items:
            item["conversation"] = links.get(item["conversation_id"])
        page.audit("appointments.list", "appointments", None, status=status or "all", shown=len(items))
        return page.render("appointments.html", title="Appointment requests", items=items, current=status,
                           counts=counts, statuses=db.APPOINTMENT_STATUSES, offset=offset,
                           more=len(rows) > PAGE, page_size=PAGE,
                           can_change=page.role in ("clinician", "admin"), can_reveal=page.role == "clinician")

    @web.route(app, "/appointments/<request_id:int>")
    def appointment_view(page: web.Page, request_id: int) -> HTTPResponse:
        with db.session(page.conf.database_url) as session:
            r = session.get(REQUEST, request_id)
            if r is None:
                raise NotFound("no such request")
            item = view_of(page, r)
            history = list(session.execute(select(db.AppointmentStatusChange).where(
                db.AppointmentStatusChange.request_id == request_id).order_by(db.AppointmentStatusChange.id)).scalars())
            item["conversation"] = session.execute(select(db.ConversationIndex.id).where(
                db.ConversationIndex.sender_id == r.conversation_id)).scalar()
        page.audit("appointment.view", "appointment", request_id, revealed=item["revealed"])
        return page.render("appointment.html", title=f"Request {item['reference']}", item=item, history=history,
                           statuses=db.APPOINTMENT_STATUSES, can_change=page.role in ("clinician", "admin"),
                           can_reveal=page.role == "clinician")

    @web.route(app, "/appointments/<request_id:int>/status", methods=("POST",), roles=("clinician", "admin"))
    def appointment_status(page: web.Page, request_id: int) -> HTTPResponse:
        new = page.field("status")
        if new not in db.APPOINTMENT_STATUSES:
            return page.render("error.html", status=400, title="Not changed", message="Choose a valid status.")
        with db.session(page.conf.database_url) as session:
            r = session.get(REQUEST, request_id)
            if r is None:
                raise NotFound("no such request")
            if r.status != new:
                session.add(db.AppointmentStatusChange(request_id=r.id, from_status=r.status, to_status=new,
                                                       changed_by=page.username, changed_at=db.utcnow()))
                page.record(session, "appointment.status", "appointment", r.id, **{"from": r.status, "to": new})
                r.status, r.status_changed_by, r.updated_at = new, page.username, db.utcnow()
        back = page.field("back")
        if not (back.startswith("/appointments") and "//" not in back and "\\" not in back):
            back = f"/appointments/{request_id}"
        return web.redirect(back + ("&" if "?" in back else "?") + "notice=status")

    @web.route(app, "/appointments/<request_id:int>/reveal", methods=("POST",), roles=("clinician",))
    def appointment_reveal(page: web.Page, request_id: int) -> HTTPResponse:
        with db.session(page.conf.database_url) as session:
            if session.get(REQUEST, request_id) is None:
                raise NotFound("no such request")
            auth.grant_reveal(session.get(db.StaffSession, page.session_id), key(request_id))
            page.record(session, "appointment.reveal", "appointment", request_id)
        return web.redirect(f"/appointments/{request_id}?notice=revealed")

    @web.route(app, "/appointments/export", methods=("POST",))
    def appointment_export(page: web.Page) -> HTTPResponse:
        status = page.field("status")
        revealed = page.role == "clinician" and page.field("reveal") == "1"
        query = select(REQUEST).order_by(REQUEST.created_at.desc(), REQUEST.id.desc())
        if status in db.APPOINTMENT_STATUSES:
            query = query.where(REQUEST.status == status)
        with db.session(page.conf.database_url) as session:
            rows = list(session.execute(query).scalars())
            body = exports.appointments_csv(rows, page.conf.timezone, revealed)
            page.record(session, "appointments.export", "appointments", None, status=status or "all",
                        rows=len(rows), revealed=revealed, format="csv")
        return web.attachment(body, "appointment-requests.csv", "text/csv; charset=utf-8")

