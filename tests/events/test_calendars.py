"""iCalendar files and feeds, read back with the icalendar package the way a calendar app would:
UID, DTSTAMP, SEQUENCE, TZID with its VTIMEZONE, and the same wall-clock time on both sides of a
daylight-saving change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from app.events import service
from app.extensions import db

from .helpers import make_event


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.data)


def test_an_event_ics_has_uid_dtstamp_and_its_time_zone(roles, client):
    event = make_event(roles.admin, title="Reels webinar", timezone="America/Chicago")
    db.session.commit()
    calendar = _parse(client.get(f"/events/{event.slug}.ics"))
    [item] = calendar.walk("VEVENT")
    assert str(item["UID"]) == f"event-{event.id}@smhn.test"
    assert item.decoded("DTSTAMP").tzinfo is not None
    assert item["DTSTART"].params["TZID"] == "America/Chicago"
    assert item.decoded("DTSTART").astimezone(UTC) == event.starts_at
    assert item.decoded("DTEND").astimezone(UTC) == event.ends_at
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert "meet.example.org" not in response_text(client, event)


def response_text(client, event) -> str:
    return client.get(f"/events/{event.slug}.ics").get_data(as_text=True)


def test_times_keep_their_wall_clock_across_daylight_saving(roles, client):
    # 10:00 in New York on the Friday before and the Monday after the March 2027 change (14 March).
    before = datetime(2027, 3, 12, 15, 0, tzinfo=UTC)  # 10:00 EST (UTC-5)
    after = datetime(2027, 3, 15, 14, 0, tzinfo=UTC)  # 10:00 EDT (UTC-4)
    first = make_event(roles.admin, title="Before the change", starts_at=before, timezone="America/New_York")
    second = make_event(roles.admin, title="After the change", starts_at=after, timezone="America/New_York")
    db.session.commit()
    for event in (first, second):
        [item] = _parse(client.get(f"/events/{event.slug}.ics")).walk("VEVENT")
        start = item.decoded("DTSTART")
        assert (start.hour, start.minute) == (10, 0)
        assert start.astimezone(UTC) == event.starts_at
    calendar = _parse(client.get(f"/events/{second.slug}.ics"))
    [zone] = calendar.walk("VTIMEZONE")
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_page_shows_times_in_the_members_zone_and_names_it(roles, client_as):
    event = make_event(roles.admin, starts_at=datetime(2027, 7, 1, 17, 0, tzinfo=UTC), timezone="America/New_York")
    roles.member.timezone = "Europe/London"
    db.session.commit()
    visitor_page = client_as(None).get(f"/events/{event.slug}").get_data(as_text=True)
    member_page = client_as(roles.member).get(f"/events/{event.slug}").get_data(as_text=True)
    assert "13:00–" in visitor_page and "EDT" in visitor_page
    assert "18:00–" in member_page and "BST" in member_page


def test_the_feed_of_all_public_events_holds_every_public_event_and_no_members_only_one(roles, client):
    titles = ["Webinar one", "Webinar two", "Summit"]
    for n, title in enumerate(titles):
        make_event(roles.admin, title=title, days=n + 1)
    make_event(roles.admin, title="Members meet-up", visibility="members")
    db.session.commit()
    calendar = _parse(client.get("/events.ics"))
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(titles)
    assert len({str(e["UID"]) for e in events}) == 3
    assert all("DTSTAMP" in e for e in events)
    assert str(calendar["X-WR-CALNAME"])


def test_an_organisations_feed_has_only_its_events(roles, client):
    make_event(roles.org_admin, roles.org, title="Mercy webinar")
    make_event(roles.admin, title="Network webinar")
    db.session.commit()
    calendar = _parse(client.get(f"/events/orgs/{roles.org.slug}.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Mercy webinar"]


def test_a_members_own_feed_lists_their_registrations_with_the_join_link(roles, client_as):
    mine = make_event(roles.admin, title="Mine")
    make_event(roles.admin, title="Not mine")
    service.register(roles.member, mine)
    db.session.commit()
    page = client_as(roles.member).get("/events").get_data(as_text=True)
    feed_url = page.split('href="/events/my/')[1].split('"')[0]
    calendar = _parse(client_as(None).get(f"/events/my/{feed_url}"))
    [item] = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Mine"
    assert "https://meet.example.org/storm" in str(item["DESCRIPTION"])
    assert client_as(None).get("/events/my/forged-token.ics").status_code == 404


def test_an_edit_bumps_the_sequence_so_calendars_update(roles, client):
    event = make_event(roles.admin)
    data = service.EventInput(
        title="Moved webinar",
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
        timezone=event.timezone,
    )
    service.update_event(roles.admin, event, data)
    db.session.commit()
    [item] = _parse(client.get(f"/events/{event.slug}.ics")).walk("VEVENT")
    assert int(item["SEQUENCE"]) == 1
    assert str(item["SUMMARY"]) == "Moved webinar"
