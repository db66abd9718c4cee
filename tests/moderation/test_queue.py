"""The review queue: what waits in it, its filters and order, and what acting on an entry does."""

from datetime import timedelta

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.moderation import queue, service
from app.moderation.models import Flag
from app.notifications.models import Notification
from tests.factories import make_org, make_user

from ..factories import moderation as builders

PHI = "Update on Mrs. Jones: MRN 12345678, DOB 03/14/1962."


def entries(actor, **filters):
    return [(e.kind, e.title) for e in queue.queue_entries(actor, **filters)]


def test_the_queue_gathers_every_kind_of_entry_for_an_admin(roles):
    submitted = builders.resource(roles.member, roles.org, "Draft social media policy", action="submit")
    held = builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    flagged = builders.published_resource(roles.other_org, title="Ten tips for TikTok")
    service.flag_item(roles.member, "resource", flagged.id, "spam")
    applied = make_org("Riverside Clinic", status="applied")
    kinds = {kind for kind, _ in entries(roles.admin)}
    assert kinds == {"resource", "post", "flag", "organisation"}
    titles = {title for _, title in entries(roles.admin)}
    assert {submitted.title, flagged.title, applied.name, f"Reply in “{held.thread.title}”"} <= titles


def test_moderators_do_not_see_organisation_applications(roles):
    make_org("Riverside Clinic", status="applied")
    assert entries(roles.moderator) == []
    assert queue.queue_counts(roles.moderator)["organisation"] == 0


def test_entries_come_oldest_first(roles):
    newer = builders.resource(roles.member, roles.org, "Newer submission", action="submit")
    older = builders.resource(roles.member, roles.org, "Older submission", action="submit")
    older.submitted_at = utcnow() - timedelta(days=3)
    flagged = builders.published_resource(roles.other_org, title="Flagged yesterday")
    flag = service.flag_item(roles.member, "resource", flagged.id, "spam")
    flag.created_at = utcnow() - timedelta(days=1)
    db.session.flush()
    assert [title for _, title in entries(roles.moderator)] == [older.title, flagged.title, newer.title]


def test_filters_by_kind_and_status(roles):
    builders.resource(roles.member, roles.org, "Waiting resource", action="submit")
    kept = builders.published_resource(roles.other_org, title="Reported then kept")
    service.flag_item(roles.member, "resource", kept.id, "spam")
    assert entries(roles.moderator, kind="resource") == [("resource", "Waiting resource")]
    assert entries(roles.moderator, kind="flag") == [("flag", "Reported then kept")]
    service.dismiss_flags(roles.moderator, "resource", kept.id)
    assert entries(roles.moderator, kind="flag") == []
    assert entries(roles.moderator, kind="flag", status="dismissed") == [("flag", "Reported then kept")]
    assert entries(roles.moderator, status="resolved") == []


def test_the_hidden_status_shows_items_hidden_by_reports(roles):
    from app.site_settings import set_setting

    set_setting("flag_hide_threshold", 1)
    hidden = builders.published_resource(roles.other_org, title="Hidden by a report")
    service.flag_item(roles.member, "resource", hidden.id, "spam")
    shown = builders.published_resource(roles.other_org, title="Visible")
    set_setting("flag_hide_threshold", 5)
    service.flag_item(roles.member, "resource", shown.id, "spam")
    assert entries(roles.moderator, status="hidden") == [("flag", "Hidden by a report")]


def test_a_flag_entry_counts_reporters_and_shows_reasons_and_notes(roles):
    item = builders.published_resource(roles.other_org, title="Miracle cure guide")
    reporters = builders.members(roles.org, 2)
    service.flag_item(reporters[0], "resource", item.id, "misinformation", "Claims a cure for diabetes")
    service.flag_item(reporters[1], "resource", item.id, "misinformation")
    (entry,) = queue.queue_entries(roles.moderator)
    assert entry.flag_count == 2
    assert entry.reasons[0] == "Health misinformation: 2"
    assert entry.notes == ["Claims a cure for diabetes"]
    assert entry.author.id == item.author_id and entry.organisation_name == roles.other_org.name


def test_a_held_post_entry_shows_the_passages_the_privacy_guard_found(roles):
    builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    (entry,) = queue.queue_entries(roles.moderator)
    passages = [p["passage"] for p in entry.passages]
    assert "MRN 12345678" in passages and "DOB 03/14/1962" in passages
    assert "privacy guard" in entry.reasons[0]


def test_the_queue_page_shows_entries_with_their_actions(roles, client_as):
    builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    db.session.commit()
    page = client_as(roles.moderator).get("/moderation").get_data(as_text=True)
    assert "Held post" in page and "<mark>MRN 12345678</mark>" in page
    assert "Approve" in page and "Return with a reason" in page and "Suspend the author" in page
    assert roles.member.name in page and roles.org.name in page


def test_the_queue_page_accepts_any_filter_values(roles, client_as):
    client = client_as(roles.moderator)
    for query in ("kind=nonsense", "status=%00", "page=-3", "kind=flag&status=dismissed", "page=abc"):
        assert client.get(f"/moderation?{query}").status_code == 200


def test_the_navigation_counts_the_queue_for_moderators_only(roles, client_as):
    builders.resource(roles.member, roles.org, "Waiting resource", action="submit")
    make_org("Riverside Clinic", status="applied")
    db.session.commit()
    assert 'aria-label="1 waiting"' in client_as(roles.moderator).get("/").get_data(as_text=True)
    assert 'aria-label="2 waiting"' in client_as(roles.admin).get("/").get_data(as_text=True)
    assert ' waiting"' not in client_as(roles.member).get("/").get_data(as_text=True)  # no queue badge


# --- Acting on entries ------------------------------------------------------------------


def test_approving_a_submission_publishes_it_and_tells_the_author(roles, client_as, mailbox):
    resource = builders.resource(roles.member, roles.org, "Crisis checklist", action="submit")
    db.session.commit()
    response = client_as(roles.moderator).post(f"/moderation/resource/{resource.id}/approve")
    assert response.status_code == 302
    db.session.refresh(resource)
    assert resource.is_published
    assert "Crisis checklist" in mailbox.last_to(roles.member.email)["Subject"]


def test_returning_a_submission_needs_a_reason_and_sends_it_to_the_author(roles, client_as, mailbox):
    resource = builders.resource(roles.member, roles.org, "Crisis checklist", action="submit")
    db.session.commit()
    client = client_as(roles.moderator)
    refused = client.post(
        f"/moderation/resource/{resource.id}/return", data={"reason": " "}, follow_redirects=True
    )
    assert refused.status_code == 200 and b"reason" in refused.data
    db.session.refresh(resource)
    assert resource.status == "pending"
    client.post(f"/moderation/resource/{resource.id}/return", data={"reason": "Please cite your sources."})
    db.session.refresh(resource)
    assert resource.status == "returned"
    assert "Please cite your sources." in mailbox.body(mailbox.last_to(roles.member.email))
    notes = (
        db.session.execute(select(Notification).where(Notification.user_id == roles.member.id))
        .scalars()
        .all()
    )
    assert any("returned" in n.subject for n in notes)


def test_returning_a_held_post_keeps_it_unpublished_and_tells_the_author_why(roles, client_as, mailbox):
    post = builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    db.session.commit()
    client_as(roles.moderator).post(
        f"/moderation/post/{post.id}/return", data={"reason": "Remove the record number."}
    )
    db.session.refresh(post)
    assert post.status == "rejected"
    assert "Remove the record number." in mailbox.body(mailbox.last_to(roles.member.email))
    assert queue.queue_entries(roles.moderator) == []


def test_approving_a_held_post_publishes_it(roles, client_as):
    post = builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    db.session.commit()
    client_as(roles.moderator).post(f"/moderation/post/{post.id}/approve")
    db.session.refresh(post)
    assert post.is_published


def test_hiding_a_submission_from_the_queue(roles, client_as):
    resource = builders.resource(roles.member, roles.org, "Buy followers", action="submit")
    db.session.commit()
    client_as(roles.moderator).post(f"/moderation/resource/{resource.id}/hide", data={"reason": "Spam"})
    db.session.refresh(resource)
    assert resource.hidden_at is not None and resource.hidden_reason == "Spam"


def test_admins_decide_organisation_applications_from_the_queue(roles, client_as, mailbox):
    applicant = make_user(name="Ana Applicant")
    org = make_org("Riverside Clinic", status="applied", admin=None)
    org.applied_by_id = applicant.id
    db.session.commit()
    assert client_as(roles.moderator).post(f"/moderation/organisation/{org.id}/approve").status_code == 403
    client_as(roles.admin).post(
        f"/moderation/organisation/{org.id}/return", data={"reason": "Not a health organisation."}
    )
    db.session.refresh(org)
    assert org.status == "rejected"
    assert "Not a health organisation." in mailbox.body(mailbox.last_to(applicant.email))


def test_dismissing_and_upholding_reports_from_the_queue(roles, client_as):
    kept = builders.published_resource(roles.other_org, title="Kept")
    removed = builders.published_resource(roles.other_org, title="Removed")
    service.flag_item(roles.member, "resource", kept.id, "spam")
    service.flag_item(roles.member, "resource", removed.id, "spam")
    db.session.commit()
    client = client_as(roles.moderator)
    client.post(f"/moderation/flags/resource/{kept.id}/dismiss")
    client.post(f"/moderation/flags/resource/{removed.id}/uphold", data={"reason": "Advertising"})
    statuses = dict(db.session.execute(select(Flag.target_id, Flag.status)).all())
    assert statuses == {kept.id: "dismissed", removed.id: "resolved"}


def test_acting_on_a_decided_entry_says_so_without_error(roles, client_as):
    resource = builders.resource(roles.member, roles.org, "Crisis checklist", action="submit")
    db.session.commit()
    client = client_as(roles.moderator)
    client.post(f"/moderation/resource/{resource.id}/approve")
    again = client.post(f"/moderation/resource/{resource.id}/approve", follow_redirects=True)
    assert again.status_code == 200 and b"Only resources waiting for review" in again.data
    missing = client.post("/moderation/resource/999999/approve")
    assert missing.status_code == 404
    no_flags = client.post(f"/moderation/flags/resource/{resource.id}/dismiss", follow_redirects=True)
    assert b"no open reports" in no_flags.data


def test_suspending_the_author_from_the_queue_returns_to_the_queue(roles, client_as):
    post = builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    db.session.commit()
    response = client_as(roles.moderator).post(
        f"/moderation/users/{post.author_id}/suspend",
        data={"period": "indefinite", "reason": "Posts patient records", "next": "/moderation?kind=post"},
    )
    assert response.headers["Location"].endswith("/moderation?kind=post")
    db.session.refresh(roles.member)
    assert roles.member.suspended_indefinitely


def test_next_never_leaves_the_site(roles, client_as):
    response = client_as(roles.moderator).post(
        f"/moderation/users/{roles.member.id}/suspend",
        data={"period": "1", "reason": "x", "next": "//evil.example"},
    )
    assert response.headers["Location"].endswith(f"/moderation/users/{roles.member.id}")


def test_reported_threads_and_posts_show_their_text_and_link(roles):
    thread = builders.thread(
        roles.other_member, "Is this allowed?", "Posting a patient's X-ray with consent."
    )
    reply = builders.reply(roles.other_member, thread, "Here is the film.")
    service.flag_item(roles.member, "thread", thread.id, "patient_privacy")
    service.flag_item(roles.member, "post", reply.id, "patient_privacy")
    by_type = {e.target_type: e for e in queue.queue_entries(roles.moderator, kind="flag")}
    assert by_type["thread"].title == "Is this allowed?"
    assert by_type["thread"].excerpt == "Posting a patient's X-ray with consent."
    assert by_type["thread"].url == f"/discussions/threads/{thread.id}"
    assert (
        by_type["post"].title == "Post in “Is this allowed?”"
        and by_type["post"].excerpt == "Here is the film."
    )
    assert by_type["post"].organisation_name == roles.other_org.name
