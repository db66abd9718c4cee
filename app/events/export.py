"""Attendee list as CSV for organisers; every cell formula-safe (a name such as ``=HYPERLINK(…)``
stays text in a spreadsheet)."""

from __future__ import annotations

import csv
import io

from ..accounts.models import User
from ..moderation.auditlog import safe_cell
from .models import Event
from .queries import attendees
from .timezones import local

HEADER = ["name", "email", "job_title", "organisations", "status", "registered_at", "attended"]


def attendees_csv(actor: User, event: Event) -> str:
    """:raise PermissionDenied: ``actor`` does not organise ``event``."""
    rows = attendees(actor, event)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for registration in rows:
        person = registration.user
        moment = registration.registered_at or registration.queued_at
        writer.writerow(
            safe_cell(value)
            for value in (
                person.name,
                person.email,
                person.job_title,
                "; ".join(m.organisation.name for m in person.memberships),
                registration.status,
                f"{local(moment, event.timezone):%Y-%m-%d %H:%M %Z}",
                "yes" if registration.attended else "no",
            )
        )
    return out.getvalue()
