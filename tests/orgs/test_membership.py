"""Join requests, roles, removal, leaving, and suggestions by e-mail domain."""

from __future__ import annotations

from sqlalchemy import select

from app.audit import AuditEvent
from app.extensions import db
from app.notifications.models import Notification
from app.orgs.models import JoinRequest, Membership

from .. import factories


def _role(user, org) -> str | None:
    query = select(Membership.role).where(Membership.user_id == user.id, Membership.organisation_id == org.id)
    return db.session.execute(query).scalar_one_or_none()


def _notices(user) -> list[str]:
    return list(db.session.execute(select(Notification.kind).where(Notification.user_id == user.id)).scalars())


def _actions() -> list[str]:
    return list(db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def _ask(client, org, message="I run our Instagram.") -> None:
    response = client.post(f"/orgs/{org.slug}/join", data={"message": message})
    assert response.status_code == 302


def test_an_org_admin_approves_a_join_request_and_the_requester_is_told(ctx, roles, client_as):
    _ask(client_as(roles.outsider), roles.org)
    join_request = db.session.execute(select(JoinRequest)).scalar_one()
    page = client_as(roles.org_admin).get(f"/orgs/{roles.org.slug}/members").get_data(as_text=True)

    response = client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/requests/{join_request.id}/approve")

    assert "I run our Instagram." in page
    assert response.status_code == 302
    db.session.expire_all()
    assert join_request.status == "approved"
    assert _role(roles.outsider, roles.org) == "member"
    assert "org.join_request" in _notices(roles.org_admin)
    assert "org.join_approved" in _notices(roles.outsider)
    assert _actions() == ["org.join_approve"]


def test_an_org_admin_declines_a_join_request(ctx, roles, client_as):
    _ask(client_as(roles.outsider), roles.org)
    join_request = db.session.execute(select(JoinRequest)).scalar_one()

    client_as(roles.org_admin).post(
        f"/orgs/{roles.org.slug}/requests/{join_request.id}/decline", data={"reason": "We do not know you."}
    )

    db.session.expire_all()
    assert join_request.status == "declined"
    assert _role(roles.outsider, roles.org) is None
    notice = db.session.execute(select(Notification).where(Notification.kind == "org.join_declined")).scalar_one()
    assert notice.user_id == roles.outsider.id and notice.body == "We do not know you."


def test_asking_twice_is_refused(ctx, roles, client_as):
    client = client_as(roles.outsider)
    _ask(client, roles.org)

    again = client.post(f"/orgs/{roles.org.slug}/join", data={"message": "Again"})

    assert again.status_code == 409
    assert len(db.session.execute(select(JoinRequest)).all()) == 1


def test_another_organisations_admin_cannot_decide_a_request(ctx, roles, client_as):
    other_admin = factories.make_user()
    factories.add_member(roles.other_org, other_admin, role="org_admin")
    db.session.commit()
    _ask(client_as(roles.outsider), roles.org)
    join_request = db.session.execute(select(JoinRequest)).scalar_one()

    wrong_org = client_as(other_admin).post(f"/orgs/{roles.other_org.slug}/requests/{join_request.id}/approve")
    not_admin = client_as(other_admin).post(f"/orgs/{roles.org.slug}/requests/{join_request.id}/approve")

    assert wrong_org.status_code == 404
    assert not_admin.status_code == 403
    db.session.expire_all()
    assert join_request.status == "pending"


def test_an_org_admin_removes_a_member(ctx, roles, client_as):
    response = client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/members/{roles.member.id}/remove")

    assert response.status_code == 302
    assert _role(roles.member, roles.org) is None
    assert _actions() == ["org.member_remove"]
    assert "org.member_removed" in _notices(roles.member)


def test_an_org_admin_promotes_a_member_who_can_then_demote_the_first(ctx, roles, client_as):
    client_as(roles.org_admin).post(
        f"/orgs/{roles.org.slug}/members/{roles.member.id}/role", data={"role": "org_admin"}
    )
    response = client_as(roles.member).post(
        f"/orgs/{roles.org.slug}/members/{roles.org_admin.id}/role", data={"role": "member"}
    )

    assert response.status_code == 302
    assert _role(roles.member, roles.org) == "org_admin"
    assert _role(roles.org_admin, roles.org) == "member"
    assert _actions() == ["org.member_role", "org.member_role"]


def test_the_last_org_admin_can_be_neither_removed_nor_demoted_nor_leave(ctx, roles, client_as):
    client = client_as(roles.org_admin)

    demoted = client.post(f"/orgs/{roles.org.slug}/members/{roles.org_admin.id}/role", data={"role": "member"})
    removed = client.post(f"/orgs/{roles.org.slug}/members/{roles.org_admin.id}/remove")
    left = client.post(f"/orgs/{roles.org.slug}/leave")

    assert [demoted.status_code, removed.status_code, left.status_code] == [409, 409, 409]
    assert b"at least one admin" in left.data
    assert _role(roles.org_admin, roles.org) == "org_admin"
    assert _actions() == []


def test_a_member_may_leave(ctx, roles, client_as):
    response = client_as(roles.member).post(f"/orgs/{roles.org.slug}/leave")

    assert response.status_code == 302
    assert _role(roles.member, roles.org) is None


def test_members_cannot_manage_members(ctx, roles, client_as):
    client = client_as(roles.member)

    page = client.get(f"/orgs/{roles.org.slug}/members")
    removed = client.post(f"/orgs/{roles.org.slug}/members/{roles.org_admin.id}/remove")

    assert page.status_code == 403 and removed.status_code == 403
    assert _role(roles.org_admin, roles.org) == "org_admin"


def test_a_user_may_belong_to_several_organisations(ctx, roles, client_as):
    _ask(client_as(roles.member), roles.other_org)
    join_request = db.session.execute(select(JoinRequest)).scalar_one()
    other_admin = factories.make_user()
    factories.add_member(roles.other_org, other_admin, role="org_admin")
    db.session.commit()

    client_as(other_admin).post(f"/orgs/{roles.other_org.slug}/requests/{join_request.id}/approve")

    mine = client_as(roles.member).get("/orgs/mine").get_data(as_text=True)
    assert "Mercy General Hospital" in mine and "Lakeside Patients Association" in mine


def test_organisations_are_suggested_by_the_users_email_domain(ctx, roles, client_as):
    roles.org.email_domain = "mercy.example"
    roles.other_org.email_domain = "lakeside.example"
    staff = factories.make_user(email="jo@news.mercy.example")
    db.session.commit()

    html = client_as(staff).get("/orgs/join").get_data(as_text=True)

    assert "Mercy General Hospital" in html
    assert "Lakeside Patients Association" not in html
    assert f'href="/orgs/{roles.org.slug}/join"' in html
