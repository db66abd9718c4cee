"""Queueing a message: a row in the caller's transaction, and a wake-up once it commits."""

from __future__ import annotations

from email.message import EmailMessage

from flask import current_app

from ..extensions import db
from ..unit_of_work import after_commit
from ..worker import background
from .message import MailAttachment, build_message
from .models import OutboxMail


def send_mail(to: str, subject: str, body: str, *, attachments: list[MailAttachment] | None = None) -> EmailMessage:
    """Queue a message for ``to``; it is delivered after the transaction commits (never if it rolls back)."""
    message = build_message(to, subject, body, attachments)
    db.session.add(
        OutboxMail(
            recipient=str(message["To"]),
            subject=str(message["Subject"])[:500],
            message=bytes(message),
            max_attempts=int(current_app.config["MAIL_MAX_ATTEMPTS"]),
        )
    )
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    after_commit(lambda: background.wake(app, "mail"))
    return message
