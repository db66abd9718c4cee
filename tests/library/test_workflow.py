"""The review workflow through the services: draft → pending → published or returned; archive."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.errors import Conflict, PermissionDenied, ValidationError
from app.extensions import db
from app.library import service
from app.library.models import Resource
from app.notifications.models import Notification
from app.site_settings import set_setting

from .helpers import make_resource


def _input(title: str = "Crisis playbook for hospital social teams", **fields) -> service.ResourceInput:
    fields.setdefault("body", "1. Pause scheduled posts.\n2. Confirm facts with the incident lead.")
    return service.ResourceInput(title=title, **fields)


def test_a_member_creates_a_draft_for_their_organisation(roles):
    resource = service.create_resource(roles.member, roles.org, _input())
    assert resource.status == "draft"
    assert resource.author_id == roles.member.id
    assert resource.organisation_id == roles.org.id
    assert resource.slug == "crisis-playbook-for-hospital-social-teams"
    assert "<li>Pause scheduled posts.</li>" in resource.body_html


def test_a_member_cannot_create_for_another_organisation(roles):
    with pytest.raises(PermissionDenied):
        service.create_resource(roles.member, roles.other_org, _input())


def test_an_outsider_cannot_create_a_resource(roles):
    with pytest.raises(PermissionDenied):
        service.create_resource(roles.outsider, roles.org, _input())


def test_submit_then_approve_publishes_and_tells_the_author(roles, mailbox):
    resource = service.create_resource(roles.member, roles.org, _input(), action="submit")
    assert resource.status == "pending"
    service.approve_resource(roles.moderator, resource)
    db.session.commit()
    assert resource.status == "published"
    assert resource.published_at is not None
    note = db.session.execute(select(Notification).where(Notification.user_id == roles.member.id)).scalar_one()
    assert note.kind == "resource.approved"
    assert note.url == f"/library/{resource.slug}"
    assert "is published" in mailbox.last_to(roles.member.email)["Subject"]
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "resource.approve")).scalar_one()
    assert event.actor_id == roles.moderator.id and event.target_id == resource.id


def test_return_needs_a_reason_and_tells_the_author_why(roles, mailbox):
    resource = service.create_resource(roles.member, roles.org, _input(), action="submit")
    with pytest.raises(ValidationError):
        service.return_resource(roles.moderator, resource, "   ")
    service.return_resource(roles.moderator, resource, "Please cite the source of the survey figures.")
    db.session.commit()
    assert resource.status == "returned"
    assert resource.return_reason == "Please cite the source of the survey figures."
    body = mailbox.body(mailbox.last_to(roles.member.email))
    assert "Please cite the source of the survey figures." in body
    service.submit_resource(roles.member, resource)
    assert resource.status == "pending" and resource.return_reason == ""


def test_members_cannot_approve_or_return(roles):
    resource = service.create_resource(roles.member, roles.org, _input(), action="submit")
    for user in (roles.member, roles.org_admin, roles.other_member):
        with pytest.raises(PermissionDenied):
            service.approve_resource(user, resource)
        with pytest.raises(PermissionDenied):
            service.return_resource(user, resource, "no")


def test_only_pending_resources_can_be_approved(roles):
    resource = service.create_resource(roles.member, roles.org, _input())
    with pytest.raises(Conflict):
        service.approve_resource(roles.moderator, resource)


def test_publish_action_submits_when_the_member_is_not_trusted(roles):
    resource = service.create_resource(roles.member, roles.org, _input(), action="publish")
    assert resource.status == "pending"
    with pytest.raises(PermissionDenied):
        service.publish_resource(roles.member, resource)


def test_an_org_admin_publishes_directly(roles):
    resource = service.create_resource(roles.org_admin, roles.org, _input(), action="publish")
    assert resource.status == "published"


def test_a_member_is_trusted_after_enough_approved_submissions(roles):
    set_setting("trust_threshold", 2)
    for n in range(2):
        assert (
            service.create_resource(roles.member, roles.org, _input(f"Approved guide {n}"), action="publish").status
            == "pending"
        )
        resource = db.session.execute(select(Resource).order_by(Resource.id.desc())).scalars().first()
        service.approve_resource(roles.moderator, resource)
    third = service.create_resource(roles.member, roles.org, _input("Third guide"), action="publish")
    assert third.status == "published"


def test_returned_submissions_do_not_count_toward_trust(roles):
    set_setting("trust_threshold", 1)
    resource = service.create_resource(roles.member, roles.org, _input(), action="submit")
    service.return_resource(roles.moderator, resource, "Needs work")
    assert not service.is_trusted_author(roles.member)


def test_archive_and_unarchive(roles):
    resource = make_resource(roles.member, status="published", publisher=roles.moderator)
    service.archive_resource(roles.member, resource)
    assert resource.status == "archived"
    service.unarchive_resource(roles.member, resource)
    assert resource.status == "pending"  # the member may not publish directly
    service.approve_resource(roles.moderator, resource)
    service.archive_resource(roles.org_admin, resource)
    service.unarchive_resource(roles.org_admin, resource)
    assert resource.status == "published"


def test_another_organisation_cannot_edit_or_archive(roles):
    resource = make_resource(roles.member, status="published", publisher=roles.moderator)
    with pytest.raises(PermissionDenied):
        service.archive_resource(roles.other_member, resource)
    with pytest.raises(PermissionDenied):
        service.edit_resource(roles.other_member, resource, _input("Taken over"))


def test_a_draft_is_not_found_by_another_organisation(roles):
    from app.errors import NotFound

    resource = make_resource(roles.member, status="draft")
    with pytest.raises(NotFound):
        service.edit_resource(roles.other_member, resource, _input("Taken over"))


def test_validation_reports_each_bad_field(roles):
    with pytest.raises(ValidationError) as caught:
        service.create_resource(
            roles.member,
            roles.org,
            service.ResourceInput(
                title="x", body="", kind="poster", visibility="secret", external_url="javascript:alert(1)",
                topics=["no-such-topic"], tags=[f"t{n}" for n in range(20)],
            ),
        )
    assert set(caught.value.fields) == {"title", "kind", "visibility", "external_url", "topics", "tags"}


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "data:text/html,hi", "//example.org", "https://", "http://exa mple.org"]
)
def test_external_urls_must_be_http_or_https(roles, url):
    with pytest.raises(ValidationError) as caught:
        service.create_resource(roles.member, roles.org, _input(external_url=url))
    assert "external_url" in caught.value.fields


def test_titles_with_the_same_words_get_distinct_slugs(roles):
    first = service.create_resource(roles.member, roles.org, _input("Same title"))
    second = service.create_resource(roles.member, roles.org, _input("Same title"))
    assert (first.slug, second.slug) == ("same-title", "same-title-2")


def test_a_moderator_may_hide_and_restore_and_both_are_audited(roles):
    resource = make_resource(roles.member, status="published", publisher=roles.moderator)
    service.hide_resource(roles.moderator, resource, "Reported as spam")
    assert resource.hidden_at is not None and not resource.is_listed
    service.restore_resource(roles.moderator, resource)
    assert resource.hidden_at is None and resource.is_listed
    actions = db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    assert actions[-2:] == ["resource.hide", "resource.restore"]


def test_automatic_hiding_needs_no_moderator(roles):
    resource = make_resource(roles.member, status="published", publisher=roles.moderator)
    service.hide_resource(None, resource, "3 flags", automatic=True)
    assert resource.hidden_at is not None


def test_members_cannot_hide(roles):
    resource = make_resource(roles.member, status="published", publisher=roles.moderator)
    with pytest.raises(PermissionDenied):
        service.hide_resource(roles.org_admin, resource, "mine")


def test_list_pending_is_oldest_first_and_for_moderators_only(roles):
    first = make_resource(roles.member, status="pending")
    second = make_resource(roles.other_member, status="pending")
    assert [r.id for r in service.list_pending(roles.moderator)] == [first.id, second.id]
    with pytest.raises(PermissionDenied):
        service.list_pending(roles.member)


def test_merge_redirects_and_moves_bookmarks(roles):
    from app.library import engagement

    target = make_resource(roles.member, title="Original guide", publisher=roles.moderator)
    duplicate = make_resource(roles.other_member, title="Copy of the guide", publisher=roles.moderator)
    engagement.add_bookmark(roles.outsider, duplicate)
    service.merge_resource(roles.moderator, duplicate, target)
    db.session.commit()
    assert duplicate.merged_into_id == target.id
    assert not duplicate.is_listed
    assert [r.id for r in engagement.list_bookmarks(roles.outsider, page=1).items] == [target.id]
    with pytest.raises(Conflict):
        service.merge_resource(roles.moderator, target, target)


def test_feature_only_listed_resources(roles):
    draft = make_resource(roles.member, status="draft")
    with pytest.raises(Conflict):
        service.feature_resource(roles.moderator, draft, True)
    published = make_resource(roles.member, publisher=roles.moderator)
    service.feature_resource(roles.moderator, published, True)
    assert published.featured
    with pytest.raises(PermissionDenied):
        service.feature_resource(roles.org_admin, published, False)


def test_set_topics_and_tags_keeps_a_revision(roles):
    from .helpers import make_topic

    make_topic("Crisis communication")
    resource = make_resource(roles.member, publisher=roles.moderator)
    service.set_resource_topics_tags(roles.moderator, resource, ["crisis-communication"], ["Storms", "storms"])
    assert [t.name for t in resource.topics] == ["Crisis communication"]
    assert [t.name for t in resource.tags] == ["storms"]
    assert service.count_revisions(resource) == 2


def test_a_member_may_delete_a_never_published_draft_but_not_a_published_one(roles):
    draft = make_resource(roles.member, status="draft")
    service.delete_resource(roles.member, draft)
    assert db.session.get(Resource, draft.id) is None
    published = make_resource(roles.member, publisher=roles.moderator)
    with pytest.raises(PermissionDenied):
        service.delete_resource(roles.member, published)
    service.delete_resource(roles.moderator, published)
