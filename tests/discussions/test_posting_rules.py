"""The privacy guard before saving, the 50,000-character limit, and rate limits (docs/SECURITY.md 36)."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from app.discussions import service
from app.discussions.models import Post, Thread
from app.extensions import db
from app.site_settings import set_setting

from ..conftest import login
from .helpers import start_thread

PHI = "Our patient (MRN 12345678, DOB 03/14/1962) asked about the photo."


def thread_count() -> int:
    return db.session.execute(select(func.count(Thread.id))).scalar_one()


def test_likely_patient_information_re_renders_the_form_with_the_passages(client_as, roles, cats):
    client = client_as(roles.member)
    data = {"category_id": cats["platforms"].id, "title": "A question about a photo", "body": PHI}
    response = client.post("/discussions/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<mark>MRN 12345678</mark>" in page and "<mark>DOB 03/14/1962</mark>" in page
    assert html.escape(PHI) in page  # the text is kept in the form
    assert "Send it for review anyway" in page
    assert thread_count() == 0
    response = client.post("/discussions/new", data={**data, "send_for_review": "y"})
    assert response.status_code == 302
    thread = db.session.execute(select(Thread)).scalar_one()
    assert thread.is_held
    assert "waits for a moderator" in client.get(response.location).get_data(as_text=True)


def test_a_reply_with_patient_information_is_held_only_when_the_author_insists(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    client = client_as(roles.other_member)
    refused = client.post(f"/discussions/threads/{thread.id}/reply", data={"body": PHI})
    assert refused.status_code == 422 and "<mark>MRN 12345678</mark>" in refused.get_data(as_text=True)
    sent = client.post(f"/discussions/threads/{thread.id}/reply", data={"body": PHI, "send_for_review": "y"})
    assert sent.status_code == 302
    post = db.session.execute(select(Post).where(Post.position == 2)).scalar_one()
    assert post.is_held and post.held_reason == "privacy"


def test_an_edit_that_adds_patient_information_is_caught_too(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    post = service.reply_to_thread(roles.other_member, thread, "Clean text")
    db.session.commit()
    client = client_as(roles.other_member)
    refused = client.post(f"/discussions/posts/{post.id}/edit", data={"body": PHI})
    assert refused.status_code == 422 and "<mark>MRN 12345678</mark>" in refused.get_data(as_text=True)
    client.post(f"/discussions/posts/{post.id}/edit", data={"body": PHI, "send_for_review": "y"})
    db.session.refresh(post)
    assert post.is_held and post.body_source == PHI


def test_a_post_over_50000_characters_is_refused_and_the_text_is_kept(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    client = client_as(roles.other_member)
    text = "a" * 50_001
    response = client.post(f"/discussions/threads/{thread.id}/reply", data={"body": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at most 50,000 characters; this one has 50,001" in page
    assert f"\n{text}</textarea>" in page
    assert db.session.execute(select(func.count(Post.id))).scalar_one() == 1
    assert (
        client.post(f"/discussions/threads/{thread.id}/reply", data={"body": "b" * 50_000}).status_code == 302
    )


def test_a_new_thread_over_the_limit_keeps_title_and_text(client_as, roles, cats):
    text = "word " * 10_001
    response = client_as(roles.member).post(
        "/discussions/new",
        data={"category_id": cats["platforms"].id, "title": "Kept title here", "body": text},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Kept title here"' in page and text.strip() in page
    assert thread_count() == 0


def test_fields_a_member_must_not_set_are_ignored(client_as, roles, cats):
    response = client_as(roles.member).post(
        "/discussions/new",
        data={
            "category_id": cats["platforms"].id,
            "title": "Trying to be sneaky",
            "body": "Hello",
            "pinned": "1",
            "locked": "1",
            "status": "held",
            "author_id": roles.moderator.id,
            "organisation_id": roles.other_org.id,
            "hidden_at": "2020-01-01",
            "post_count": "99",
        },
    )
    assert response.status_code == 302
    thread = db.session.execute(select(Thread)).scalar_one()
    assert (thread.pinned, thread.locked, thread.status, thread.post_count) == (False, False, "published", 1)
    assert thread.author_id == roles.member.id and thread.organisation_id == roles.org.id
    assert thread.hidden_at is None


def test_replies_are_rate_limited_per_member_and_the_text_is_kept(app_factory, roles, cats):
    app = app_factory(RATELIMIT_ENABLED=True)
    set_setting("trust_threshold", 0)
    db.session.commit()
    thread = start_thread(roles.member, cats["platforms"])
    client = login(app.test_client(), roles.other_member)
    assert client.post(f"/discussions/threads/{thread.id}/reply", data={"body": "First"}).status_code == 302
    response = client.post(f"/discussions/threads/{thread.id}/reply", data={"body": "Second, too soon"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "posting too quickly" in page and "Second, too soon</textarea>" in page
    other = login(app.test_client(), roles.member)
    assert (
        other.post(f"/discussions/threads/{thread.id}/reply", data={"body": "Someone else"}).status_code
        == 302
    )


def test_a_refused_reply_does_not_count_against_the_limit(app_factory, roles, cats):
    app = app_factory(RATELIMIT_ENABLED=True)
    thread = start_thread(roles.member, cats["platforms"])
    client = login(app.test_client(), roles.other_member)
    assert client.post(f"/discussions/threads/{thread.id}/reply", data={"body": ""}).status_code == 422
    assert (
        client.post(f"/discussions/threads/{thread.id}/reply", data={"body": "Now with text"}).status_code
        == 302
    )


def test_new_threads_are_rate_limited_and_stricter_for_untrusted_members(app_factory, roles, cats):
    from app.discussions import limits

    app = app_factory(RATELIMIT_ENABLED=True)
    db.session.commit()
    client = login(app.test_client(), roles.other_member)
    data = {"category_id": cats["platforms"].id, "body": "Text"}
    assert client.post("/discussions/new", data={**data, "title": "First thread"}).status_code == 302
    assert client.post("/discussions/new", data={**data, "title": "Second thread"}).status_code == 429
    assert service.is_trusted_poster(roles.other_member) is False
    with app.test_request_context():
        login_user_for_request(roles.other_member)
        assert limits._thread_limit() == limits.THREAD_LIMIT_NEW_MEMBER
        assert limits._post_limit() == limits.POST_LIMIT_NEW_MEMBER
        set_setting("trust_threshold", 1)
        assert limits._thread_limit() == limits.THREAD_LIMIT == "1 per 15 seconds"
        assert limits._post_limit() == limits.POST_LIMIT == "1 per 5 seconds"


def login_user_for_request(user) -> None:
    from flask_login import login_user

    login_user(user)


def test_nul_characters_are_dropped_rather_than_failing_the_database(client_as, roles, cats):
    client = client_as(roles.member)
    response = client.post(
        "/discussions/new",
        data={"category_id": cats["platforms"].id, "title": "Nul\x00 in title", "body": "Body with \x00 nul"},
    )
    assert response.status_code == 302
    thread = db.session.execute(select(Thread)).scalar_one()
    first = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert thread.title == "Nul in title" and first.body_source == "Body with  nul"
