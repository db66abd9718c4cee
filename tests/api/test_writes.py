"""Writing through the API: drafts, review, threads and replies, through the pages' services and rules."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.library.models import Resource

from ..conftest import login
from .helpers import call, check_against_document, token_from_cli

DRAFT = {
    "title": "Answering vaccine myths on TikTok",
    "summary": "What worked for our team.",
    "body": "Pin a short explainer; answer the *top* comment first.",
    "kind": "guide",
    "visibility": "public",
    "tags": ["vaccines", "tiktok"],
}


def test_a_token_from_the_command_creates_a_draft(app, client, roles, document):
    token = token_from_cli(app, roles.member.email, "write")
    response = call(client, "POST", "/resources", token, json=DRAFT)
    assert response.status_code == 201
    body = check_against_document(document, "/resources", "POST", response)
    assert body["status"] == "draft" and body["url"].startswith("/library/")
    with app.app_context():
        saved = db.session.get(Resource, body["id"])
        assert saved.title == DRAFT["title"] and saved.author_id == roles.member.id
        assert saved.organisation_id == roles.org.id and saved.status == "draft"
        assert sorted(tag.name for tag in saved.tags) == ["tiktok", "vaccines"]
    # The draft is the organisation's: the author's token reads it, a visitor does not.
    assert call(client, "GET", f"/resources/{body['id']}", token).status_code == 200
    assert call(client, "GET", f"/resources/{body['id']}").status_code == 404


def test_a_read_token_gets_403_and_no_token_401(app, client, roles, document):
    read = token_from_cli(app, roles.member.email, "read")
    refused = call(client, "POST", "/resources", read, json=DRAFT)
    assert refused.status_code == 403
    assert check_against_document(document, "/resources", "POST", refused)["error"] == "insufficient_scope"
    anonymous = call(client, "POST", "/resources", json=DRAFT)
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert check_against_document(document, "/resources", "POST", anonymous)["error"] == "unauthorized"
    with app.app_context():
        assert db.session.execute(select(Resource.id)).first() is None


def test_a_bad_or_malformed_token_is_401_even_where_visitors_may_read(client, roles):
    assert call(client, "GET", "/resources", "smhn_not-a-real-token").status_code == 401
    assert call(client, "GET", "/resources", headers={"Authorization": "Basic dXNlcjpwdw=="}).status_code == 401
    assert call(client, "GET", "/resources").status_code == 200


def test_a_draft_is_updated_then_submitted_for_review(client, tokens, document):
    token = tokens["member"]
    created = call(client, "POST", "/resources", token, json=DRAFT).get_json()
    path = f"/resources/{created['id']}"
    changed = call(client, "PATCH", path, token, json={"summary": "Three steps that worked.", "note": "Shorter"})
    body = check_against_document(document, "/resources/{resource_id}", "PATCH", changed)
    assert changed.status_code == 200 and body["summary"] == "Three steps that worked."
    assert body["title"] == DRAFT["title"] and body["status"] == "draft"
    submitted = call(client, "POST", f"{path}/submit", token)
    assert check_against_document(document, "/resources/{resource_id}/submit", "POST", submitted)["status"] == "pending"


def test_another_organisation_may_not_edit_or_submit_the_draft(client, tokens, network):
    path = f"/resources/{network.draft.id}"
    # Org B's member may not even see org A's draft: the same answer as a missing one.
    assert call(client, "PATCH", path, tokens["other_member"], json={"title": "Taken over"}).status_code == 404
    assert call(client, "POST", f"{path}/submit", tokens["other_member"]).status_code == 404
    assert call(client, "POST", f"{path}/submit", tokens["member"]).status_code == 200


def test_a_user_without_an_organisation_may_not_create(client, tokens):
    assert call(client, "POST", "/resources", tokens["outsider"], json=DRAFT).status_code == 403


def test_an_organisation_that_is_not_ones_own_is_refused(client, tokens, roles):
    slug = roles.other_org.slug
    assert call(client, "POST", "/resources", tokens["member"], json={**DRAFT, "organisation": slug}).status_code == 403
    unknown = call(client, "POST", "/resources", tokens["member"], json={**DRAFT, "organisation": "nowhere"})
    assert unknown.status_code == 422 and "organisation" in unknown.get_json()["fields"]


def test_the_privacy_guard_refuses_patient_details_with_its_findings(client, tokens, document):
    text = {**DRAFT, "body": "Her MRN 12345678 was visible in the screenshot."}
    refused = call(client, "POST", "/resources", tokens["member"], json=text)
    body = check_against_document(document, "/resources", "POST", refused)
    assert refused.status_code == 422 and body["error"] == "privacy_check" and body["findings"]
    held = call(client, "POST", "/resources", tokens["member"], json={**text, "send_for_review": True})
    assert held.status_code == 201 and held.get_json()["status"] == "pending"


def test_the_services_messages_come_back_by_field(client, tokens, document):
    response = call(client, "POST", "/resources", tokens["member"], json={**DRAFT, "title": "ab", "topics": ["nope"]})
    body = check_against_document(document, "/resources", "POST", response)
    assert response.status_code == 422 and set(body["fields"]) >= {"title", "topics"}


def test_a_thread_is_started_and_replied_to(client, tokens, network, document):
    started = call(
        client,
        "POST",
        "/threads",
        tokens["member"],
        json={"category": "platforms", "title": "Do you caption every reel?", "body": "We caption all of them."},
    )
    body = check_against_document(document, "/threads", "POST", started)
    assert started.status_code == 201 and re.match(r"^/discussions/platforms/\d+-", body["url"])
    reply = call(client, "POST", f"/threads/{body['id']}/posts", tokens["org_admin"], json={"body": "Yes, always."})
    assert reply.status_code == 201
    check_against_document(document, "/threads/{thread_id}/posts", "POST", reply)
    thread = call(client, "GET", f"/threads/{body['id']}", tokens["member"])
    posts = check_against_document(document, "/threads/{thread_id}", "GET", thread)["posts"]
    assert [p["position"] for p in posts] == [1, 2]


def test_replying_follows_the_pages_rules(client, tokens, network):
    members_thread = f"/threads/{network.members_thread.id}/posts"
    assert call(client, "POST", members_thread, tokens["outsider"], json={"body": "Hello"}).status_code == 404
    unknown_category = call(
        client, "POST", "/threads", tokens["member"], json={"category": "no-such", "title": "Hello there", "body": "x"}
    )
    assert unknown_category.status_code == 422 and "category" in unknown_category.get_json()["fields"]


def test_a_session_write_needs_the_csrf_token_and_a_token_write_does_not(app_factory, roles):
    app = app_factory(WTF_CSRF_ENABLED=True)
    browser = login(app.test_client(), roles.member)
    refused = browser.post("/api/v1/resources", json=DRAFT)
    assert refused.status_code == 400 and "expired or was sent from elsewhere" in refused.get_json()["reason"]
    page = browser.get("/account/tokens").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert csrf, "no CSRF token on the tokens page"
    accepted = browser.post("/api/v1/resources", json=DRAFT, headers={"X-CSRFToken": csrf[1]})
    assert accepted.status_code == 201
    token = token_from_cli(app, roles.member.email, "write")
    assert call(app.test_client(), "POST", "/resources", token, json=DRAFT).status_code == 201


def test_posting_limits_are_shared_with_the_pages(app_factory, roles):
    app = app_factory(RATELIMIT_ENABLED=True)
    with app.app_context():
        from ..factories.discussions import categories, start_thread

        thread_id = start_thread(roles.moderator, categories()["platforms"]).id
    token = token_from_cli(app, roles.member.email, "write")
    page = login(app.test_client(), roles.member).post(
        f"/discussions/threads/{thread_id}/reply", data={"body": "Answered on the page."}
    )
    assert page.status_code == 302
    api = call(app.test_client(), "POST", f"/threads/{thread_id}/posts", token, json={"body": "And by the API."})
    assert api.status_code == 429 and api.get_json()["error"] == "rate_limited"


def test_a_token_wins_over_the_browsers_session(client_as, roles, tokens, network):
    """The same client signed in as a member, calling with an outsider's token, reads as the outsider."""
    browser = client_as(roles.member)
    path = f"/resources/{network.members_only.id}"
    assert call(browser, "GET", path).status_code == 200
    assert call(browser, "GET", path, tokens["outsider"]).status_code == 404
