"""Admins manage categories at /admin/categories: ordered, described, public or members-only."""

from __future__ import annotations

from sqlalchemy import select

from app.audit import AuditEvent
from app.discussions.models import Category
from app.extensions import db


def test_an_admin_adds_a_category_that_appears_in_its_place(client_as, roles, cats):
    client = client_as(roles.admin)
    response = client.post(
        "/admin/categories",
        data={
            "name": "Vaccines & outreach",
            "description": "Campaigns that worked.",
            "position": "5",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    created = db.session.execute(select(Category).where(Category.slug == "vaccines-outreach")).scalar_one()
    assert created.position == 5
    index = client_as(None).get("/discussions").get_data(as_text=True)
    assert index.index("Vaccines &amp; outreach") < index.index("Getting started")
    assert (
        db.session.execute(select(AuditEvent.action).where(AuditEvent.target_id == created.id)).scalar_one()
        == "category.create"
    )


def test_reserved_and_duplicate_addresses_are_refused_with_the_form_kept(client_as, roles, cats):
    client = client_as(roles.admin)
    reserved = client.post("/admin/categories", data={"name": "Latest", "visibility": "public"})
    assert reserved.status_code == 422 and "used by the site itself" in reserved.get_data(as_text=True)
    duplicate = client.post(
        "/admin/categories", data={"name": "Platforms", "visibility": "public", "description": "kept text"}
    )
    page = duplicate.get_data(as_text=True)
    assert duplicate.status_code == 422 and "already uses that address" in page and "kept text" in page


def test_an_admin_edits_order_and_visibility(client_as, roles, cats):
    platforms = cats["platforms"]
    response = client_as(roles.admin).post(
        f"/admin/categories/{platforms.id}",
        data={
            "name": "Platforms",
            "slug": "platforms",
            "description": "Networks",
            "position": "1",
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    db.session.refresh(platforms)
    assert (platforms.position, platforms.visibility, platforms.description) == (1, "members", "Networks")
    assert "Platforms" not in client_as(None).get("/discussions").get_data(as_text=True)


def test_only_admins_manage_categories(client_as, roles, cats):
    assert client_as(None).get("/admin/categories").status_code == 302
    for user in (roles.member, roles.moderator, roles.org_admin):
        assert client_as(user).get("/admin/categories").status_code == 403
        assert (
            client_as(user)
            .post("/admin/categories", data={"name": "Sneaky", "visibility": "public"})
            .status_code
            == 403
        )
    assert db.session.execute(select(Category).where(Category.name == "Sneaky")).first() is None
