"""Suspending, lifting, deactivating: every session ends, the member learns why, staff are protected."""

from datetime import timedelta

import pytest

from app.db_types import utcnow
from app.errors import PermissionDenied, ValidationError
from app.extensions import db
from app.moderation import sanctions
from tests.factories import PASSWORD


def test_suspension_ends_every_session_of_the_member(roles, client_as):
    client = client_as(roles.member)
    assert client.get("/account/settings").status_code == 200
    moderator = client_as(roles.moderator)
    response = moderator.post(
        f"/moderation/users/{roles.member.id}/suspend", data={"period": "7", "reason": "Posted spam"}
    )
    assert response.status_code == 302
    replay = client.get("/account/settings")
    assert replay.status_code == 302 and "/auth/login" in replay.headers["Location"]


def test_a_suspended_member_sees_why_when_signing_in(roles, client_as, client):
    sanctions.suspend_user(roles.moderator, roles.member, None, "Repeated harassment of other members")
    db.session.commit()
    response = client.post("/auth/login", data={"email": roles.member.email, "password": PASSWORD})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Repeated harassment of other members" in page


def test_suspension_for_a_period_ends_by_itself(roles):
    until = utcnow() + timedelta(days=3)
    sanctions.suspend_user(roles.moderator, roles.member, until, "Cooling off")
    assert roles.member.is_suspended and roles.member.suspended_until == until
    roles.member.suspended_until = utcnow() - timedelta(seconds=1)
    assert not roles.member.is_suspended


def test_the_member_is_told_by_email_with_the_reason(roles, mailbox):
    sanctions.suspend_user(
        roles.moderator, roles.member, utcnow() + timedelta(days=1), "Posted a patient's photo"
    )
    db.session.commit()
    message = mailbox.last_to(roles.member.email)
    assert "suspended" in message["Subject"]
    assert "Posted a patient's photo" in mailbox.body(message)


def test_lifting_a_suspension_lets_the_member_sign_in_again(roles, client):
    sanctions.suspend_user(roles.moderator, roles.member, None, "Spam")
    sanctions.lift_suspension(roles.moderator, roles.member, "Appeal accepted")
    db.session.commit()
    assert not roles.member.is_suspended and roles.member.suspension_reason == ""
    response = client.post("/auth/login", data={"email": roles.member.email, "password": PASSWORD})
    assert response.status_code == 302


def test_a_suspension_needs_a_reason_and_a_future_end(roles):
    with pytest.raises(ValidationError):
        sanctions.suspend_user(roles.moderator, roles.member, None, "   ")
    with pytest.raises(ValidationError):
        sanctions.suspend_user(roles.moderator, roles.member, utcnow() - timedelta(hours=1), "Spam")
    with pytest.raises(ValidationError):
        sanctions.until_for_period("forever and a day")


def test_moderators_cannot_suspend_admins_each_other_or_themselves(roles):
    with pytest.raises(PermissionDenied):
        sanctions.suspend_user(roles.moderator, roles.admin, None, "No")
    with pytest.raises(PermissionDenied):
        sanctions.suspend_user(roles.moderator, roles.moderator, None, "No")
    with pytest.raises(PermissionDenied):
        sanctions.suspend_user(roles.org_admin, roles.member, None, "No")


def test_only_admins_deactivate_and_it_ends_sessions(roles, client_as):
    client = client_as(roles.member)
    with pytest.raises(PermissionDenied):
        sanctions.deactivate_user(roles.moderator, roles.member, "Left the network")
    sanctions.deactivate_user(roles.admin, roles.member, "Left the network")
    db.session.commit()
    assert client.get("/account/settings").status_code == 302
    sanctions.reactivate_user(roles.admin, roles.member)
    assert roles.member.deactivated_at is None


def test_every_sanction_is_an_audit_event_with_before_and_after(roles):
    from app.audit import AuditEvent

    sanctions.suspend_user(roles.moderator, roles.member, None, "Spam")
    sanctions.lift_suspension(roles.moderator, roles.member)
    sanctions.deactivate_user(roles.admin, roles.member, "Duplicate account")
    sanctions.reactivate_user(roles.admin, roles.member)
    events = db.session.query(AuditEvent).order_by(AuditEvent.id).all()
    assert [e.action for e in events] == [
        "user.suspend",
        "user.lift_suspension",
        "user.deactivate",
        "user.reactivate",
    ]
    assert (
        events[0].before["suspended_indefinitely"] is False
        and events[0].after["suspended_indefinitely"] is True
    )
    assert events[0].actor_id == roles.moderator.id and events[0].reason == "Spam"


def test_the_sanctions_page_finds_members_and_shows_the_forms(roles, client_as):
    client = client_as(roles.moderator)
    found = client.get("/moderation/users?q=mina").get_data(as_text=True)
    assert roles.member.name in found
    page = client.get(f"/moderation/users/{roles.member.id}").get_data(as_text=True)
    assert "Suspend Mina Member" in page and "Deactivate" not in page
    admin_page = client_as(roles.admin).get(f"/moderation/users/{roles.member.id}").get_data(as_text=True)
    assert "Deactivate" in admin_page


def test_suspending_through_the_page_without_a_reason_explains(roles, client_as):
    response = client_as(roles.moderator).post(
        f"/moderation/users/{roles.member.id}/suspend",
        data={"period": "7", "reason": ""},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Please give a reason" in response.get_data(as_text=True)
    db.session.refresh(roles.member)
    assert not roles.member.is_suspended


def test_lift_and_deactivate_through_the_page(roles, client_as):
    sanctions.suspend_user(roles.moderator, roles.member, None, "Spam")
    db.session.commit()
    client_as(roles.moderator).post(f"/moderation/users/{roles.member.id}/lift", data={"reason": "Appeal"})
    client_as(roles.admin).post(
        f"/moderation/users/{roles.member.id}/deactivate", data={"reason": "Requested"}
    )
    db.session.refresh(roles.member)
    assert not roles.member.is_suspended and roles.member.deactivated_at is not None
    refused = client_as(roles.moderator).post(
        f"/moderation/users/{roles.org_admin.id}/deactivate", data={"reason": "x"}
    )
    assert refused.status_code == 403


def test_suspended_accounts_are_listed_by_default(roles, client_as):
    sanctions.suspend_user(roles.moderator, roles.other_member, None, "Spam")
    db.session.commit()
    page = client_as(roles.moderator).get("/moderation/users").get_data(as_text=True)
    assert roles.other_member.name in page and roles.member.name not in page
