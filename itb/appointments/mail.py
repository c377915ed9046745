"""E-mail to the clinic's staff about a new appointment request."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from itb import settings
from itb.appointments.parse import REASON_LABELS

logger = logging.getLogger(__name__)


def notify_staff(reference: str, reason: str, channel: str) -> bool:
    """E-mail the clinic about a new request, if SMTP is configured.

    The e-mail carries no health information: only the reference, the kind
    of visit and the channel. Staff open the console for the details.
    """
    smtp = settings.smtp()
    if not smtp.host or not smtp.to:
        return False
    message = EmailMessage()
    message["Subject"] = f"New appointment request {reference}"
    message["From"] = smtp.sender
    message["To"] = smtp.to
    message.set_content(
        f"A new appointment request ({reference}) came in through the assistant ({channel}).\n"
        f"Visit type: {REASON_LABELS.get(reason, reason)}.\n"
        "Open the staff console to see the details and call the patient back.\n"
    )
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=10) as client:
            if smtp.starttls:
                client.starttls()
            if smtp.username:
                client.login(smtp.username, smtp.password)
            client.send_message(message)
        return True
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("could not e-mail staff about %s (%s)", reference, type(exc).__name__)
        return False
