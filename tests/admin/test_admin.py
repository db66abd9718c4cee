"""The admin area: who may enter, moderators, accounts and site settings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.extensions import db
from app.site_settings import SETTINGS, get_setting

from .. import factories

ADMIN_PAGES = ["/admin", "/admin/organisations", "/admin/users", "/admin/settings"]


def _actions() -> list[tuple[str, int | None]]:
    rows = db.session.execute(select(AuditEvent.action, AuditEvent.target_id).order_by(AuditEvent.id))
    return [tuple(row) for row in rows]


def _defaults() -> dict[str, str]:
    return {name: str(default) for name, (default, _) in SETTINGS.items()}


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_refuse_members_and_moderators(ctx, roles, client_as, path):
    assert client_as(roles.member).get(path).status_code == 403
    assert client_as(roles.moderator).get(path).status_code == 403


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_send_visitors_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_admin_actions_refuse_members(ctx, roles, client_as):
    applied = factories.make_org(status="applied")
    db.session.commit()
    client = client_as(roles.org_admin)

    assert client.post(f"/admin/organisations/{applied.id}/approve").status_code == 403
    assert client.post(f"/admin/users/{roles.member.id}/moderator").status_code == 403
    db.session.expire_all()
    assert applied.status == "applied" and not roles.member.is_moderator


def test_the_overview_counts_pending_applications(ctx, roles, client_as):
    factories.make_org("First Pending", status="applied")
    factories.make_org("Second Pending", status="applied")
    db.session.commit()

    html = client_as(roles.admin).get("/admin").get_data(as_text=True)

    assert '<span class="count">2</span>' in html
    assert "applications waiting for a decision" in html


def test_the_review_list_shows_pending_applications_first(ctx, roles, client_as):
    factories.make_org("Zeta Pending", status="applied")
    db.session.commit()

    html = client_as(roles.admin).get("/admin/organisations").get_data(as_text=True)

    assert html.index("Zeta Pending") < html.index("Mercy General Hospital")


def test_an_admin_appoints_and_removes_a_moderator(ctx, roles, client_as):
    admin = client_as(roles.admin)

    appointed = admin.post(f"/admin/users/{roles.member.id}/moderator")
    db.session.expire_all()
    was_moderator = roles.member.is_moderator
    admin.post(f"/admin/users/{roles.member.id}/moderator/remove")
    db.session.expire_all()

    assert appointed.status_code == 302
    assert was_moderator and not roles.member.is_moderator
    assert _actions() == [
        ("user.appoint_moderator", roles.member.id),
        ("user.remove_moderator", roles.member.id),
    ]


def test_an_appointed_moderator_may_moderate_but_not_administer(ctx, roles, client_as):
    client_as(roles.admin).post(f"/admin/users/{roles.member.id}/moderator")
    db.session.expire_all()

    assert client_as(roles.member).get("/admin").status_code == 403


def test_an_admin_cannot_change_their_own_roles(ctx, roles, client_as):
    response = client_as(roles.admin).post(f"/admin/users/{roles.admin.id}/deactivate")

    assert response.status_code == 403
    db.session.expire_all()
    assert roles.admin.deactivated_at is None


def test_deactivation_ends_the_users_sessions_until_reactivated(ctx, roles, client_as):
    member = client_as(roles.member)
    assert member.get("/orgs/mine").status_code == 200
    version = roles.member.session_version

    client_as(roles.admin).post(
        f"/admin/users/{roles.member.id}/deactivate", data={"reason": "Left the hospital"}
    )
    db.session.expire_all()
    after = member.get("/orgs/mine")
    client_as(roles.admin).post(f"/admin/users/{roles.member.id}/reactivate")
    db.session.expire_all()

    assert roles.member.session_version == version + 1
    assert after.status_code == 302 and "/auth/login" in after.headers["Location"]
    assert roles.member.deactivated_at is None
    assert _actions() == [("user.deactivate", roles.member.id), ("user.reactivate", roles.member.id)]


def test_users_are_found_by_name_or_email(ctx, roles, client_as):
    factories.make_user(email="percy@lakeside.example", name="Percy Press")
    db.session.commit()
    admin = client_as(roles.admin)

    by_name = admin.get("/admin/users?q=mina").get_data(as_text=True)
    by_email = admin.get("/admin/users?q=LAKESIDE.example").get_data(as_text=True)

    assert "Mina Member" in by_name and "Percy Press" not in by_name
    assert "Percy Press" in by_email and "Mina Member" not in by_email


def test_an_admin_changes_a_site_setting(ctx, roles, client_as):
    data = dict(_defaults(), trust_threshold="5")

    response = client_as(roles.admin).post("/admin/settings", data=data)

    assert response.status_code == 302
    assert get_setting("trust_threshold") == 5
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "settings.update")).scalar_one()
    assert event.before == {"trust_threshold": 3} and event.after == {"trust_threshold": 5}


@pytest.mark.parametrize("value", ["many", "-1", "1e9", "", "999999999"])
def test_a_setting_that_is_not_a_sensible_whole_number_is_refused(ctx, roles, client_as, value):
    data = dict(_defaults(), trust_threshold=value)

    response = client_as(roles.admin).post("/admin/settings", data=data)

    assert response.status_code == 422
    assert get_setting("trust_threshold") == 3
