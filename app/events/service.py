"""The events domain's operations, in one place for views, the API, the CLI and tests."""

from __future__ import annotations

from .editing import (
    EventInput,
    SessionInput,
    SpeakerInput,
    add_prework,
    add_session,
    cancel_event,
    create_event,
    link_recording,
    update_event,
)
from .export import attendees_csv
from .registration import cancel, mark_attendance, message_attendees, promote_waiting, register, waitlist_position
from .reminders import send_reminders

__all__ = [
    "EventInput",
    "SessionInput",
    "SpeakerInput",
    "add_prework",
    "add_session",
    "attendees_csv",
    "cancel",
    "cancel_event",
    "create_event",
    "link_recording",
    "mark_attendance",
    "message_attendees",
    "promote_waiting",
    "register",
    "send_reminders",
    "update_event",
    "waitlist_position",
]
