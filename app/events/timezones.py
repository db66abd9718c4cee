"""Time zones: events are stored in UTC with their IANA zone; each viewer reads them in their own.

A member's zone is ``User.timezone`` (account setting); a visitor, or a member who chose none,
sees each event in the event's own zone. Every shown time names its zone.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Offered first in the choosers: where the network's members are.
COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Singapore",
    "UTC",
)


@cache
def all_zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() | {"UTC"}))


def zone_choices() -> list[tuple[str, str]]:
    rest = [z for z in all_zones() if z not in COMMON_ZONES]
    return [(z, z.replace("_", " ")) for z in (*COMMON_ZONES, *rest)]


def is_valid_zone(name: str) -> bool:
    if not name or name not in all_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name) if name and is_valid_zone(name) else ZoneInfo("UTC")


def viewer_zone(viewer: object, event_zone: str) -> str:
    """The zone to show an event in for ``viewer`` (a User or the anonymous user)."""
    chosen = getattr(viewer, "timezone", "") if getattr(viewer, "is_authenticated", False) else ""
    return chosen if chosen and is_valid_zone(chosen) else event_zone


def local(moment: datetime, zone_name: str) -> datetime:
    return moment.astimezone(zone(zone_name))


def from_local(naive: datetime, zone_name: str) -> datetime:
    """A wall-clock time typed in ``zone_name`` as an aware datetime (UTC when stored)."""
    return naive.replace(tzinfo=zone(zone_name))


def format_time(moment: datetime, zone_name: str) -> str:
    """ "Tue 14 Apr 2026, 13:00 EDT" — the zone's abbreviation, or its name when it has none."""
    shown = local(moment, zone_name)
    abbreviation = shown.tzname() or zone_name
    if abbreviation.startswith(("+", "-")):
        abbreviation = f"{zone_name} (UTC{abbreviation})"
    return f"{shown:%a %d %b %Y, %H:%M} {abbreviation}"


def format_range(start: datetime, end: datetime, zone_name: str) -> str:
    first, last = local(start, zone_name), local(end, zone_name)
    if first.date() == last.date():
        return f"{format_time(start, zone_name).rsplit(' ', 1)[0]}–{last:%H:%M} {_abbreviation(last, zone_name)}"
    return f"{format_time(start, zone_name)} – {format_time(end, zone_name)}"


def _abbreviation(moment: datetime, zone_name: str) -> str:
    name = moment.tzname() or zone_name
    return f"{zone_name} (UTC{name})" if name.startswith(("+", "-")) else name
