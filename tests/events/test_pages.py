"""Event pages through the test client: who sees what (the join link, members-only events),
registering from the page, organisers' forms, the CSV export, recordings linked both ways,
search, the home and organisation pages."""

from __future__ import annotations

import csv
import io

from app.events import service
from app.events.models import Event
from app.extensions import db
from app.search.indexer import sync

from ..factories import make_user
from ..factories.library import make_resource
from .helpers import make_event

JOIN = "https://meet.example.org/storm"


def test_the_join_link_is_only_for_registered_people_and_organisers(roles, client_as):
    event = make_event(roles.admin, capacity=1)
    service.register(roles.member, event)
    service.register(roles.other_member, event)  # waiting list
    db.session.commit()
    url = f"/events/{event.slug}"
    assert JOIN in client_as(roles.member).get(url).get_data(as_text=True)
    assert JOIN in client_as(roles.admin).get(url).get_data(as_text=True)
    for viewer in (None, roles.outsider, roles.other_member, roles.org_admin):
        page = client_as(viewer).get(url).get_data(as_text=True)
        assert JOIN not in page, viewer
        assert "shown to registered people" in page


def test_a_members_only_event_answers_404_to_visitors_and_outsiders(roles, client_as):
    event = make_event(roles.admin, visibility="members", title="Members meet-up")
    db.session.commit()
    for viewer in (None, roles.outsider):
        assert client_as(viewer).get(f"/events/{event.slug}").status_code == 404
        assert "Members meet-up" not in client_as(viewer).get("/events").get_data(as_text=True)
    assert client_as(roles.member).get(f"/events/{event.slug}").status_code == 200


def test_registering_and_cancelling_from_the_page(roles, client_as, mailbox):
    event = make_event(roles.admin, capacity=1)
    db.session.commit()
    member, other = client_as(roles.member), client_as(roles.other_member)
    assert member.post(f"/events/{event.slug}/register").status_code == 302
    page = other.post(f"/events/{event.slug}/register", follow_redirects=True).get_data(as_text=True)
    assert "number 1 on the waiting list" in page
    member.post(f"/events/{event.slug}/cancel")
    page = other.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "You are registered." in page and JOIN in page
    assert "A place opened up" in mailbox.last_to(roles.other_member.email)["Subject"]


def test_visitors_are_sent_to_sign_in_to_register(roles, client_as):
    event = make_event(roles.admin)
    db.session.commit()
    response = client_as(None).post(f"/events/{event.slug}/register")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_lists_show_upcoming_and_past_events_and_past_ones_link_their_recordings(roles, client_as):
    make_event(roles.admin, title="Next week's webinar", days=7)
    past = make_event(roles.org_admin, roles.org, title="Last month's webinar", days=-30)
    recording = make_resource(
        roles.org_admin, title="Recording of last month's webinar", kind="webinar", publisher=roles.moderator
    )
    service.link_recording(roles.org_admin, past, recording)
    db.session.commit()
    client = client_as(None)
    upcoming = client.get("/events").get_data(as_text=True)
    assert "Next week&#39;s webinar" in upcoming and "Last month" not in upcoming
    past_page = client.get("/events?when=past").get_data(as_text=True)
    assert "Last month&#39;s webinar" in past_page and "Next week" not in past_page
    assert f"/library/{recording.slug}" in past_page
    assert f"/library/{recording.slug}" in client.get(f"/events/{past.slug}").get_data(as_text=True)
    assert f"/events/{past.slug}" in client.get(f"/library/{recording.slug}").get_data(as_text=True)


def test_only_a_webinar_resource_can_be_the_recording(roles, client_as):
    event = make_event(roles.admin, days=-3)
    guide = make_resource(roles.member, title="A guide", publisher=roles.moderator)
    db.session.commit()
    response = client_as(roles.admin).post(f"/events/{event.slug}/recording", data={"recording-resource": guide.slug})
    assert response.status_code == 422
    assert "Webinar or recording" in response.get_data(as_text=True)


def test_an_org_admin_creates_an_event_for_their_organisation(roles, client_as):
    client = client_as(roles.org_admin)
    form = {
        "host": str(roles.org.id),
        "title": "Flu season live Q&A",
        "kind": "webinar",
        "timezone": "America/Chicago",
        "starts_at": "2030-10-01T12:00",
        "ends_at": "2030-10-01T13:00",
        "format": "online",
        "join_url": "https://meet.example.org/flu",
        "capacity": "50",
        "visibility": "public",
    }
    response = client.post("/events/new", data=form)
    assert response.status_code == 302
    event = db.session.query(Event).filter_by(title="Flu season live Q&A").one()
    assert event.organisation_id == roles.org.id
    assert event.starts_at.isoformat() == "2030-10-01T17:00:00+00:00"  # 12:00 CDT


def test_a_bad_event_form_answers_422_and_keeps_the_input(roles, client_as):
    response = client_as(roles.admin).post(
        "/events/new",
        data={
            "host": "network",
            "title": "Backwards webinar",
            "kind": "webinar",
            "timezone": "UTC",
            "starts_at": "2030-10-01T12:00",
            "ends_at": "2030-10-01T11:00",
            "format": "online",
            "visibility": "public",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Backwards webinar" in page and "must end after it starts" in page


def test_event_text_that_identifies_a_patient_is_refused(roles, client_as):
    response = client_as(roles.admin).post(
        "/events/new",
        data={
            "host": "network",
            "title": "Case review",
            "kind": "webinar",
            "timezone": "UTC",
            "description": "We discuss patient John Smith, MRN 12345678, born 03/04/1950.",
            "starts_at": "2030-10-01T12:00",
            "ends_at": "2030-10-01T13:00",
            "format": "online",
            "visibility": "public",
        },
    )
    assert response.status_code == 422
    assert "patient-identifying" in response.get_data(as_text=True)
    assert db.session.query(Event).count() == 0


def test_members_and_other_org_admins_may_not_create_or_manage(roles, client_as):
    event = make_event(roles.org_admin, roles.org)
    db.session.commit()
    assert client_as(roles.member).get("/events/new").status_code == 403
    other_admin = make_user()
    from ..factories import make_org

    make_org("Other Clinic", admin=other_admin)
    db.session.commit()
    assert client_as(other_admin).get(f"/events/{event.slug}/attendees").status_code == 403
    assert client_as(roles.org_admin).get(f"/events/{event.slug}/attendees").status_code == 200


def test_the_attendee_csv_is_formula_safe(roles, client_as):
    event = make_event(roles.admin)
    roles.member.name = '=HYPERLINK("http://evil.example","click")'
    service.register(roles.member, event)
    db.session.commit()
    response = client_as(roles.admin).get(f"/events/{event.slug}/attendees.csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:2] == ["name", "email"]
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][1] == roles.member.email and rows[1][4] == "registered"


def test_organisers_mark_attendance_and_message_attendees(roles, client_as, mailbox):
    event = make_event(roles.admin)
    registration = service.register(roles.member, event)
    db.session.commit()
    admin = client_as(roles.admin)
    admin.post(f"/events/{event.slug}/attendees/{registration.id}/attendance", data={"attended": "1"})
    db.session.refresh(registration)
    assert registration.attended
    response = admin.post(
        f"/events/{event.slug}/message", data={"message-subject": "Slides", "message-body": "Slides are attached."}
    )
    assert response.status_code == 302
    assert mailbox.last_to(roles.member.email)["Subject"].endswith("Slides")
    assert admin.post(f"/events/{event.slug}/message", data={"message-subject": ""}).status_code == 422


def test_adding_a_session_with_a_member_speaker_links_their_profile(roles, client_as):
    event = make_event(roles.admin, title="Summit", days=20, hours=10, timezone="UTC")
    db.session.commit()
    start = event.starts_at.strftime("%Y-%m-%dT%H:%M")
    response = client_as(roles.admin).post(
        f"/events/{event.slug}/sessions",
        data={
            "session-title": "Opening keynote",
            "session-track": "Strategy",
            "session-room": "Hall",
            "session-starts_at": start,
            "session-ends_at": start.replace(start[11:13], f"{int(start[11:13]) + 1:02d}"),
            "session-speakers": f"{roles.member.email}, Dr Guest Speaker",
        },
    )
    assert response.status_code == 302
    page = client_as(None).get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Opening keynote" in page and "Dr Guest Speaker" in page
    assert f'href="/users/{roles.member.id}"' in page and roles.member.email not in page


def test_search_finds_events_by_type_and_hides_members_only_ones_from_visitors(roles, client_as):
    make_event(roles.admin, title="Annual summit of the network", kind="summit", days=40, hours=50)
    make_event(roles.admin, title="Members summit dinner", kind="meetup", visibility="members")
    make_resource(roles.org_admin, title="Summit planning guide", publisher=roles.moderator)
    db.session.commit()
    sync()
    visitor = client_as(None).get("/api/v1/search?q=summit&type=event").get_json()
    assert [r["title"] for r in visitor["results"]] == ["Annual summit of the network"]
    assert visitor["results"][0]["type"] == "event"
    member = client_as(roles.member).get("/api/v1/search?q=summit&type=event").get_json()
    assert {r["title"] for r in member["results"]} == {"Annual summit of the network", "Members summit dinner"}
    page = client_as(None).get("/search?q=summit").get_data(as_text=True)
    assert "q=summit&amp;type=event" in page  # the Events tab
    assert "Members summit dinner" not in page


def test_the_home_and_organisation_pages_show_next_events(roles, client_as):
    make_event(roles.org_admin, roles.org, title="Mercy open day webinar")
    db.session.commit()
    assert "Mercy open day webinar" in client_as(None).get("/").get_data(as_text=True)
    assert "Mercy open day webinar" in client_as(None).get(f"/orgs/{roles.org.slug}").get_data(as_text=True)
    feed = client_as(None).get("/events/feed.atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    assert "Mercy open day webinar" in feed.get_data(as_text=True)


def test_organisers_list_pre_work_that_readers_see_before_the_event(roles, client_as):
    event = make_event(roles.admin, title="Residency", kind="residency", format="in_person", venue="Hall")
    guide = make_resource(roles.member, title="Read this first", publisher=roles.moderator)
    db.session.commit()
    response = client_as(roles.admin).post(
        f"/events/{event.slug}/prework", data={"prework-resource": f"http://smhn.test/library/{guide.slug}"}
    )
    assert response.status_code == 302
    page = client_as(None).get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Before the event" in page and "Read this first" in page
    missing = client_as(roles.admin).post(f"/events/{event.slug}/prework", data={"prework-resource": "no-such-guide"})
    assert missing.status_code == 422
