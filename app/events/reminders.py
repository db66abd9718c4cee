"""Reminders a day before: ``send_reminders()`` mails every registered person of an event that
starts within the next 24 hours, once (``Registration.reminded_at``). Safe to run as often as
cron or the background worker likes."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db_types import utcnow
from ..extensions import db
from . import mailing
from .models import Event, Registration, RegistrationStatus

WINDOW = timedelta(hours=24)


def send_reminders(now: datetime | None = None) -> int:
    """Queue the due reminders in the caller's transaction; returns how many. The caller commits."""
    now = now or utcnow()
    due = db.session.execute(
        select(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status == RegistrationStatus.REGISTERED.value,
            Registration.reminded_at.is_(None),
            Event.cancelled_at.is_(None),
            Event.starts_at > now,
            Event.starts_at <= now + WINDOW,
        )
        .options(selectinload(Registration.event), selectinload(Registration.user))
        .order_by(Registration.id)
    ).scalars()
    sent = 0
    for registration in due:
        if not registration.user.is_active:
            continue
        mailing.send_reminder(registration.user, registration.event)
        registration.reminded_at = now
        sent += 1
    db.session.flush()
    return sent
