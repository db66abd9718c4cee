"""Moderator actions through the services: pin, lock, move, hide, restore, held posts; each audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.discussions import service
from app.discussions.models import Post
from app.errors import Conflict, PermissionDenied, ValidationError
from app.extensions import db
from app.notifications.models import Notification
from app.site_settings import set_setting

from ..factories.discussions import reply, start_thread


def audit_actions(target_type: str, target_id: int) -> list[str]:
    return list(
        db.session.execute(
            select(AuditEvent.action)
            .where(AuditEvent.target_type == target_type, AuditEvent.target_id == target_id)
            .order_by(AuditEvent.id)
        ).scalars()
    )


def notifications_of(user) -> list[Notification]:
    return list(
        db.session.execute(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        ).scalars()
    )


def test_pin_lock_and_their_reverses_are_audited(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    service.pin_thread(roles.moderator, thread)
    service.lock_thread(roles.moderator, thread, "Answered")
    service.unlock_thread(roles.moderator, thread)
    service.unpin_thread(roles.moderator, thread)
    db.session.commit()
    assert audit_actions("thread", thread.id) == [
        "thread.pin",
        "thread.lock",
        "thread.unlock",
        "thread.unpin",
    ]
    lock = db.session.execute(select(AuditEvent).where(AuditEvent.action == "thread.lock")).scalar_one()
    assert lock.reason == "Answered" and lock.actor_id == roles.moderator.id


def test_members_cannot_use_moderator_hooks(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    with pytest.raises(PermissionDenied):
        service.pin_thread(roles.member, thread)
    with pytest.raises(PermissionDenied):
        service.lock_thread(roles.member, thread, "mine")


def test_lock_and_hide_need_a_reason(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    with pytest.raises(ValidationError):
        service.lock_thread(roles.moderator, thread, "   ")
    with pytest.raises(ValidationError):
        service.hide_thread(roles.moderator, thread, "")


def test_a_lock_without_a_reason_re_renders_the_tools_with_a_message(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    response = client_as(roles.moderator).post(
        f"/discussions/threads/{thread.id}/lock", data={"lock-reason": ""}
    )
    assert response.status_code == 422
    assert "Give a reason" in response.get_data(as_text=True)


def test_moving_a_thread_moves_its_counts_search_rows_and_is_audited(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread)
    service.move_thread(roles.moderator, thread, cats["measurement"], "Belongs with analytics")
    db.session.commit()
    db.session.refresh(cats["platforms"])
    db.session.refresh(cats["measurement"])
    assert (cats["platforms"].thread_count, cats["platforms"].post_count) == (0, 0)
    assert (cats["measurement"].thread_count, cats["measurement"].post_count) == (1, 2)
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "thread.move")).scalar_one()
    assert event.before == {"category": "platforms"} and event.after == {"category": "measurement"}


def test_moving_to_the_same_category_is_refused_with_a_message(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    with pytest.raises(ValidationError) as raised:
        service.move_thread(roles.moderator, thread, cats["platforms"])
    assert "already" in raised.value.fields["category_id"][0]


def test_hide_and_restore_a_post_tell_the_author_and_are_audited(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    post = reply(roles.other_member, thread, "Off-colour joke")
    service.hide_post(roles.moderator, post, "Not kind")
    db.session.commit()
    db.session.refresh(thread)
    assert thread.post_count == 1
    service.restore_post(roles.moderator, post)
    db.session.commit()
    db.session.refresh(thread)
    assert thread.post_count == 2
    assert audit_actions("post", post.id) == ["post.hide", "post.restore"]
    kinds = [n.kind for n in notifications_of(roles.other_member)]
    assert kinds[-2:] == ["discussion.post_hidden", "discussion.post_restored"]
    assert notifications_of(roles.other_member)[-2].body == "Not kind"


def test_an_automatic_hide_needs_no_moderator_and_says_so(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    post = reply(roles.other_member, thread, "Flagged words")
    service.hide_post(None, post, "Hidden after 3 reports", automatic=True)
    db.session.commit()
    assert post.hidden_automatically and post.hidden_by_id is None
    page = (
        client_as(roles.other_member)
        .get(f"/discussions/posts/{post.id}", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "after reports from members" in page
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "post.hide")).scalar_one()
    assert event.actor_id is None and event.after == {"automatic": True}


def test_hide_and_restore_a_thread_are_audited(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    service.hide_thread(roles.moderator, thread, "Spam")
    service.restore_thread(roles.moderator, thread)
    db.session.commit()
    assert audit_actions("thread", thread.id) == ["thread.hide", "thread.restore"]
    assert thread.hidden_at is None


def test_approving_a_held_post_publishes_it_and_notifies_followers(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    held = service.reply_to_thread(roles.other_member, thread, "Her MRN 12345678 again", send_for_review=True)
    db.session.commit()
    assert held.is_held and held.held_reason == "privacy"
    assert held.held_findings[0]["passage"] == "MRN 12345678"
    assert [p.id for p in service.list_held_posts(roles.moderator)] == [held.id]
    assert service.count_held_posts() == 1
    assert [n for n in notifications_of(roles.member) if n.kind == "discussion.reply"] == []
    service.approve_held_post(roles.moderator, held)
    db.session.commit()
    assert held.is_published and service.list_held_posts(roles.moderator) == []
    assert [n.kind for n in notifications_of(roles.member)] == ["discussion.reply"]
    assert notifications_of(roles.other_member)[-1].kind == "discussion.post_approved"
    assert audit_actions("post", held.id) == ["post.approve"]
    with pytest.raises(Conflict):
        service.approve_held_post(roles.moderator, held)


def test_rejecting_a_held_post_tells_its_author_why(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    held = service.reply_to_thread(
        roles.other_member, thread, "DOB 03/14/1962 of our patient", send_for_review=True
    )
    db.session.commit()
    response = client_as(roles.moderator).post(
        f"/discussions/posts/{held.id}/reject", data={"reason": "Contains a birth date"}
    )
    assert response.status_code == 302
    db.session.refresh(held)
    assert held.is_rejected and held.review_note == "Contains a birth date"
    own = (
        client_as(roles.other_member)
        .get(f"/discussions/posts/{held.id}", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "Not approved by a moderator: Contains a birth date" in own
    assert notifications_of(roles.other_member)[-1].body == "Contains a birth date"
    assert client_as(roles.member).get(f"/discussions/posts/{held.id}").status_code == 404


def test_list_held_posts_is_for_moderators(roles):
    with pytest.raises(PermissionDenied):
        service.list_held_posts(roles.member)


def test_the_new_member_rule_holds_the_first_posts(roles, cats):
    set_setting("hold_first_posts", 1)
    db.session.commit()
    thread = start_thread(roles.other_member, cats["platforms"], title="My very first thread")
    assert thread.is_held
    first = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert first.held_reason == "new_member"
    service.approve_held_post(roles.moderator, first)
    db.session.commit()
    second = start_thread(roles.other_member, cats["platforms"], title="My second thread")
    assert second.is_listed
    assert start_thread(roles.moderator, cats["platforms"], title="A moderator is never held").is_listed
