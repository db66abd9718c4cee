"""Registration rules: capacity, the waiting list and its order, cancellation and promotion,
and the e-mails each step sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from app.db_types import utcnow
from app.errors import Conflict, NotFound, PermissionDenied
from app.events import service
from app.extensions import db

from ..factories import make_user
from .helpers import make_event


def _commit() -> None:
    db.session.commit()


def test_registering_takes_a_place_and_mails_the_join_link_and_the_ics(roles, mailbox):
    event = make_event(roles.admin, capacity=10)
    registration = service.register(roles.member, event)
    _commit()
    assert registration.is_registered
    message = mailbox.last_to(roles.member.email)
    assert "https://meet.example.org/storm" in mailbox.body(message)
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == [f"{event.slug}.ics"]
    calendar = Calendar.from_ical(attachments[0].get_content())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [event.title]


def test_a_full_event_puts_people_on_the_waiting_list_in_order(roles, mailbox):
    event = make_event(roles.admin, capacity=1)
    service.register(roles.member, event)
    second = service.register(roles.other_member, event)
    third = service.register(roles.outsider, event)
    _commit()
    assert second.is_waitlisted and third.is_waitlisted
    assert service.waitlist_position(second) == 1
    assert service.waitlist_position(third) == 2
    body = mailbox.body(mailbox.last_to(roles.other_member.email))
    assert "waiting list" in body
    assert "meet.example.org" not in body


def test_a_cancellation_promotes_the_first_in_line_and_mails_them(roles, mailbox):
    event = make_event(roles.admin, capacity=1)
    service.register(roles.member, event)
    first_waiting = service.register(roles.other_member, event)
    second_waiting = service.register(roles.outsider, event)
    _commit()
    service.cancel(roles.member, event)
    _commit()
    assert first_waiting.is_registered
    assert second_waiting.is_waitlisted and service.waitlist_position(second_waiting) == 1
    promoted = mailbox.last_to(roles.other_member.email)
    assert "A place opened up" in promoted["Subject"]
    assert "https://meet.example.org/storm" in mailbox.body(promoted)
    assert [a.get_filename() for a in promoted.iter_attachments()] == [f"{event.slug}.ics"]


def test_leaving_the_waiting_list_promotes_nobody(roles):
    event = make_event(roles.admin, capacity=1)
    service.register(roles.member, event)
    waiting = service.register(roles.other_member, event)
    third = service.register(roles.outsider, event)
    service.cancel(roles.other_member, event)
    _commit()
    assert waiting.status == "cancelled"
    assert third.is_waitlisted and service.waitlist_position(third) == 1


def test_registering_twice_changes_nothing_and_re_registering_joins_the_back_of_the_line(roles):
    event = make_event(roles.admin, capacity=1)
    first = service.register(roles.member, event)
    assert service.register(roles.member, event) is first
    waiting = service.register(roles.other_member, event)
    service.cancel(roles.other_member, event)
    latecomer = service.register(roles.outsider, event)
    again = service.register(roles.other_member, event)
    _commit()
    assert again.is_waitlisted
    assert service.waitlist_position(latecomer) == 1 and service.waitlist_position(again) == 2
    assert waiting is again


def test_raising_the_capacity_fills_places_from_the_waiting_list(roles):
    event = make_event(roles.admin, capacity=1)
    service.register(roles.member, event)
    waiting = service.register(roles.other_member, event)
    data = service.EventInput(
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        capacity=2,
        join_url=event.join_url,
    )
    service.update_event(roles.admin, event, data)
    _commit()
    assert waiting.is_registered


def test_members_only_events_are_hidden_from_visitors_and_outsiders(roles):
    event = make_event(roles.admin, visibility="members")
    with pytest.raises(NotFound):
        service.register(roles.outsider, event)
    assert service.register(roles.member, event).is_registered


def test_an_unverified_user_cannot_register(roles):
    event = make_event(roles.admin)
    with pytest.raises(PermissionDenied):
        service.register(make_user(verified=False), event)


def test_a_past_event_refuses_registration(roles):
    event = make_event(roles.admin, days=-2)
    with pytest.raises(Conflict):
        service.register(roles.member, event)


def test_cancelling_without_a_registration_is_not_found(roles):
    event = make_event(roles.admin)
    with pytest.raises(NotFound):
        service.cancel(roles.member, event)


def test_reminders_go_once_to_registered_people_a_day_before(roles, mailbox):
    soon = make_event(roles.admin, title="Tomorrow's webinar", days=0.5)
    later = make_event(roles.admin, title="Next month's webinar", days=30)
    service.register(roles.member, soon)
    service.register(roles.member, later)
    _commit()
    assert service.send_reminders() == 1
    _commit()
    assert service.send_reminders() == 0
    _commit()
    reminders = [m for m in mailbox.to(roles.member.email) if m["Subject"].startswith("Tomorrow:")]
    assert len(reminders) == 1
    assert "Tomorrow's webinar" in reminders[0]["Subject"]
    assert service.send_reminders(now=utcnow() + timedelta(days=29, hours=12)) == 1


def test_the_reminder_command_reports_what_it_sent(roles, runner):
    event = make_event(roles.admin, days=0.5)
    service.register(roles.member, event)
    _commit()
    result = runner.invoke(args=["events", "send-reminders"])
    assert result.exit_code == 0, result.output
    assert "Reminders sent: 1" in result.output
    assert "Reminders sent: 0" in runner.invoke(args=["events", "send-reminders"]).output


def test_a_rolled_back_registration_sends_no_mail(roles, mailbox):
    event = make_event(roles.admin)
    db.session.commit()
    service.register(roles.member, event)
    db.session.rollback()
    assert mailbox.to(roles.member.email) == []
