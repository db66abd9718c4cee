"""Bookmarks, helpful votes (one each) and view counting (no author, no reloads)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import telemetry
from app.errors import PermissionDenied
from app.extensions import db
from app.library import engagement, service
from app.library.models import HelpfulVote, Resource

from ..factories.library import make_resource


def _fresh(resource):
    db.session.expire_all()
    return db.session.get(Resource, resource.id)


def test_bookmark_and_unbookmark_through_the_page(client_as, roles):
    resource = make_resource(roles.member, title="Guide to keep", publisher=roles.moderator)
    db.session.commit()
    client = client_as(roles.other_member)
    assert client.post(f"/library/{resource.slug}/bookmark").status_code == 302
    assert client.post(f"/library/{resource.slug}/bookmark").status_code == 302  # twice: still one
    body = client.get("/library/bookmarks").get_data(as_text=True)
    assert "Guide to keep" in body
    assert "Remove bookmark" in client.get(f"/library/{resource.slug}").get_data(as_text=True)
    client.post(f"/library/{resource.slug}/bookmark", data={"remove": "1"})
    assert "Guide to keep" not in client.get("/library/bookmarks").get_data(as_text=True)


def test_bookmarks_of_items_that_became_private_disappear(client_as, roles):
    resource = make_resource(roles.member, title="Soon hidden", publisher=roles.moderator)
    engagement.add_bookmark(roles.other_member, resource)
    service.hide_resource(roles.moderator, resource, "Spam")
    db.session.commit()
    assert "Soon hidden" not in client_as(roles.other_member).get("/library/bookmarks").get_data(as_text=True)


def test_visitors_are_asked_to_sign_in_to_bookmark(client, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    response = client.post(f"/library/{resource.slug}/bookmark")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_one_helpful_vote_per_member(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    client = client_as(roles.other_member)
    for _ in range(3):
        assert client.post(f"/library/{resource.slug}/helpful").status_code == 302
    assert _fresh(resource).helpful_count == 1
    assert db.session.execute(select(func.count(HelpfulVote.id))).scalar_one() == 1
    client.post(f"/library/{resource.slug}/helpful", data={"remove": "1"})
    assert _fresh(resource).helpful_count == 0


def test_authors_and_outsiders_cannot_vote(roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    with pytest.raises(PermissionDenied):
        engagement.vote_helpful(roles.member, resource)
    with pytest.raises(PermissionDenied):
        engagement.vote_helpful(roles.outsider, resource)


def test_drafts_cannot_be_voted_on(roles):
    resource = make_resource(roles.member, status="draft")
    with pytest.raises(PermissionDenied):
        engagement.vote_helpful(roles.org_admin, resource)


def test_views_are_counted_once_per_reader_per_day_and_never_for_the_author(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    url = f"/library/{resource.slug}"
    author = client_as(roles.member)
    for _ in range(3):
        author.get(url)
    telemetry.flush()
    assert _fresh(resource).view_count == 0
    reader = client_as(roles.other_member)
    for _ in range(3):
        reader.get(url)
    telemetry.flush()
    assert _fresh(resource).view_count == 1
    visitor = client_as(None)
    for _ in range(3):
        visitor.get(url, headers={"User-Agent": "Reader A"})
    visitor.get(url, headers={"User-Agent": "Reader B"})
    telemetry.flush()
    assert _fresh(resource).view_count == 3


def test_unpublished_resources_count_no_views(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    client_as(roles.org_admin).get(f"/library/{resource.slug}")
    telemetry.flush()
    assert _fresh(resource).view_count == 0


def test_viewing_counts_but_never_changes_the_updated_date(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    updated = _fresh(resource).updated_at
    client_as(roles.other_member).get(f"/library/{resource.slug}")
    client_as(roles.other_member).post(f"/library/{resource.slug}/helpful")
    db.session.commit()  # the test client's requests share this test's session: end its transaction
    assert telemetry.flush() == 1
    fresh = _fresh(resource)
    assert (fresh.view_count, fresh.helpful_count) == (1, 1)
    assert fresh.updated_at == updated
