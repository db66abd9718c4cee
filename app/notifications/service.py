"""Telling people things: an in-app notification, and e-mail by the user's own setting."""

from __future__ import annotations

from flask import current_app

from ..accounts.models import User
from ..db_types import utcnow
from ..extensions import db
from ..mail import send_mail
from .models import Notification


def notify(user: User, kind: str, subject: str, body: str = "", url: str = "", *, email: bool = True) -> Notification:
    """Add an in-app notification; e-mail it now when the user wants immediate e-mail.

    ``url`` is a local path; the e-mail links to it under ``SITE_URL``. Users on the daily
    digest get it from ``flask notifications send-digests``.
    """
    notification = Notification(user_id=user.id, kind=kind, subject=subject, body=body, url=url)
    db.session.add(notification)
    if email and user.email_notifications == "immediate" and user.deactivated_at is None:
        link = current_app.config["SITE_URL"].rstrip("/") + url if url else ""
        send_mail(user.email, subject, "\n\n".join(part for part in (body, link) if part))
        notification.emailed_at = utcnow()
    db.session.flush()
    return notification
