"""Events (webinars, workshops, the residency course, boot camps, the summit, meet-ups), their
agenda of sessions and speakers, registrations with a waiting list, and pre-work.

Times are stored in UTC beside the event's IANA zone (``Event.timezone``); pages show them in
the viewer's zone (``app.events.timezones``).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model
from ..orgs.models import PLATFORM_LABELS, Organisation


class EventKind(enum.StrEnum):
    WEBINAR = "webinar"
    WORKSHOP = "workshop"
    RESIDENCY = "residency"
    BOOTCAMP = "bootcamp"
    SUMMIT = "summit"
    MEETUP = "meetup"


EVENT_KIND_LABELS = {
    "webinar": "Webinar",
    "workshop": "On-site workshop",
    "residency": "Residency course",
    "bootcamp": "Boot camp",
    "summit": "Summit",
    "meetup": "Member meet-up",
}

EVENT_FORMAT_LABELS = {"online": "Online", "in_person": "In person", "hybrid": "Online and in person"}


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Event(Model):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default=EventKind.WEBINAR.value)
    summary: Mapped[str] = mapped_column(String(500), default="")
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    # None: hosted by the network itself.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(16), default="public")  # "public" or "members"
    format: Mapped[str] = mapped_column(String(16), default="online")  # online, in_person, hybrid
    join_url: Mapped[str] = mapped_column(String(500), default="")  # shown to registrants only
    venue: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recording_resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id", ondelete="SET NULL"))
    prework_course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id", ondelete="SET NULL"))
    # Bumped on every change so calendar apps replace their copy (iCalendar SEQUENCE).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="(EventSession.starts_at, EventSession.id)"
    )
    prework: Mapped[list[EventPrework]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventPrework.position"
    )
    platform_rows: Mapped[list[EventPlatform]] = relationship(
        cascade="all, delete-orphan", order_by="EventPlatform.platform"
    )

    @property
    def kind_label(self) -> str:
        return EVENT_KIND_LABELS.get(self.kind, self.kind)

    @property
    def format_label(self) -> str:
        return EVENT_FORMAT_LABELS.get(self.format, self.format)

    @property
    def is_online(self) -> bool:
        return self.format in ("online", "hybrid")

    @property
    def is_in_person(self) -> bool:
        return self.format in ("in_person", "hybrid")

    @property
    def host_name(self) -> str:
        return self.organisation.name if self.organisation else "the network"

    @property
    def platforms(self) -> list[tuple[str, str]]:
        """(value, label) of the platforms the event is about, e.g. a webinar on TikTok video."""
        return [(row.platform, PLATFORM_LABELS.get(row.platform, row.platform)) for row in self.platform_rows]

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventPlatform(Model):
    """A platform an event is about: the events' platform facet, and search's."""

    __tablename__ = "event_platforms"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class EventSession(Model):
    """One session of a multi-session event (the summit's agenda)."""

    __tablename__ = "event_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # plain text
    track: Mapped[str] = mapped_column(String(80), default="")
    room: Mapped[str] = mapped_column(String(80), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship(back_populates="sessions")
    speakers: Mapped[list[SessionSpeaker]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionSpeaker.position"
    )


class SessionSpeaker(Model):
    """A speaker: a member (linked to the profile) or a named guest without an account."""

    __tablename__ = "event_session_speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[EventSession] = relationship(back_populates="speakers")
    user: Mapped[User | None] = relationship()


class EventPrework(Model):
    """A library resource to study before the event (the residency's pre-work)."""

    __tablename__ = "event_prework"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="prework")
    resource = relationship("Resource")


class Registration(Model):
    """A member's place at an event: registered, on the waiting list (in ``queued_at`` order) or
    cancelled. One row per member and event; registering again reuses it."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_registrations_queue", "event_id", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()

    @property
    def is_registered(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED.value

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED.value
