"""The privacy guard before saving, and search outbox rows in the same transaction as the change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied
from app.extensions import db
from app.library import service
from app.library.models import Resource
from app.search.models import SearchOutbox

from .helpers import make_resource

PHI = "Our patient, MRN: 4455667, DOB 03/14/1962, agreed to share her story."


def _outbox() -> list[tuple[str, int, str]]:
    return [
        (row.doc_type, row.doc_id, row.op)
        for row in db.session.execute(select(SearchOutbox).order_by(SearchOutbox.id)).scalars()
    ]


def _input(body: str = "Plain guidance.", **fields) -> service.ResourceInput:
    return service.ResourceInput(title=fields.pop("title", "Sharing patient stories"), body=body, **fields)


# --- Privacy guard ----------------------------------------------------------------------


def test_text_that_looks_like_phi_is_refused_with_the_passages(roles):
    with pytest.raises(service.PrivacyCheckFailed) as caught:
        service.create_resource(roles.member, roles.org, _input(PHI))
    assert "MRN: 4455667" in caught.value.message and "DOB 03/14/1962" in caught.value.message
    assert db.session.execute(select(Resource)).first() is None


def test_sent_anyway_it_waits_for_review_and_is_never_published_directly(roles):
    resource = service.create_resource(roles.org_admin, roles.org, _input(PHI), action="publish", send_anyway=True)
    assert resource.status == "pending" and resource.privacy_flagged
    assert {f["passage"] for f in resource.privacy_findings} == {"MRN: 4455667", "DOB 03/14/1962"}
    with pytest.raises(PermissionDenied):
        service.publish_resource(roles.org_admin, resource)
    service.approve_resource(roles.moderator, resource)
    assert resource.status == "published" and not resource.privacy_flagged


def test_editing_phi_into_a_published_resource_takes_it_out_of_the_library(roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    service.edit_resource(roles.member, resource, _input(PHI, title=resource.title), send_anyway=True)
    assert resource.status == "pending" and not resource.is_listed
    assert _outbox()[-1] == ("resource", resource.id, "delete")


def test_the_form_shows_the_flagged_passages_and_keeps_the_text(client_as, roles):
    client = client_as(roles.member)
    data = {"title": "Patient story", "body": PHI, "kind": "case_study", "visibility": "public", "action": "submit"}
    response = client.post("/library/new", data=data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "MRN: 4455667" in body and "Send for review anyway" in body
    assert "agreed to share her story" in body
    response = client.post("/library/new", data={**data, "send_for_review": "y"})
    assert response.status_code == 302
    resource = db.session.execute(select(Resource)).scalar_one()
    assert resource.status == "pending" and resource.privacy_flagged


def test_moderators_see_why_the_guard_held_it(client_as, roles):
    resource = service.create_resource(roles.member, roles.org, _input(PHI), send_anyway=True)
    db.session.commit()
    body = client_as(roles.moderator).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "privacy check flagged" in body and "MRN: 4455667" in body


# --- Outbox -----------------------------------------------------------------------------


def test_publish_edit_archive_hide_restore_and_delete_each_write_an_outbox_row(roles):
    resource = make_resource(roles.member, status="pending")
    assert _outbox() == []  # drafts and submissions are not searchable
    service.approve_resource(roles.moderator, resource)
    rid = resource.id
    assert _outbox()[-1] == ("resource", rid, "upsert")
    service.edit_resource(roles.member, resource, _input("Revised guidance.", title=resource.title))
    assert _outbox()[-1] == ("resource", rid, "upsert")
    service.archive_resource(roles.member, resource)
    assert _outbox()[-1] == ("resource", rid, "delete")
    service.unarchive_resource(roles.moderator, resource)
    service.hide_resource(roles.moderator, resource, "Spam")
    assert _outbox()[-1] == ("resource", rid, "delete")
    service.restore_resource(roles.moderator, resource)
    assert _outbox()[-1] == ("resource", rid, "upsert")
    service.edit_resource(
        roles.member, resource, _input("Revised guidance.", title=resource.title, visibility="members")
    )
    assert _outbox()[-1] == ("resource", rid, "upsert")
    service.delete_resource(roles.moderator, resource)
    assert _outbox()[-1] == ("resource", rid, "delete")


def test_editing_a_draft_writes_no_outbox_row(roles):
    resource = make_resource(roles.member, status="draft")
    service.edit_resource(roles.member, resource, _input("Another draft text", title=resource.title))
    assert _outbox() == []


@pytest.mark.parametrize("change", ["publish", "edit", "archive"])
def test_the_outbox_row_rolls_back_with_the_change(roles, change):
    resource = make_resource(roles.org_admin, status="draft")
    if change != "publish":
        service.publish_resource(roles.org_admin, resource)
    db.session.commit()
    before = _outbox()
    if change == "publish":
        service.publish_resource(roles.org_admin, resource)
    elif change == "edit":
        service.edit_resource(roles.org_admin, resource, _input("Changed", title=resource.title))
    else:
        service.archive_resource(roles.org_admin, resource)
    assert len(_outbox()) == len(before) + 1  # written in the same, still open, transaction
    db.session.rollback()
    assert _outbox() == before
    expected = "draft" if change == "publish" else "published"
    assert db.session.get(Resource, resource.id).status == expected


def test_the_outbox_row_commits_with_the_change(client_as, roles):
    resource = make_resource(roles.member, status="pending")
    db.session.commit()
    client_as(roles.moderator).post(f"/library/{resource.slug}/approve")
    db.session.expire_all()
    assert _outbox() == [("resource", resource.id, "upsert")]
