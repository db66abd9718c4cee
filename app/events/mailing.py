"""E-mails about a registration: confirmation (with the join link and the event's ``.ics``), a
place on the waiting list, promotion from it, the reminder a day before, organisers' messages.

Messages are queued by ``send_mail`` in the mail outbox, inside the registration's transaction,
so a rolled-back registration never mails anyone.
"""

from __future__ import annotations

from ..accounts.models import User
from ..mail import absolute_url, send_mail
from .ics import CONTENT_TYPE, build_calendar, event_filename
from .models import Event
from .timezones import format_range, viewer_zone


def _deliver(to: str, subject: str, body: str, attachments: list[tuple[str, str, bytes]] | None = None) -> None:
    send_mail(to, subject, body, attachments=list(attachments or []))


def _when(user: User, event: Event) -> str:
    return format_range(event.starts_at, event.ends_at, viewer_zone(user, event.timezone))


def _details(user: User, event: Event, *, with_join_link: bool) -> str:
    lines = [f"When: {_when(user, event)}"]
    if event.is_in_person:
        lines.append(f"Where: {', '.join(p for p in (event.venue, event.address) if p) or 'to be announced'}")
    if with_join_link and event.is_online:
        lines.append(f"Join online: {event.join_url or 'the link will be sent before the event'}")
    lines.append(f"Event page: {absolute_url('events.detail', slug=event.slug)}")
    return "\n".join(lines)


def _ics_attachment(event: Event) -> list[tuple[str, str, bytes]]:
    return [(event_filename(event), CONTENT_TYPE.split(";")[0], build_calendar([event], join_link=lambda _: True))]


def send_confirmation(user: User, event: Event, *, promoted: bool = False) -> None:
    opening = (
        f"A place opened up and you are now registered for {event.title}."
        if promoted
        else f"You are registered for {event.title}."
    )
    body = (
        f"Hello {user.name},\n\n{opening}\n\n{_details(user, event, with_join_link=True)}\n\n"
        "The attached calendar file adds the event to your calendar. If you can no longer come, "
        "please cancel on the event page so someone on the waiting list gets your place.\n"
    )
    subject = f"{'A place opened up: ' if promoted else 'Registered: '}{event.title}"
    _deliver(user.email, subject, body, _ics_attachment(event))


def send_waitlisted(user: User, event: Event, position: int) -> None:
    body = (
        f"Hello {user.name},\n\n{event.title} is full, so you are number {position} on the waiting list. "
        "If a place opens up you are registered automatically and we send you the details.\n\n"
        f"{_details(user, event, with_join_link=False)}\n"
    )
    _deliver(user.email, f"Waiting list: {event.title}", body)


def send_reminder(user: User, event: Event) -> None:
    body = f"Hello {user.name},\n\n{event.title} starts soon.\n\n{_details(user, event, with_join_link=True)}\n"
    _deliver(user.email, f"Tomorrow: {event.title}", body, _ics_attachment(event))


def send_organiser_message(user: User, event: Event, subject: str, text: str) -> None:
    link = absolute_url("events.detail", slug=event.slug)
    body = f"{text}\n\n—\nA message from the organisers of {event.title}.\n{link}\n"
    _deliver(user.email, f"{event.title}: {subject}", body)
