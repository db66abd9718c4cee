"""Platforms are their own dimension in search: a facet beside kind and topic, and ``platform:`` in q."""

from __future__ import annotations

from app.extensions import db
from app.orgs.models import SocialChannel
from app.search import outbox

from .helpers import make_topic, publish, sync


def _library(author) -> None:
    make_topic("TikTok", group="platform")
    make_topic("Facebook", group="platform")
    make_topic("Crisis communication")
    publish(author, title="Short video scripts for clinics", topics=("tiktok", "crisis-communication"))
    publish(author, title="Short posts that answer patients", topics=("facebook",))


def test_the_api_facets_include_platform_apart_from_topic(client, author):
    _library(author)
    sync()

    data = client.get("/api/v1/search?q=short").get_json()

    assert data["facets"]["platform"] == [
        {"value": "facebook", "label": "Facebook", "count": 1},
        {"value": "tiktok", "label": "TikTok", "count": 1},
    ]
    assert [v["value"] for v in data["facets"]["topic"]] == ["crisis-communication"]


def test_platform_filters_in_q_and_as_a_parameter(client, author):
    _library(author)
    sync()

    in_query = client.get("/api/v1/search?q=short platform:tiktok").get_json()
    as_param = client.get("/api/v1/search?q=short&platform=facebook").get_json()
    alias = client.get("/api/v1/search?q=platform:twitter").get_json()

    assert [hit["title"] for hit in in_query["results"]] == ["Short video scripts for clinics"]
    assert [hit["title"] for hit in as_param["results"]] == ["Short posts that answer patients"]
    assert alias["total"] == 0


def test_organisations_carry_the_platforms_of_their_channels(ctx, client, roles):
    db.session.add(SocialChannel(organisation_id=roles.org.id, platform="tiktok", url="https://www.tiktok.com/@m"))
    db.session.commit()
    outbox.enqueue("organisation", roles.org.id)
    db.session.commit()
    sync()

    data = client.get("/api/v1/search?q=platform:tiktok&type=organisation").get_json()

    assert [hit["title"] for hit in data["results"]] == [roles.org.name]
    assert data["facets"]["platform"][0]["label"] == "TikTok"


def test_the_search_page_offers_the_platform_facet(client, author):
    _library(author)
    sync()

    page = client.get("/search?q=short").get_data(as_text=True)

    assert "Platform" in page and "platform=tiktok" in page


def test_the_library_filters_by_platform_apart_from_topics(client, author):
    _library(author)
    db.session.commit()

    page = client.get("/library?platform=tiktok").get_data(as_text=True)

    assert "Short video scripts for clinics" in page and "Short posts that answer patients" not in page
    assert 'id="filter-platform"' in page
