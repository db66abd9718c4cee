"""Review-by dates: set on publish by kind, renewed by an edit or "still accurate", reminders before
the date (once), a reader's note and a moderators' list after it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.library import service
from app.library.review_dates import add_months, send_review_reminders
from app.notifications.models import Notification

from ..factories.library import make_resource, make_topic


def _past_due(resource) -> None:
    resource.review_by = utcnow().date() - timedelta(days=3)
    db.session.commit()


def test_publishing_sets_the_review_date_by_kind_and_sooner_for_platform_how_tos(ctx, roles):
    make_topic("TikTok", group="platform")
    today = utcnow().date()

    policy = make_resource(roles.member, kind="policy_template", publisher=roles.moderator)
    case = make_resource(roles.member, kind="case_study", publisher=roles.moderator)
    research = make_resource(roles.member, kind="research", publisher=roles.moderator)
    how_to = make_resource(roles.member, kind="case_study", topics=("tiktok",), publisher=roles.moderator)

    assert policy.review_by == add_months(today, 12)
    assert case.review_by == add_months(today, 24)
    assert research.review_by is None
    assert how_to.review_by == add_months(today, 12)


def test_a_past_due_resource_shows_its_note_to_readers(ctx, roles, client):
    resource = make_resource(roles.member, publisher=roles.moderator)
    fresh = make_resource(roles.member, publisher=roles.moderator)
    _past_due(resource)

    page = client.get(f"/library/{resource.slug}").get_data(as_text=True)
    current = client.get(f"/library/{fresh.slug}").get_data(as_text=True)

    assert "This may be out of date." in page
    assert "Still accurate" not in page  # a visitor may not confirm it
    assert "This may be out of date." not in current


def test_the_author_confirms_it_is_still_accurate_and_the_note_goes(ctx, roles, client_as):
    resource = make_resource(roles.member, publisher=roles.moderator)
    _past_due(resource)
    author = client_as(roles.member)
    assert "Still accurate" in author.get(f"/library/{resource.slug}").get_data(as_text=True)

    response = author.post(f"/library/{resource.slug}/still-accurate")

    assert response.status_code == 302
    db.session.expire_all()
    assert resource.review_by == add_months(utcnow().date(), 12) and resource.reviewed_at is not None
    assert "This may be out of date." not in author.get(f"/library/{resource.slug}").get_data(as_text=True)


def test_someone_who_may_not_edit_cannot_confirm(ctx, roles, client_as):
    resource = make_resource(roles.member, publisher=roles.moderator)
    _past_due(resource)

    response = client_as(roles.other_member).post(f"/library/{resource.slug}/still-accurate")

    assert response.status_code == 403
    db.session.expire_all()
    assert resource.review_by < utcnow().date()


def test_an_edit_renews_the_review_date(ctx, roles):
    resource = make_resource(roles.org_admin, publisher=roles.moderator)  # edits go live without review
    _past_due(resource)

    service.edit_resource(
        roles.org_admin,
        resource,
        service.ResourceInput(title=resource.title, summary="Checked against the platform's new rules.", body="New."),
    )

    assert resource.review_by == add_months(utcnow().date(), 12)


def test_reminders_go_to_the_author_and_org_admins_once_per_date(ctx, roles, runner):
    resource = make_resource(roles.member, publisher=roles.moderator)
    far = make_resource(roles.member, publisher=roles.moderator)
    resource.review_by = utcnow().date() + timedelta(days=10)
    db.session.commit()

    first = runner.invoke(args=["library", "review-reminders"])
    second = runner.invoke(args=["library", "review-reminders"])

    assert "Reminded about 1 resource (2 notices)." in first.output
    assert "Reminded about 0 resources" in second.output
    notices = db.session.execute(select(Notification).where(Notification.kind == "resource.review_due")).scalars()
    assert sorted(n.user_id for n in notices) == sorted([roles.member.id, roles.org_admin.id])
    assert far.review_reminded_for is None


def test_a_renewed_date_is_reminded_of_again(ctx, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    resource.review_by = date.today() + timedelta(days=5)
    send_review_reminders()
    resource.review_by = date.today() + timedelta(days=6)

    assert send_review_reminders().resources == 1


def test_moderators_list_past_due_resources(ctx, roles, client_as):
    overdue = make_resource(roles.member, title="Old reels guide", publisher=roles.moderator)
    make_resource(roles.member, title="Fresh threads guide", publisher=roles.moderator)
    _past_due(overdue)

    page = client_as(roles.moderator).get("/moderation/past-due").get_data(as_text=True)
    refused = client_as(roles.member).get("/moderation/past-due")

    assert "Old reels guide" in page and "Fresh threads guide" not in page
    assert refused.status_code == 403
