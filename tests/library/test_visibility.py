"""Who sees what: viewer × resource state, on the page, in the list, counts and feeds.

A private item answers exactly like a missing one (docs/SECURITY.md 18-19).
"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.library import service

from ..factories.library import make_resource

VIEWERS = ("visitor", "outsider", "member", "org_admin", "other_member", "moderator")
STATES = ("public", "members", "draft", "pending", "returned", "archived", "hidden")

# Which viewers may open a resource of ``roles.org`` (authored by ``member``) in each state.
EXPECTED = {
    "public": {"visitor", "outsider", "member", "org_admin", "other_member", "moderator"},
    "members": {"member", "org_admin", "other_member", "moderator"},
    "draft": {"member", "org_admin", "moderator"},
    "pending": {"member", "org_admin", "moderator"},
    "returned": {"member", "org_admin", "moderator"},
    "archived": {"member", "org_admin", "moderator"},
    "hidden": {"member", "moderator"},  # the author and moderators only
}
LISTED = {"public", "members"}


def _make(roles, state: str):
    if state in ("public", "members"):
        return make_resource(roles.member, title=f"The {state} one", visibility=state, publisher=roles.moderator)
    if state == "hidden":
        resource = make_resource(roles.member, title="The hidden one", publisher=roles.moderator)
        service.hide_resource(roles.moderator, resource, "Reported")
        return resource
    return make_resource(roles.member, title=f"The {state} one", status=state, publisher=roles.moderator)


def _client(client_as, roles, viewer: str):
    return client_as(None if viewer == "visitor" else getattr(roles, viewer))


@pytest.mark.parametrize("state", STATES)
def test_resource_page_visibility_matrix(client_as, roles, state):
    resource = _make(roles, state)
    db.session.commit()
    for viewer in VIEWERS:
        client = _client(client_as, roles, viewer)
        response = client.get(f"/library/{resource.slug}")
        missing = client.get("/library/no-such-resource")
        if viewer in EXPECTED[state]:
            assert response.status_code == 200, (viewer, state)
            assert resource.title in response.get_data(as_text=True)
        else:
            assert response.status_code == 404, (viewer, state)
            # Signed out, both offer sign-in back to their own address: all else is the same.
            private_page = response.get_data(as_text=True).replace(f"/library/{resource.slug}", "PATH")
            missing_page = missing.get_data(as_text=True).replace("/library/no-such-resource", "PATH")
            assert private_page == missing_page, "a private item must look like a missing one"


@pytest.mark.parametrize("state", STATES)
def test_listing_and_counts_show_only_listed_items_the_viewer_may_see(client_as, roles, state):
    resource = _make(roles, state)
    db.session.commit()
    for viewer in VIEWERS:
        body = _client(client_as, roles, viewer).get("/library").get_data(as_text=True)
        listed = state in LISTED and viewer in EXPECTED[state]
        assert (resource.title in body) is listed, (viewer, state)
        assert ("1 resource." if listed else "0 resources.") in body, (viewer, state)


@pytest.mark.parametrize("state", STATES)
def test_feeds_carry_public_published_items_only(client_as, roles, state):
    from ..factories.library import make_topic

    make_topic("Measurement")
    resource = _make(roles, state)
    service.set_resource_topics_tags(roles.moderator, resource, ["measurement"], [])
    db.session.commit()
    for viewer in ("visitor", "member", "moderator"):
        client = _client(client_as, roles, viewer)
        for url in (
            "/library/feed.atom",
            "/library/topics/measurement/feed.atom",
            f"/library/orgs/{roles.org.slug}/feed.atom",
        ):
            body = client.get(url).get_data(as_text=True)
            assert (resource.title in body) is (state == "public"), (viewer, state, url)


def test_filter_choices_never_name_an_organisation_with_only_private_items(client, roles):
    make_resource(roles.other_member, title="Members memo", visibility="members", publisher=roles.moderator)
    db.session.commit()
    body = client.get("/library").get_data(as_text=True)
    assert roles.other_org.name not in body


def test_members_only_filter_gives_a_visitor_nothing(client, roles):
    make_resource(roles.member, visibility="members", publisher=roles.moderator)
    db.session.commit()
    assert "0 resources" in client.get("/library?visibility=members").get_data(as_text=True)


def test_sub_pages_of_a_private_resource_are_not_found(client_as, roles):
    resource = _make(roles, "draft")
    db.session.commit()
    for viewer in ("outsider", "other_member"):
        client = _client(client_as, roles, viewer)
        for url in (f"/library/{resource.slug}/revisions", f"/library/{resource.slug}/revisions/1/diff/1",
                    f"/library/{resource.slug}/edit"):
            assert client.get(url).status_code == 404, (viewer, url)
        for url in (f"/library/{resource.slug}/bookmark", f"/library/{resource.slug}/helpful",
                    f"/library/{resource.slug}/submit", f"/library/{resource.slug}/archive"):
            assert client.post(url).status_code == 404, (viewer, url)


def test_a_suspended_organisation_s_member_sees_what_a_visitor_sees(client_as, roles):
    from app.orgs.models import OrgStatus

    resource = _make(roles, "members")
    roles.other_org.status = OrgStatus.SUSPENDED.value
    db.session.commit()
    assert client_as(roles.other_member).get(f"/library/{resource.slug}").status_code == 404


def test_another_organisation_cannot_act_on_a_published_resource(client_as, roles):
    resource = _make(roles, "public")
    db.session.commit()
    client = client_as(roles.other_member)
    for action in ("archive", "delete", "approve", "hide", "restore", "feature", "publish"):
        assert client.post(f"/library/{resource.slug}/{action}").status_code == 403, action
    assert client.get(f"/library/{resource.slug}/edit").status_code == 403
    assert client.get(f"/library/{resource.slug}/revisions").status_code == 404
