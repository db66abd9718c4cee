"""Platforms as a dimension of events: chosen by the organiser, a filter with counts on the
calendar, and the platform facet of search."""

from __future__ import annotations

import re

from app.events.models import Event
from app.extensions import db

from ..search.helpers import sync
from .helpers import make_event

FORM = {
    "host": "network",
    "kind": "webinar",
    "timezone": "UTC",
    "starts_at": "2030-10-01T12:00",
    "ends_at": "2030-10-01T13:00",
    "format": "online",
    "visibility": "public",
}


def test_an_organiser_tags_an_event_with_platforms_and_can_change_them(roles, client_as):
    admin = client_as(roles.admin)
    response = admin.post(
        "/events/new", data={**FORM, "title": "Short video for clinics", "platforms": ["tiktok", "instagram"]}
    )
    assert response.status_code == 302
    event = db.session.query(Event).filter_by(title="Short video for clinics").one()
    assert [value for value, _ in event.platforms] == ["instagram", "tiktok"]
    assert "TikTok" in admin.get(f"/events/{event.slug}").get_data(as_text=True)

    edit_page = admin.get(f"/events/{event.slug}/edit").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="tiktok"', edit_page)
    assert not re.search(r'<input checked[^>]*value="youtube"', edit_page)
    admin.post(
        f"/events/{event.slug}/edit", data={**FORM, "title": "Short video for clinics", "platforms": ["youtube"]}
    )
    db.session.expire_all()
    assert [value for value, _ in db.session.get(Event, event.id).platforms] == ["youtube"]


def test_an_unknown_platform_is_refused_with_a_message(roles, client_as):
    response = client_as(roles.admin).post(
        "/events/new", data={**FORM, "title": "Odd webinar", "platforms": ["myspace"]}
    )
    assert response.status_code == 422
    assert db.session.query(Event).filter_by(title="Odd webinar").count() == 0


def test_the_calendar_filters_by_platform_and_counts_what_the_reader_may_see(roles, client):
    make_event(roles.admin, title="TikTok live for nurses", platforms=("tiktok",))
    make_event(roles.admin, title="LinkedIn for recruiters", platforms=("linkedin",))
    make_event(roles.admin, title="Members-only TikTok clinic", platforms=("tiktok",), visibility="members")
    db.session.commit()

    everything = client.get("/events").get_data(as_text=True)
    tiktok = client.get("/events?platform=tiktok").get_data(as_text=True)

    assert "TikTok (1)" in everything and "LinkedIn (1)" in everything  # the members-only one is not counted
    assert "TikTok live for nurses" in tiktok
    assert "LinkedIn for recruiters" not in tiktok and "Members-only TikTok clinic" not in tiktok
    assert client.get("/events?platform=myspace").status_code == 404


def test_search_counts_events_under_the_platform_facet(roles, client):
    make_event(roles.admin, title="Storm alerts on Facebook", platforms=("facebook",))
    db.session.commit()
    sync()

    data = client.get("/api/v1/search?q=storm&type=event").get_json()

    assert data["facets"]["platform"] == [{"value": "facebook", "label": "Facebook", "count": 1}]


def test_an_event_is_found_by_its_host_s_new_name_after_a_rename(roles, client):
    from app.orgs import service as orgs

    make_event(roles.org_admin, roles.org, title="Storm preparedness webinar")
    db.session.commit()
    sync()
    details = {"name": "Riverside Health Renamed", "type": roles.org.type, "country": roles.org.country or "US"}
    orgs.update_organisation(roles.org_admin, roles.org, details)
    db.session.commit()
    sync()

    data = client.get("/api/v1/search?q=renamed&type=event").get_json()

    assert [hit["title"] for hit in data["results"]] == ["Storm preparedness webinar"]


def test_the_api_lists_an_event_s_platforms_and_filters_by_one(roles, client):
    make_event(roles.admin, title="Reels for clinics", platforms=("instagram",))
    make_event(roles.admin, title="Posts for leaders", platforms=("linkedin",))
    db.session.commit()

    data = client.get("/api/v1/events?platform=instagram").get_json()

    assert [(item["title"], item["platforms"]) for item in data["items"]] == [("Reels for clinics", ["instagram"])]
    assert client.get("/api/v1/events?platform=myspace").status_code == 422
