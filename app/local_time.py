"""Times shown in the reader's own zone: a member's ``User.timezone`` (chosen on
``/account/expertise``), else UTC; the zone is always named. Stored times stay UTC."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_login import current_user

from .events.timezones import zone

DEFAULT_FORMAT = "%-d %b %Y, %H:%M"


def reader_zone_name() -> str:
    chosen = getattr(current_user, "timezone", "") if getattr(current_user, "is_authenticated", False) else ""
    return chosen or "UTC"


def local_time(moment: datetime | None, fmt: str = DEFAULT_FORMAT) -> str:
    """``moment`` (aware, UTC) as the reader's wall-clock time, e.g. "3 Dec 2026, 14:05 EST"."""
    if moment is None:
        return ""
    here = moment.astimezone(zone(reader_zone_name()))
    return f"{here.strftime(fmt)} {here.tzname() or 'UTC'}"


def register_local_time(app: Flask) -> None:
    app.jinja_env.filters["local_time"] = local_time
