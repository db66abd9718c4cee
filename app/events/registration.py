"""Registering, the waiting list and attendance.

Capacity is checked with the event row locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
serialises writers), so two members can never take the last place together. A cancellation by
a registered member promotes the earliest person on the waiting list (``queued_at`` order).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from ..accounts.models import User
from ..audit import record
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from . import mailing
from .models import Event, Registration, RegistrationStatus

REGISTERED = RegistrationStatus.REGISTERED.value
WAITLISTED = RegistrationStatus.WAITLISTED.value
CANCELLED = RegistrationStatus.CANCELLED.value


def _lock(event: Event) -> None:
    db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def _registered_count(event: Event) -> int:
    return db.session.execute(
        select(func.count()).where(Registration.event_id == event.id, Registration.status == REGISTERED)
    ).scalar_one()


def _has_place(event: Event) -> bool:
    return event.capacity is None or _registered_count(event) < event.capacity


def waitlist_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return db.session.execute(
        select(func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.status == WAITLISTED,
            (Registration.queued_at < registration.queued_at)
            | ((Registration.queued_at == registration.queued_at) & (Registration.id <= registration.id)),
        )
    ).scalar_one()


def register(actor: User, event: Event, *, now: datetime | None = None) -> Registration:
    """Take a place, or a place on the waiting list when the event is full. Registering twice
    changes nothing.

    :raise NotFound: ``actor`` may not see the event.
    :raise PermissionDenied: not signed in with a verified address, or the event is cancelled.
    :raise Conflict: the event is over.
    """
    require(actor, "event.view", event, hide=True)
    require(actor, "event.register", event)
    now = now or utcnow()
    if event.ends_at <= now:
        raise Conflict("This event is over: registration is closed.")
    _lock(event)
    registration = db.session.execute(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == actor.id)
    ).scalar_one_or_none()
    if registration is not None and registration.status != CANCELLED:
        return registration
    if registration is None:
        registration = Registration(event_id=event.id, user_id=actor.id, status=WAITLISTED)
        db.session.add(registration)
    registration.queued_at = now
    registration.cancelled_at = None
    registration.reminded_at = None
    if _has_place(event):
        registration.status = REGISTERED
        registration.registered_at = now
        db.session.flush()
        mailing.send_confirmation(actor, event)
    else:
        registration.status = WAITLISTED
        registration.registered_at = None
        db.session.flush()
        mailing.send_waitlisted(actor, event, waitlist_position(registration))
    record(actor, f"event.{registration.status}", "event", event.id, label=event.title)
    return registration


def cancel(actor: User, event: Event, *, now: datetime | None = None) -> Registration:
    """Give up a place (or leave the waiting list); the next person waiting is promoted.

    :raise NotFound: no active registration of ``actor`` for this event.
    """
    require(actor, "event.view", event, hide=True)
    _lock(event)
    registration = db.session.execute(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == actor.id)
    ).scalar_one_or_none()
    if registration is None or registration.status == CANCELLED:
        raise NotFound("You are not registered for this event.")
    was_registered = registration.is_registered
    registration.status = CANCELLED
    registration.cancelled_at = now or utcnow()
    db.session.flush()
    record(actor, "event.cancel_registration", "event", event.id, label=event.title)
    if was_registered:
        promote_waiting(event, now=now)
    return registration


def promote_waiting(event: Event, *, now: datetime | None = None) -> list[Registration]:
    """Fill free places from the waiting list, first come first served (also after the
    organisers raise the capacity)."""
    promoted: list[Registration] = []
    if event.cancelled_at is not None:
        return promoted
    while _has_place(event):
        waiting = db.session.execute(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status == WAITLISTED)
            .order_by(Registration.queued_at, Registration.id)
            .limit(1)
        ).scalar_one_or_none()
        if waiting is None:
            break
        waiting.status = REGISTERED
        waiting.registered_at = now or utcnow()
        db.session.flush()
        mailing.send_confirmation(waiting.user, event, promoted=True)
        record(None, "event.promoted", "event", event.id, label=f"{event.title}: {waiting.user.name}")
        promoted.append(waiting)
    return promoted


def mark_attendance(actor: User, event: Event, registration_id: int, attended: bool) -> Registration:
    require(actor, "event.manage", event)
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        raise NotFound()
    if registration.status != REGISTERED:
        raise Conflict("Only registered people can be marked as attending.")
    registration.attended = attended
    record(actor, "event.attendance", "event", event.id, label=f"{registration.user.name}: {attended}")
    return registration


def message_attendees(actor: User, event: Event, subject: str, text: str, *, include_waitlist: bool = False) -> int:
    """Mail every registered person (and the waiting list if asked); returns how many."""
    require(actor, "event.manage", event)
    subject, text = " ".join((subject or "").split())[:150], (text or "").strip()[:10_000]
    errors = {}
    if not subject:
        errors["subject"] = ["Write a subject."]
    if not text:
        errors["body"] = ["Write a message."]
    if errors:
        raise ValidationError(fields=errors)
    statuses = [REGISTERED, WAITLISTED] if include_waitlist else [REGISTERED]
    recipients = db.session.execute(
        select(Registration).where(Registration.event_id == event.id, Registration.status.in_(statuses))
    ).scalars()
    sent = 0
    for registration in recipients:
        mailing.send_organiser_message(registration.user, event, subject, text)
        sent += 1
    record(actor, "event.message", "event", event.id, label=f"{event.title}: {subject}", after={"recipients": sent})
    return sent
