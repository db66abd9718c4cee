"""Telling people things: an in-app notification, and e-mail by the user's own setting.

``email_notifications`` on the user is "immediate" (one e-mail per notification, sent now),
"digest" (collected by ``flask notifications send-digests``, at most once a run) or "never".
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select, update

from ..accounts.models import User
from ..db_setup import rows_affected
from ..db_types import utcnow
from ..errors import NotFound
from ..extensions import db
from ..mail import send_mail, site_path
from ..templating import Page
from ..text import one_line
from .models import Notification

SUBJECT_MAX = 300
log = logging.getLogger(__name__)


def _absolute(url: str) -> str:
    return current_app.config["SITE_URL"].rstrip("/") + url if url else ""


def _local_path(url: str) -> str:
    """Only a local path may be stored: the list page redirects to it."""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    return url


def notify(user: User, kind: str, subject: str, body: str = "", url: str = "", *, email: bool = True) -> Notification:
    """Add an in-app notification; e-mail it now when the user wants immediate e-mail.

    ``url`` is a local path; the e-mail links to it under ``SITE_URL``. Users on the daily
    digest get it from ``flask notifications send-digests``.
    """
    subject = one_line(subject)
    if len(subject) > SUBJECT_MAX:
        subject = subject[: SUBJECT_MAX - 1] + "…"
    url = _local_path(url)
    notification = Notification(user_id=user.id, kind=kind, subject=subject, body=body, url=url)
    db.session.add(notification)
    wants = user.email_notifications if email and user.deactivated_at is None else "never"
    if wants == "immediate":
        try:
            send_mail(user.email, subject, "\n\n".join(part for part in (body, _absolute(url)) if part))
            notification.emailed_at = utcnow()
        except (OSError, smtplib.SMTPException):
            # The change that caused the notice must not fail with the mail server: the next
            # digest run retries it.
            log.warning("E-mail to user %s failed; the digest run retries it", user.id, exc_info=True)
            notification.digest_pending = True
    elif wants == "digest":
        notification.digest_pending = True
    db.session.flush()
    return notification


def unread_count(user: User) -> int:
    return db.session.execute(
        select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ).scalar_one()


def list_notifications(user: User, page: int = 1, per_page: int = 30) -> Page:
    condition = Notification.user_id == user.id
    total = db.session.execute(select(func.count(Notification.id)).where(condition)).scalar_one()
    items = db.session.execute(
        select(Notification)
        .where(condition)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).scalars()
    return Page(items=list(items), total=total, page=page, per_page=per_page)


def get_own_notification(user: User, notification_id: int) -> Notification:
    """:raise NotFound: missing, or someone else's (the two look the same)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound()
    return notification


def mark_read(user: User, notification_id: int) -> Notification:
    notification = get_own_notification(user, notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
    db.session.flush()
    return notification


def mark_all_read(user: User) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()
    return rows_affected(result) or 0


# --- Daily digest -------------------------------------------------------------------------


def users_with_pending_digest() -> list[int]:
    return list(
        db.session.execute(
            select(Notification.user_id)
            .where(Notification.digest_pending.is_(True))
            .distinct()
            .order_by(Notification.user_id)
        ).scalars()
    )


def send_digest(user_id: int) -> int:
    """E-mail one user's pending digest items and mark them sent; returns how many were sent.

    Items the user already read in the app, and users who switched to "never" or were
    deactivated, are cleared without an e-mail. The caller commits after each user, so a run
    that stops half-way resumes where it left off and never repeats an item.
    """
    user = db.session.get(User, user_id)
    pending = list(
        db.session.execute(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.digest_pending.is_(True))
            .order_by(Notification.created_at, Notification.id)
        ).scalars()
    )
    for notification in pending:
        notification.digest_pending = False
    items = [n for n in pending if n.read_at is None]
    if user is None or user.deactivated_at is not None or user.email_notifications == "never" or not items:
        db.session.flush()
        return 0
    now = utcnow()
    for notification in items:
        notification.emailed_at = now
    db.session.flush()
    send_mail(user.email, _digest_subject(len(items)), _digest_body(user, items))
    return len(items)


@dataclass
class DigestRun:
    mails: int = 0
    items: int = 0
    failed_users: list[int] = field(default_factory=list)


def send_pending_digests() -> DigestRun:
    """E-mail every digest reader what they have not yet been sent, committing after each user:
    one failing user does not stop the others, and a run cut short resumes where it stopped."""
    run = DigestRun()
    for user_id in users_with_pending_digest():
        try:
            count = send_digest(user_id)
        except Exception:
            db.session.rollback()
            log.exception("digest for user %s not sent; it is retried on the next run", user_id)
            run.failed_users.append(user_id)
            continue
        db.session.commit()
        if count:
            run.mails += 1
            run.items += count
    return run


def _digest_subject(count: int) -> str:
    noun = "notification" if count == 1 else "notifications"
    return f"Your daily digest: {count} new {noun} from {current_app.config['SITE_NAME']}"


def _digest_body(user: User, items: list[Notification]) -> str:
    lines = [f"Hello {user.name},", "", "Here is what happened since your last digest:", ""]
    for notification in items:
        lines.append(f"* {notification.subject}")
        if notification.body:
            lines.append(f"  {notification.body}")
        if notification.url:
            lines.append(f"  {_absolute(notification.url)}")
        lines.append("")
    lines.append(f"Change how often we e-mail you in your settings: {_absolute(site_path('accounts.settings'))}")
    return "\n".join(lines)
