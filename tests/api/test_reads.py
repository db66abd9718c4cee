"""Reading through the API: a token's owner sees what they would see signed in, a visitor what a
visitor sees, by the same visibility rules as the pages (docs/SECURITY.md 18-19)."""

from __future__ import annotations

import pytest

from app.extensions import db

from ..events.helpers import make_event
from .helpers import call, check_against_document


def _listed_titles(response) -> set[str]:
    return {item["title"] for item in response.get_json()["items"]}


def test_members_only_resources_are_for_members_tokens_only(client, tokens, network, document):
    visitor = call(client, "GET", "/resources")
    check_against_document(document, "/resources", "GET", visitor)
    assert _listed_titles(visitor) == {"Storm response guide"}
    outsider = call(client, "GET", "/resources", tokens["outsider"])
    assert _listed_titles(outsider) == {"Storm response guide"}
    member = call(client, "GET", "/resources", tokens["other_member"])
    assert _listed_titles(member) == {"Storm response guide", "Members staffing memo"}
    path = f"/resources/{network.members_only.id}"
    assert call(client, "GET", path).status_code == 404
    assert call(client, "GET", path, tokens["outsider"]).status_code == 404
    one = call(client, "GET", path, tokens["other_member"])
    assert check_against_document(document, "/resources/{resource_id}", "GET", one)["visibility"] == "members"


def test_a_draft_is_its_organisations_and_private_looks_missing(client, tokens, network, document):
    path = f"/resources/{network.draft.id}"
    assert call(client, "GET", path, tokens["org_admin"]).status_code == 200
    hidden, missing = call(client, "GET", path, tokens["other_member"]), call(client, "GET", "/resources/987654")
    assert hidden.status_code == missing.status_code == 404 and hidden.get_json() == missing.get_json()
    check_against_document(document, "/resources/{resource_id}", "GET", hidden)


def test_members_only_threads_are_for_members_tokens_only(client, tokens, network, document):
    visitor = call(client, "GET", "/threads")
    check_against_document(document, "/threads", "GET", visitor)
    assert _listed_titles(visitor) == {"Public thread on platforms"}
    member = call(client, "GET", "/threads", tokens["other_member"])
    assert "Members-only crisis thread" in _listed_titles(member)
    path = f"/threads/{network.members_thread.id}"
    assert call(client, "GET", path, tokens["outsider"]).status_code == 404
    check_against_document(document, "/threads/{thread_id}", "GET", call(client, "GET", path, tokens["member"]))


def test_organisations_are_the_directory(client, roles, document):
    listing = call(client, "GET", "/organisations")
    body = check_against_document(document, "/organisations", "GET", listing)
    assert {org["slug"] for org in body["items"]} == {roles.org.slug, roles.other_org.slug}
    one = call(client, "GET", f"/organisations/{roles.org.slug}")
    assert check_against_document(document, "/organisations/{slug}", "GET", one)["name"] == roles.org.name
    assert call(client, "GET", "/organisations/no-such-org").status_code == 404
    assert call(client, "GET", "/organisations/%00evil").status_code == 404


def test_members_only_events_are_for_members_tokens_only(client, tokens, roles, document):
    public = make_event(roles.org_admin, roles.org, title="Public storm webinar")
    members = make_event(roles.admin, title="Members meet-up", visibility="members")
    db.session.commit()
    visitor = call(client, "GET", "/events")
    check_against_document(document, "/events", "GET", visitor)
    assert _listed_titles(visitor) == {"Public storm webinar"}
    assert _listed_titles(call(client, "GET", "/events", tokens["member"])) == {
        "Public storm webinar",
        "Members meet-up",
    }
    assert call(client, "GET", f"/events/{members.slug}", tokens["outsider"]).status_code == 404
    one = call(client, "GET", f"/events/{public.slug}")
    body = check_against_document(document, "/events/{slug}", "GET", one)
    assert "join_url" not in body


@pytest.mark.parametrize("query", ["page=0", "per_page=1000", "page=abc", "kind=nope", "sort=oldest"])
def test_bad_paging_and_filters_are_422(client, document, query):
    response = client.get(f"/api/v1/resources?{query}")
    assert response.status_code == 422
    check_against_document(document, "/resources", "GET", response)
