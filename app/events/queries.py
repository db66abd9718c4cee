"""Reading events: lists as SQL with the same visibility rule as ``event.view`` (members-only
events for members and staff), lookups that answer 404 for what the reader may not see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import selectinload

from ..db_types import utcnow
from ..errors import NotFound
from ..extensions import db
from ..orgs.models import PLATFORM_LABELS, Organisation
from ..permissions import can, require
from ..templating import Page
from .models import Event, EventPlatform, EventSession, Registration, RegistrationStatus, SessionSpeaker
from .visibility import event_clause


def _listing(viewer: Any, organisation: Organisation | None = None, platform: str | None = None) -> Select[Event]:
    query = (
        select(Event)
        .where(event_clause(viewer))
        .options(selectinload(Event.organisation), selectinload(Event.platform_rows))
    )
    if organisation is not None:
        query = query.where(Event.organisation_id == organisation.id)
    if platform:
        query = query.where(Event.platform_rows.any(EventPlatform.platform == platform))
    return query


def _over(when: str) -> ColumnElement[bool]:
    """Upcoming: not yet over (an event in progress is still upcoming); past: over."""
    return Event.ends_at < utcnow() if when == "past" else Event.ends_at >= utcnow()


def listed(
    viewer: Any,
    when: str = "upcoming",
    *,
    page: int = 1,
    per_page: int = 20,
    organisation: Organisation | None = None,
    platform: str | None = None,
) -> Page:
    """Upcoming events soonest first, or past ones (``when="past"``) latest first."""
    order = (Event.starts_at.desc(), Event.id.desc()) if when == "past" else (Event.starts_at, Event.id)
    query = _listing(viewer, organisation, platform).where(_over(when)).order_by(*order)
    return _page(query, page, per_page)


def platform_counts(viewer: Any, when: str, organisation: Organisation | None = None) -> list[tuple[str, str, int]]:
    """(platform, label, events) among the events of this list the viewer may see, commonest first."""
    listed = _listing(viewer, organisation).where(_over(when)).with_only_columns(Event.id).subquery()
    rows = db.session.execute(
        select(EventPlatform.platform, func.count())
        .where(EventPlatform.event_id.in_(select(listed.c.id)))
        .group_by(EventPlatform.platform)
    ).all()
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))
    return [(value, PLATFORM_LABELS.get(value, value), count) for value, count in ordered]


def next_events(viewer: Any, limit: int = 4) -> list[Event]:
    return list(listed(viewer, per_page=limit).items)


def public_feed_events(organisation: Organisation | None = None, *, since_days: int = 365) -> list[Event]:
    """Public events for calendar feeds: everything upcoming and the past year."""
    from datetime import timedelta

    query = select(Event).where(Event.visibility == "public", Event.ends_at >= utcnow() - timedelta(days=since_days))
    if organisation is not None:
        query = query.where(Event.organisation_id == organisation.id)
    return list(db.session.execute(query.order_by(Event.starts_at).limit(500)).scalars())


def _page(query: Select[Event], page: int, per_page: int) -> Page:
    total = db.session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    items = list(db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).scalars())
    return Page(items, total, page, per_page)


def get_event(viewer: Any, slug: str) -> Event:
    """:raise NotFound: no such event, or one ``viewer`` may not see (the same answer)."""
    event = db.session.execute(
        select(Event)
        .where(Event.slug == slug)
        .options(
            selectinload(Event.sessions).selectinload(EventSession.speakers).selectinload(SessionSpeaker.user),
            selectinload(Event.prework),
        )
    ).scalar_one_or_none()
    if event is None:
        raise NotFound()
    require(viewer, "event.view", event, hide=True)
    return event


def registration_of(viewer: Any, event: Event) -> Registration | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return db.session.execute(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == viewer.id)
    ).scalar_one_or_none()


def counts(event: Event) -> dict[str, int]:
    rows = db.session.execute(
        select(Registration.status, func.count()).where(Registration.event_id == event.id).group_by(Registration.status)
    )
    found = {status: n for status, n in rows}
    return {s.value: found.get(s.value, 0) for s in RegistrationStatus}


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - counts(event)["registered"])


def may_see_join_link(viewer: Any, event: Event, registration: Registration | None) -> bool:
    """Registrants and the event's organisers; never the waiting list or anyone else."""
    if can(viewer, "event.manage", event):
        return True
    return registration is not None and registration.is_registered


def attendees(actor: Any, event: Event) -> list[Registration]:
    """Registered people first, then the waiting list in its order, then cancellations."""
    require(actor, "event.manage", event)
    order = {"registered": 0, "waitlisted": 1, "cancelled": 2}
    rows = db.session.execute(
        select(Registration)
        .where(Registration.event_id == event.id)
        .options(selectinload(Registration.user))
        .order_by(Registration.queued_at, Registration.id)
    ).scalars()
    return sorted(rows, key=lambda r: order.get(r.status, 3))


def my_registrations(user: Any, *, upcoming_only: bool = True) -> list[Registration]:
    query = (
        select(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.user_id == user.id, Registration.status != RegistrationStatus.CANCELLED.value)
        .options(selectinload(Registration.event))
        .order_by(Event.starts_at)
    )
    if upcoming_only:
        query = query.where(Event.ends_at >= utcnow())
    return list(db.session.execute(query).scalars())


def recorded_event_for(viewer: Any, resource_id: int) -> Event | None:
    """The event whose recording is this library resource (the link back from the library)."""
    event = db.session.execute(
        select(Event).where(Event.recording_resource_id == resource_id).order_by(Event.starts_at.desc()).limit(1)
    ).scalar_one_or_none()
    return event if event is not None and can(viewer, "event.view", event) else None


def recordings_for(viewer: Any, events: list[Event]) -> dict[int, Any]:
    """Each event's recording (a library resource) that ``viewer`` may open, by event id."""
    from ..library.models import Resource

    wanted = {e.recording_resource_id: e.id for e in events if e.recording_resource_id}
    if not wanted:
        return {}
    resources = db.session.execute(select(Resource).where(Resource.id.in_(list(wanted)))).scalars()
    return {wanted[r.id]: r for r in resources if can(viewer, "resource.view", r)}
