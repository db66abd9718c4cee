"""An edit by an author who may not publish directly waits for review (SECURITY.md 43).

The outside test: an untrusted member's approved resource was edited to a spam link and went live
at once. Now the edit is a pending revision; the published text stays until a moderator approves.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.library import service
from app.library.models import ResourceRevision
from app.library.pending_edits import PendingEdit, pending_edit_for

SPAM = "Buy followers at [cheap-followers.example](https://cheap-followers.example)"


def _input(body: str, title: str = "Replying to angry comments") -> service.ResourceInput:
    return service.ResourceInput(title=title, body=body)


@pytest.fixture
def approved(roles):
    resource = service.create_resource(roles.member, roles.org, _input("Answer once, kindly."), action="submit")
    service.approve_resource(roles.moderator, resource)
    db.session.commit()
    return resource


def test_an_untrusted_members_edit_waits_and_the_published_text_stays(roles, approved, client_as):
    service.edit_resource(roles.member, approved, _input(SPAM), note="Updated link")
    db.session.commit()
    db.session.expire_all()
    assert "cheap-followers" not in approved.body_source and approved.is_published
    page = client_as(None).get(f"/library/{approved.slug}").get_data(as_text=True)
    assert "Answer once, kindly." in page and "cheap-followers" not in page
    assert pending_edit_for(approved) is not None


def test_the_queue_shows_the_pending_edit_with_its_diff(roles, approved, client_as):
    service.edit_resource(roles.member, approved, _input(SPAM))
    db.session.commit()
    page = client_as(roles.moderator).get("/moderation?kind=edit").get_data(as_text=True)
    assert "Edit of a published resource" in page and "Replying to angry comments" in page
    assert "cheap-followers.example" in page and "Answer once, kindly." in page  # both sides of the diff


def test_approving_the_edit_publishes_it_as_the_authors_revision(roles, approved, client_as):
    service.edit_resource(roles.member, approved, _input("Answer once, kindly, and link the policy."))
    db.session.commit()
    edit = pending_edit_for(approved)
    response = client_as(roles.moderator).post(f"/moderation/edit/{edit.id}/approve")
    assert response.status_code == 302
    db.session.expire_all()
    assert approved.body_source == "Answer once, kindly, and link the policy."
    latest = (
        db.session.execute(
            select(ResourceRevision)
            .where(ResourceRevision.resource_id == approved.id)
            .order_by(ResourceRevision.number.desc())
        )
        .scalars()
        .first()
    )
    assert latest.editor_id == roles.member.id
    assert db.session.execute(select(PendingEdit)).first() is None


def test_returning_the_edit_keeps_the_published_text_and_tells_the_author(roles, approved, client_as):
    service.edit_resource(roles.member, approved, _input(SPAM))
    db.session.commit()
    edit = pending_edit_for(approved)
    response = client_as(roles.moderator).post(f"/moderation/edit/{edit.id}/return", data={"reason": "No ads."})
    assert response.status_code == 302
    db.session.expire_all()
    assert approved.body_source == "Answer once, kindly."
    assert pending_edit_for(approved) is None


def test_an_organisation_admins_edit_is_published_at_once(roles, approved):
    service.edit_resource(roles.org_admin, approved, _input("Answer once, kindly. Then log it."))
    db.session.commit()
    assert approved.body_source == "Answer once, kindly. Then log it."
    assert pending_edit_for(approved) is None


def test_a_members_own_draft_is_edited_at_once(roles):
    draft = service.create_resource(roles.member, roles.org, _input("First words."))
    service.edit_resource(roles.member, draft, _input("Second words."))
    assert draft.body_source == "Second words."


def test_the_edit_form_says_the_change_waits_for_review(roles, approved, client_as):
    member = client_as(roles.member)
    response = member.post(
        f"/library/{approved.slug}/edit",
        data={"title": approved.title, "body": SPAM, "kind": "guide", "visibility": "public", "action": "save"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "wait for a moderator" in response.get_data(as_text=True)
    db.session.expire_all()
    assert approved.body_source == "Answer once, kindly."
