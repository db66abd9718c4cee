"""Policy templates with lineage: adapt, see the difference, hear of and take the template's changes."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.library import service
from app.library.adaptation import merge_field
from app.library.models import Resource
from app.notifications.models import Notification

from ..factories.library import make_resource

TEMPLATE = (
    "# Social media policy\n"
    "\n"
    "Staff may share the hospital's posts.\n"
    "\n"
    "Never post photos of patients.\n"
    "\n"
    "Report impersonation to the communications team.\n"
)


def _template(roles) -> Resource:
    return make_resource(
        roles.other_member,
        roles.other_org,
        title="Staff social media policy",
        kind="policy_template",
        body=TEMPLATE,
        publisher=roles.moderator,
    )


def _edit(actor, resource, body: str) -> None:
    service.edit_resource(
        actor,
        resource,
        service.ResourceInput(
            title=resource.title,
            summary=resource.summary,
            body=body,
            kind=resource.kind,
            visibility=resource.visibility,
        ),
    )
    db.session.commit()


def _copy_of(template: Resource) -> Resource:
    return db.session.execute(select(Resource).where(Resource.upstream_id == template.id)).scalar_one()


def test_an_org_admin_adapts_a_template_as_a_linked_draft_of_their_organisation(ctx, roles, client_as, client):
    template = _template(roles)
    db.session.commit()
    admin = client_as(roles.org_admin)
    assert "Adapt for my organisation" in admin.get(f"/library/{template.slug}").get_data(as_text=True)

    response = admin.post(f"/library/{template.slug}/adapt")

    assert response.status_code == 302
    copy = _copy_of(template)
    assert copy.organisation_id == roles.org.id and copy.status == "draft" and copy.body_source == template.body_source
    assert copy.upstream_revision == 1
    assert "Adapted by 1 organisation" in client.get(f"/library/{template.slug}").get_data(as_text=True)


def test_only_policy_templates_may_be_adapted_and_only_by_members(ctx, roles, client_as):
    template = _template(roles)
    guide = make_resource(roles.other_member, roles.other_org, kind="guide", publisher=roles.moderator)
    db.session.commit()

    outsider = client_as(roles.outsider).post(f"/library/{template.slug}/adapt")
    not_a_template = client_as(roles.member).post(f"/library/{guide.slug}/adapt")

    assert outsider.status_code == 403 and not_a_template.status_code == 403
    assert db.session.execute(select(Resource).where(Resource.upstream_id.is_not(None))).first() is None


def test_the_copy_shows_its_difference_and_takes_the_template_changes(ctx, roles, client_as):
    template = _template(roles)
    db.session.commit()
    admin = client_as(roles.org_admin)
    admin.post(f"/library/{template.slug}/adapt")
    copy = _copy_of(template)
    _edit(roles.org_admin, copy, TEMPLATE.replace("the hospital's posts", "Mercy's posts on LinkedIn"))

    diff = admin.get(f"/library/{copy.slug}/lineage").get_data(as_text=True)
    assert "Mercy&#39;s posts on LinkedIn" in diff and "the template has not changed since" in diff.lower()

    _edit(roles.moderator, template, TEMPLATE.replace("communications team.", "communications team within a day."))
    notices = db.session.execute(select(Notification).where(Notification.kind == "resource.upstream_changed"))
    assert {n.user_id for n in notices.scalars()} == {roles.org_admin.id}
    compare = admin.get(f"/library/{copy.slug}/lineage").get_data(as_text=True)
    assert "within a day" in compare and "Take the template&#39;s changes" in compare
    assert "the template has changed since" in admin.get(f"/library/{copy.slug}").get_data(as_text=True)

    response = admin.post(f"/library/{copy.slug}/lineage/take")

    assert response.status_code == 302
    db.session.expire_all()
    assert "Mercy's posts on LinkedIn" in copy.body_source  # ours kept
    assert "within a day" in copy.body_source  # theirs taken
    assert copy.upstream_revision == 2


def test_a_part_changed_on_both_sides_keeps_ours_and_is_shown_as_a_conflict():
    base = "A\n\nB\n\nC\n"
    merged = merge_field("body_source", "Body", base, "A\n\nB (ours)\n\nC\n", "A\n\nB (theirs)\n\nC (theirs)\n")

    assert merged.conflicts == 1 and merged.takes == 1
    assert merged.merged == "A\n\nB (ours)\n\nC (theirs)\n"


def test_a_copy_of_a_members_only_template_is_not_shown_to_visitors(ctx, roles, client):
    template = make_resource(
        roles.other_member, roles.other_org, kind="policy_template", visibility="members", publisher=roles.moderator
    )
    db.session.commit()

    assert client.get(f"/library/{template.slug}/lineage").status_code == 404
