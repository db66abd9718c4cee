"""The events blueprint and the helpers its templates use (times in the viewer's zone)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, current_app
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from .timezones import format_range, format_time, viewer_zone

bp = Blueprint("events", __name__)


@bp.app_template_global()
def event_when(event: Any) -> str:
    """The event's dates in the reader's zone, the zone named."""
    return format_range(event.starts_at, event.ends_at, viewer_zone(current_user, event.timezone))


@bp.app_template_global()
def session_when(session: Any, event: Any) -> str:
    return format_range(session.starts_at, session.ends_at, viewer_zone(current_user, event.timezone))


@bp.app_template_global()
def local_time(moment: datetime, event: Any) -> str:
    return format_time(moment, viewer_zone(current_user, event.timezone))


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="events-my-calendar")


def calendar_token(user: Any) -> str:
    """The secret in a member's personal feed URL; ending all sessions changes it."""
    return _serializer().dumps([user.id, user.session_version])


def user_id_from_calendar_token(token: str) -> tuple[int, int] | None:
    try:
        value = _serializer().loads(token)
    except BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return None
    return value[0], value[1]
