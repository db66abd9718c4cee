"""Invitations: e-mailed, signed, single use, expiring, for the address they were sent to."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from app.audit import AuditEvent
from app.db_types import utcnow
from app.extensions import db
from app.orgs.models import Invitation, Membership

from .. import factories

LINK = re.compile(r"http://smhn\.test(/orgs/invitations/[A-Za-z0-9._-]+)")


def _invite(roles, client_as, mailbox, email: str, role: str = "member") -> str:
    response = client_as(roles.org_admin).post(
        f"/orgs/{roles.org.slug}/members", data={"email": email, "role": role}
    )
    assert response.status_code == 302
    return LINK.search(mailbox.body(mailbox.last_to(email.lower()))).group(1)


def _belongs(user, org) -> bool:
    query = select(Membership).where(Membership.user_id == user.id, Membership.organisation_id == org.id)
    return db.session.execute(query).first() is not None


def test_an_invited_colleague_joins_through_the_emailed_link_once(ctx, roles, client_as, mailbox):
    colleague = factories.make_user(email="Cara.Colleague@mercy.example", verified=False)
    db.session.commit()
    path = _invite(roles, client_as, mailbox, "cara.colleague@MERCY.example")
    client = client_as(colleague)

    page = client.get(path)
    accepted = client.post(path)
    again = client.post(path)

    assert page.status_code == 200 and b"Accept and join" in page.data
    assert accepted.status_code == 302 and accepted.headers["Location"] == f"/orgs/{roles.org.slug}"
    assert again.status_code == 409
    assert b"already been used" in again.data
    db.session.expire_all()
    assert _belongs(colleague, roles.org)
    assert colleague.email_verified_at is not None  # the e-mailed link proves the address
    assert (
        db.session.execute(select(AuditEvent).where(AuditEvent.action == "org.invite")).scalar_one().actor_id
        == roles.org_admin.id
    )


def test_an_invitation_can_make_an_org_admin(ctx, roles, client_as, mailbox):
    colleague = factories.make_user(email="dee@mercy.example")
    db.session.commit()
    path = _invite(roles, client_as, mailbox, "dee@mercy.example", role="org_admin")

    client_as(colleague).post(path)

    membership = db.session.execute(select(Membership).where(Membership.user_id == colleague.id)).scalar_one()
    assert membership.role == "org_admin"


def test_an_expired_invitation_is_refused(ctx, roles, client_as, mailbox):
    colleague = factories.make_user(email="eve@mercy.example")
    db.session.commit()
    path = _invite(roles, client_as, mailbox, "eve@mercy.example")
    invitation = db.session.execute(select(Invitation)).scalar_one()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client = client_as(colleague)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 410 and b"has expired" in page.data
    assert response.status_code == 409 and b"has expired" in response.data
    assert not _belongs(colleague, roles.org)


def test_a_link_older_than_the_maximum_age_is_refused(app_factory, roles, mailbox):
    from ..conftest import login

    colleague = factories.make_user(email="fay@mercy.example")
    db.session.commit()
    stale_app = app_factory(INVITATION_MAX_AGE=-1)
    login(stale_app.test_client(), roles.org_admin).post(
        f"/orgs/{roles.org.slug}/members", data={"email": "fay@mercy.example"}
    )
    path = LINK.search(mailbox.body(mailbox.last_to("fay@mercy.example"))).group(1)

    response = login(stale_app.test_client(), colleague).post(path)

    assert response.status_code == 400 and b"has expired" in response.data
    assert not _belongs(colleague, roles.org)


def test_an_invitation_for_another_address_is_refused(ctx, roles, client_as, mailbox):
    path = _invite(roles, client_as, mailbox, "gus@mercy.example")
    client = client_as(roles.outsider)

    page = client.get(path)
    response = client.post(path)

    assert b"sent to a different e-mail address" in page.data
    assert b"Accept and join" not in page.data
    assert response.status_code == 403
    assert not _belongs(roles.outsider, roles.org)
    assert db.session.execute(select(Invitation.used_at)).scalar_one() is None


def test_a_visitor_is_offered_sign_in_and_register_links_that_come_back(ctx, roles, client_as, mailbox):
    path = _invite(roles, client_as, mailbox, "hal@mercy.example")

    html = client_as(None).get(path).get_data(as_text=True)

    assert f'href="/auth/login?next={path}"' in html
    assert f'href="/auth/register?next={path}&amp;' in html


def test_a_tampered_or_revoked_link_is_refused(ctx, roles, client_as, mailbox):
    colleague = factories.make_user(email="ida@mercy.example")
    db.session.commit()
    path = _invite(roles, client_as, mailbox, "ida@mercy.example")
    invitation = db.session.execute(select(Invitation)).scalar_one()

    tampered = client_as(colleague).post(path[:-3] + "abc")
    client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/invitations/{invitation.id}/revoke")
    revoked = client_as(colleague).post(path)

    assert tampered.status_code == 404
    assert revoked.status_code == 409 and b"withdrawn" in revoked.data
    assert not _belongs(colleague, roles.org)


def test_members_cannot_invite(ctx, roles, client_as, mailbox):
    response = client_as(roles.member).post(
        f"/orgs/{roles.org.slug}/members", data={"email": "x@example.org"}
    )

    assert response.status_code == 403
    assert mailbox.messages == []


def test_a_bad_address_is_refused_with_a_message(ctx, roles, client_as, mailbox):
    response = client_as(roles.org_admin).post(
        f"/orgs/{roles.org.slug}/members", data={"email": "not an address"}
    )

    assert response.status_code == 422
    assert b"Enter an e-mail address" in response.data
    assert mailbox.messages == []
