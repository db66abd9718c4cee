"""Applying for an organisation, and the admins' decision."""

from __future__ import annotations

from sqlalchemy import select

from app.audit import AuditEvent
from app.extensions import db
from app.notifications.models import Notification
from app.orgs.models import Organisation, OrgStatus
from app.permissions import is_member
from app.search.models import SearchOutbox

from .. import factories

APPLICATION = {
    "name": "Riverbend Children's Hospital",
    "type": "hospital",
    "website": "https://www.riverbend-childrens.example/",
    "country": "United States",
    "region": "Ohio",
    "city": "Dayton",
    "description": "A 200-bed children's hospital.\nWe share what we learn.",
    "email_domain": "riverbend-childrens.example",
    "channel_facebook": "https://www.facebook.com/riverbend-demo",
    "channel_bluesky": "https://bsky.app/profile/riverbend.example",
}


def _org(name: str = APPLICATION["name"]) -> Organisation:
    return db.session.execute(select(Organisation).where(Organisation.name == name)).scalar_one()


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_a_verified_user_applies_and_sees_the_pending_application(ctx, client_as):
    applicant = factories.make_user(name="Ada Applicant")
    db.session.commit()
    client = client_as(applicant)

    response = client.post("/orgs/apply", data=APPLICATION)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/orgs/mine")
    org = _org()
    assert org.status == OrgStatus.APPLIED.value
    assert org.slug == "riverbend-children-s-hospital"
    assert {c.platform: c.url for c in org.channels} == {
        "facebook": APPLICATION["channel_facebook"],
        "bluesky": APPLICATION["channel_bluesky"],
    }
    mine = client.get("/orgs/mine").get_data(as_text=True)
    assert "Riverbend Children&#39;s Hospital" in mine
    assert "Pending review" in mine


def test_applying_needs_a_signed_in_verified_user(ctx, client, client_as):
    unverified = factories.make_user(verified=False)
    db.session.commit()

    visitor = client.get("/orgs/apply")
    refused = client_as(unverified).post("/orgs/apply", data=APPLICATION)

    assert visitor.status_code == 302 and "/auth/login" in visitor.headers["Location"]
    assert refused.status_code == 403
    assert b"Verify your e-mail address first" in refused.data
    assert db.session.execute(select(Organisation)).first() is None


def test_a_channel_that_is_not_an_http_address_is_refused_with_a_message(ctx, client_as):
    applicant = factories.make_user()
    db.session.commit()
    data = dict(APPLICATION, channel_x="javascript:alert(1)", website="ftp://riverbend.example")

    response = client_as(applicant).post("/orgs/apply", data=data)

    assert response.status_code == 422
    # Each of the two fields shows its message, and the summary above the form links to both.
    assert response.get_data(as_text=True).count("Enter a full web address starting with https://") == 4
    assert 'value="Riverbend Children&#39;s Hospital"' in response.get_data(as_text=True)
    assert db.session.execute(select(Organisation)).first() is None


def test_an_admin_approves_and_the_applicant_becomes_org_admin_and_is_told(ctx, roles, client_as, mailbox):
    applicant = factories.make_user(email="ada@riverbend.example", name="Ada Applicant")
    db.session.commit()
    client_as(applicant).post("/orgs/apply", data=APPLICATION)
    org = _org()

    response = client_as(roles.admin).post(f"/admin/organisations/{org.id}/approve", data={"reason": "Welcome!"})

    assert response.status_code == 302
    db.session.expire_all()
    assert org.status == OrgStatus.APPROVED.value
    assert [(m.user_id, m.role) for m in org.memberships] == [(applicant.id, "org_admin")]
    message = mailbox.last_to("ada@riverbend.example")
    assert "is now a member of the network" in message["Subject"]
    assert f"http://smhn.test/orgs/{org.slug}" in mailbox.body(message)
    assert "Welcome!" in mailbox.body(message)
    event = _events("org.approve")[0]
    assert (event.actor_id, event.target_type, event.target_id) == (roles.admin.id, "organisation", org.id)
    notice = db.session.execute(select(Notification).where(Notification.user_id == applicant.id)).scalar_one()
    assert notice.kind == "org.approved"
    outbox = db.session.execute(select(SearchOutbox).where(SearchOutbox.doc_type == "organisation")).scalars()
    assert [(row.doc_id, row.op) for row in outbox] == [(org.id, "upsert")]
    assert client_as(applicant).get(f"/orgs/{org.slug}/members").status_code == 200


def test_an_admin_rejects_with_a_reason_that_reaches_the_applicant(ctx, roles, client_as, mailbox):
    applicant = factories.make_user(email="bo@riverbend.example")
    db.session.commit()
    client_as(applicant).post("/orgs/apply", data=APPLICATION)
    org = _org()
    admin = client_as(roles.admin)

    without_reason = admin.post(f"/admin/organisations/{org.id}/reject", data={"reason": "  "})
    response = admin.post(f"/admin/organisations/{org.id}/reject", data={"reason": "Not a health organisation."})

    assert without_reason.status_code == 422
    assert b"Give a reason" in without_reason.data
    assert response.status_code == 302
    db.session.expire_all()
    assert org.status == OrgStatus.REJECTED.value
    assert org.memberships == []
    assert "Not a health organisation." in mailbox.body(mailbox.last_to("bo@riverbend.example"))
    assert [e.reason for e in _events("org.reject")] == ["Not a health organisation."]
    mine = client_as(applicant).get("/orgs/mine").get_data(as_text=True)
    assert "Not approved" in mine and "Not a health organisation." in mine


def test_a_decided_application_cannot_be_decided_again(ctx, roles, client_as):
    org = factories.make_org(status=OrgStatus.REJECTED.value)
    db.session.commit()

    response = client_as(roles.admin).post(f"/admin/organisations/{org.id}/approve")

    assert response.status_code == 409
    db.session.expire_all()
    assert org.status == OrgStatus.REJECTED.value


def test_suspending_takes_member_rights_away_until_reinstated(ctx, roles, client_as):
    admin = client_as(roles.admin)

    admin.post(f"/admin/organisations/{roles.org.id}/suspend", data={"reason": "Spam campaign"})
    db.session.expire_all()
    rights_while_suspended = is_member(roles.member)
    own_view = client_as(roles.member).get(f"/orgs/{roles.org.slug}")
    others_view = client_as(roles.other_member).get(f"/orgs/{roles.org.slug}")
    directory = client_as(None).get("/orgs").get_data(as_text=True)
    admin.post(f"/admin/organisations/{roles.org.id}/reinstate")
    db.session.expire_all()

    assert not rights_while_suspended
    assert own_view.status_code == 200 and b"Spam campaign" in own_view.data
    assert others_view.status_code == 404
    assert "Mercy General Hospital" not in directory
    assert roles.org.status == OrgStatus.APPROVED.value and is_member(roles.member)
    assert [e.reason for e in _events("org.suspend")] == ["Spam campaign"]
    assert len(_events("org.reinstate")) == 1
    ops = db.session.execute(select(SearchOutbox.op).where(SearchOutbox.doc_id == roles.org.id)).scalars()
    assert list(ops) == ["delete", "upsert"]


def test_an_org_admin_edits_the_profile_and_channels(ctx, roles, client_as):
    data = dict(
        APPLICATION,
        name="Mercy General Hospital",
        channel_facebook="",
        channel_linkedin="https://www.linkedin.com/company/mercy-demo",
    )

    response = client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/edit", data=data)

    assert response.status_code == 302
    db.session.expire_all()
    assert roles.org.city == "Dayton"
    assert {c.platform for c in roles.org.channels} == {"bluesky", "linkedin"}
    event = _events("org.edit")[0]
    assert event.before["city"] == "" and event.after["city"] == "Dayton"


def test_members_cannot_edit_their_organisation(ctx, roles, client_as):
    response = client_as(roles.member).post(f"/orgs/{roles.org.slug}/edit", data=APPLICATION)

    assert response.status_code == 403
    db.session.expire_all()
    assert roles.org.name == "Mercy General Hospital"
