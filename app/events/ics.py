"""iCalendar files (RFC 5545) built with the ``icalendar`` package: one event's ``.ics`` and the
subscribable feeds (all public events, an organisation's, a member's own registrations).

What calendar apps need to import and update them: a stable ``UID`` per event, ``DTSTAMP`` in
UTC, times with a ``TZID`` and the matching ``VTIMEZONE`` (so a 10:00 in New York stays 10:00
across daylight-saving changes), ``SEQUENCE`` bumped on every change, ``STATUS:CANCELLED``.
The join link goes only into calendars made for someone who may see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..db_types import utcnow
from ..mail import absolute_url
from .models import Event
from .timezones import zone

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Social Media Health Network//Events//EN"


def event_uid(event: Event) -> str:
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    return f"event-{event.id}@{host}"


def _component(event: Event, with_join_link: bool) -> CalendarEvent:
    tz = zone(event.timezone)
    url = absolute_url("events.detail", slug=event.slug)
    item = CalendarEvent()
    item.add("uid", event_uid(event))
    item.add("dtstamp", utcnow())
    item.add("last-modified", event.updated_at)
    item.add("sequence", event.sequence)
    item.add("dtstart", event.starts_at.astimezone(tz))
    item.add("dtend", event.ends_at.astimezone(tz))
    item.add("summary", event.title)
    lines = [event.summary] if event.summary else []
    if with_join_link and event.is_online and event.join_url:
        lines.append(f"Join online: {event.join_url}")
    lines.append(f"Details: {url}")
    item.add("description", "\n\n".join(lines))
    item.add("url", url)
    where = ", ".join(part for part in (event.venue, event.address) if part) if event.is_in_person else ""
    if with_join_link and event.is_online and event.join_url and not where:
        where = event.join_url
    if where:
        item.add("location", where)
    item.add("organizer", f"mailto:{current_app.config['MAIL_SENDER']}", parameters={"cn": event.host_name})
    item.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    item.add("categories", [event.kind_label])
    return item


def build_calendar(
    events: Iterable[Event], *, name: str | None = None, join_link: Callable[[Event], bool] = lambda _: False
) -> bytes:
    """A VCALENDAR of ``events`` (already filtered to what the calendar's reader may see)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"value": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(_component(event, join_link(event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_filename(event: Event) -> str:
    return f"{event.slug}.ics"
