"""Creating and changing events, their agenda, pre-work and recording.

Every change bumps ``sequence`` (calendar apps replace their copy) and writes a search-outbox
row in the same transaction. Descriptions pass the privacy guard before they are stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..audit import record
from ..content import is_safe_link, render_markdown
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..library.models import Resource
from ..orgs.models import PLATFORM_LABELS, Organisation
from ..permissions import can, require
from ..search.outbox import enqueue
from ..slugs import unique_slug
from .models import (
    EVENT_FORMAT_LABELS,
    EVENT_KIND_LABELS,
    Event,
    EventPlatform,
    EventPrework,
    EventSession,
    SessionSpeaker,
)
from .privacy_check import refuse_patient_details
from .registration import promote_waiting
from .timezones import is_valid_zone


@dataclass
class EventInput:
    """What an organiser may set (SECURITY.md 17: nothing else is read from a form)."""

    title: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    timezone: str
    kind: str = "webinar"
    summary: str = ""
    description: str = ""
    visibility: str = "public"
    format: str = "online"
    join_url: str = ""
    venue: str = ""
    address: str = ""
    capacity: int | None = None
    platforms: tuple[str, ...] = ()


@dataclass
class SpeakerInput:
    name: str
    affiliation: str = ""
    user: User | None = None


@dataclass
class SessionInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    track: str = ""
    room: str = ""
    description: str = ""
    speakers: list[SpeakerInput] = field(default_factory=list)


def _validate(data: EventInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = ["Give the event a title."]
    if data.kind not in EVENT_KIND_LABELS:
        errors["kind"] = ["Choose a kind of event."]
    if data.format not in EVENT_FORMAT_LABELS:
        errors["format"] = ["Choose online, in person or both."]
    if data.visibility not in ("public", "members"):
        errors["visibility"] = ["Choose who may see the event."]
    if not is_valid_zone(data.timezone):
        errors["timezone"] = ["Choose a time zone from the list."]
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = ["The event must end after it starts."]
    if data.capacity is not None and not 1 <= data.capacity <= 100_000:
        errors["capacity"] = ["Capacity is between 1 and 100,000 (leave it empty for no limit)."]
    if data.join_url and not (data.join_url.startswith(("https://", "http://")) and is_safe_link(data.join_url)):
        errors["join_url"] = ["The join link must be an http(s) address."]
    if any(platform not in PLATFORM_LABELS for platform in data.platforms):
        errors["platforms"] = ["Choose platforms from the list."]
    if data.format in ("in_person", "hybrid") and not data.venue.strip():
        errors["venue"] = ["Name the venue of an in-person event."]
    if errors:
        raise ValidationError(fields=errors)
    refuse_patient_details({"title": data.title, "summary": data.summary, "description": data.description})


def _unique_slug(title: str, start: datetime) -> str:
    return unique_slug(f"{title} {start:%Y}", select(Event.slug), max_length=100, fallback="event")


def _apply(event: Event, data: EventInput) -> None:
    event.title = data.title.strip()[:200]
    event.kind = data.kind
    event.summary = data.summary.strip()[:500]
    event.description_source = data.description
    event.description_html = render_markdown(data.description)
    event.visibility = data.visibility
    event.format = data.format
    event.join_url = data.join_url.strip()[:500]
    event.venue = data.venue.strip()[:200]
    event.address = data.address.strip()[:300]
    event.capacity = data.capacity
    event.timezone = data.timezone
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    kept = {row.platform: row for row in event.platform_rows}
    event.platform_rows = [kept.get(value) or EventPlatform(platform=value) for value in sorted(set(data.platforms))]


def create_event(actor: User, organisation: Organisation | None, data: EventInput, *, slug: str | None = None) -> Event:
    """A new event hosted by ``organisation`` (None: the network).

    :raise PermissionDenied: ``actor`` may not create events for that host.
    :raise ValidationError: bad fields, or text that looks patient-identifying.
    """
    require(actor, "event.create", organisation)
    _validate(data)
    event = Event(organisation_id=organisation.id if organisation else None, created_by_id=actor.id)
    event.organisation = organisation
    _apply(event, data)
    event.slug = slug or _unique_slug(data.title, data.starts_at)
    db.session.add(event)
    db.session.flush()
    enqueue("event", event.id)
    record(actor, "event.create", "event", event.id, label=event.title)
    return event


def update_event(actor: User, event: Event, data: EventInput) -> Event:
    require(actor, "event.view", event, hide=True)
    require(actor, "event.manage", event)
    _validate(data)
    before = {"title": event.title, "starts_at": event.starts_at.isoformat(), "capacity": event.capacity}
    _apply(event, data)
    _touch(event)
    db.session.flush()
    promote_waiting(event)  # a larger capacity fills from the waiting list
    record(actor, "event.edit", "event", event.id, label=event.title, before=before)
    return event


def cancel_event(actor: User, event: Event) -> Event:
    require(actor, "event.manage", event)
    if event.cancelled_at is not None:
        raise Conflict("The event is already cancelled.")
    event.cancelled_at = utcnow()
    _touch(event)
    record(actor, "event.cancel", "event", event.id, label=event.title)
    return event


def _touch(event: Event) -> None:
    event.sequence += 1
    event.updated_at = utcnow()
    enqueue("event", event.id)


def add_session(actor: User, event: Event, data: SessionInput) -> EventSession:
    require(actor, "event.manage", event)
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = ["Give the session a title."]
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = ["The session must end after it starts."]
    if errors:
        raise ValidationError(fields=errors)
    refuse_patient_details({"title": data.title, "description": data.description})
    session = EventSession(
        title=data.title.strip()[:200],
        description=data.description.strip(),
        track=data.track.strip()[:80],
        room=data.room.strip()[:80],
        starts_at=data.starts_at,
        ends_at=data.ends_at,
    )
    for position, speaker in enumerate(data.speakers):
        session.speakers.append(
            SessionSpeaker(
                name=(speaker.user.name if speaker.user else speaker.name).strip()[:120],
                affiliation=speaker.affiliation.strip()[:200],
                user_id=speaker.user.id if speaker.user else None,
                position=position,
            )
        )
    event.sessions.append(session)
    _touch(event)
    db.session.flush()
    return session


def link_recording(actor: User, event: Event, resource: Resource) -> Event:
    """After the event: its recording, slides and notes are a library resource (kind webinar)."""
    require(actor, "event.manage", event)
    if not can(actor, "resource.view", resource) or resource.status != "published":
        raise NotFound("No published library resource by that address.")
    if resource.kind != "webinar":
        raise ValidationError(fields={"resource": ["Link a library resource of the kind “Webinar or recording”."]})
    event.recording_resource_id = resource.id
    _touch(event)
    record(actor, "event.recording", "event", event.id, label=f"{event.title}: {resource.title}")
    return event


def add_prework(actor: User, event: Event, resource: Resource, note: str = "") -> EventPrework:
    require(actor, "event.manage", event)
    if not can(actor, "resource.view", resource):
        raise NotFound("No library resource by that address.")
    refuse_patient_details({"note": note})
    item = EventPrework(resource_id=resource.id, note=note.strip()[:300], position=len(event.prework))
    event.prework.append(item)
    _touch(event)
    db.session.flush()
    return item
