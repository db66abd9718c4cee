"""Starting threads, replying, quoting, paging, editing and deleting, as members see them."""

from __future__ import annotations

import re

from sqlalchemy import select

from app import telemetry
from app.discussions import service
from app.discussions.models import Post, PostRevision
from app.extensions import db

from ..factories.discussions import reply, start_thread


def thread_path(thread) -> str:
    return f"/discussions/{thread.category.slug}/{thread.id}-{thread.slug}"


def test_member_starts_a_thread_from_the_form_and_lands_on_it(client_as, roles, cats):
    client = client_as(roles.member)
    response = client.post(
        "/discussions/new",
        data={
            "category_id": cats["platforms"].id,
            "title": "Instagram Reels for flu season?",
            "body": "Has anyone **tried** it?",
        },
    )
    assert response.status_code == 302
    assert re.fullmatch(r"/discussions/platforms/\d+-instagram-reels-for-flu-season", response.location)
    page = client.get(response.location).get_data(as_text=True)
    assert "Instagram Reels for flu season?" in page
    assert "<strong>tried</strong>" in page
    assert "Mina Member" in page and "Mercy General Hospital" in page


def test_the_source_and_the_sanitized_html_are_stored_side_by_side(roles, cats):
    thread = start_thread(roles.member, cats["platforms"], body="Try **this** <script>alert(1)</script>")
    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert post.body_source == "Try **this** <script>alert(1)</script>"
    assert "<strong>this</strong>" in post.body_html
    assert "<script" not in post.body_html


def test_counts_latest_activity_and_last_poster_follow_replies(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread, "Our answer: short captions.")
    db.session.refresh(cats["platforms"])
    assert (cats["platforms"].thread_count, cats["platforms"].post_count) == (1, 2)
    assert thread.reply_count == 1
    index = client_as(None).get("/discussions").get_data(as_text=True)
    row = index.split('href="/discussions/platforms"')[1].split("</tr>")[0]
    assert re.search(r'class="num">1<.*class="num">2<', row, re.S)
    assert "Otto Othermember" in row
    listing = client_as(None).get("/discussions/platforms").get_data(as_text=True)
    assert "Otto Othermember" in listing


def test_a_wrong_or_old_slug_redirects_to_the_canonical_address(client, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    response = client.get(f"/discussions/measurement/{thread.id}-old-title?page=1")
    assert response.status_code == 301
    assert response.location == thread_path(thread)
    assert client.get(f"/discussions/threads/{thread.id}").location == thread_path(thread)


def test_a_quote_links_back_to_the_quoted_post(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"], body="Our policy: no replies after 6pm.")
    first = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    client = client_as(roles.other_member)
    form = client.get(f"/discussions/threads/{thread.id}/reply?quote={first.id}").get_data(as_text=True)
    assert f"[Mina Member wrote](/discussions/posts/{first.id}#post-{first.id}):" in form
    assert "&gt; Our policy: no replies after 6pm." in form
    quote = service.quote_source(roles.other_member, first)
    response = client.post(
        f"/discussions/threads/{thread.id}/reply",
        data={"body": quote + "We do the same.", "reply_to": first.id},
    )
    page = client.get(response.location).get_data(as_text=True)
    link = f'<a href="/discussions/posts/{first.id}#post-{first.id}" rel="nofollow noopener noreferrer ugc">'
    assert link + "Mina Member wrote</a>" in page
    assert "<blockquote>" in page
    landing = client.get(f"/discussions/posts/{first.id}")
    assert landing.location == thread_path(thread) + f"#post-{first.id}"


def test_long_threads_paginate_and_a_post_link_lands_on_its_page(app_factory, roles, cats, client_as):
    thread = start_thread(roles.member, cats["platforms"])
    posts = [service.reply_to_thread(roles.member, thread, f"Reply number {n}") for n in range(2, 46)]
    db.session.commit()
    client = client_as(None)
    target = posts[-1]  # position 45: page 3 of 20 per page
    response = client.get(f"/discussions/posts/{target.id}")
    assert response.location == thread_path(thread) + f"?page=3#post-{target.id}"
    page_three = client.get(thread_path(thread) + "?page=3").get_data(as_text=True)
    assert f'id="post-{target.id}"' in page_three
    assert "Page 3 of 3" in page_three
    page_one = client.get(thread_path(thread)).get_data(as_text=True)
    assert f'id="post-{target.id}"' not in page_one
    assert f'id="post-{posts[17].id}"' in page_one  # position 19
    assert client.get(thread_path(thread) + "?page=999").status_code == 200


def test_every_edit_is_kept_and_the_history_is_for_author_and_moderators(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"], title="Draft title here", body="First version")
    post = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    author = client_as(roles.member)
    assert (
        author.post(
            f"/discussions/posts/{post.id}/edit",
            data={"title": "Better title here", "body": "Second version"},
        ).status_code
        == 302
    )
    assert (
        author.post(
            f"/discussions/posts/{post.id}/edit", data={"title": "Better title here", "body": "Third version"}
        ).status_code
        == 302
    )
    revisions = (
        db.session.execute(
            select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.number)
        )
        .scalars()
        .all()
    )
    assert [(r.number, r.body_source, r.title) for r in revisions] == [
        (1, "First version", "Draft title here"),
        (2, "Second version", "Better title here"),
    ]
    db.session.refresh(post)
    assert post.body_source == "Third version" and post.edit_count == 2
    page = author.get(f"/discussions/posts/{post.id}", follow_redirects=True).get_data(as_text=True)
    assert "Better title here" in page and f'href="/discussions/posts/{post.id}/history">edited</a>' in page
    history = author.get(f"/discussions/posts/{post.id}/history").get_data(as_text=True)
    assert history.index("Third version") < history.index("Second version") < history.index("First version")
    assert client_as(roles.moderator).get(f"/discussions/posts/{post.id}/history").status_code == 200
    assert client_as(roles.other_member).get(f"/discussions/posts/{post.id}/history").status_code == 403
    visitor_page = (
        client_as(None).get(f"/discussions/posts/{post.id}", follow_redirects=True).get_data(as_text=True)
    )
    assert '<span class="edited">edited</span>' in visitor_page


def test_an_author_deletes_a_post_softly_and_the_thread_stays_readable(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    doomed = reply(roles.other_member, thread, "I regret posting this.")
    reply(roles.member, thread, "Later reply")
    client = client_as(roles.other_member)
    assert client.post(f"/discussions/posts/{doomed.id}/delete").status_code == 302
    page = client_as(None).get(thread_path(thread)).get_data(as_text=True)
    assert "This post was removed." in page
    assert "I regret posting this." not in page
    assert "Later reply" in page
    db.session.refresh(doomed)
    assert doomed.deleted_at is not None and doomed.body_source == "I regret posting this."
    db.session.refresh(thread)
    assert thread.post_count == 2
    assert client.post(f"/discussions/posts/{doomed.id}/delete").status_code == 403


def test_a_locked_thread_shows_the_reason_instead_of_the_reply_form(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    service.lock_thread(roles.moderator, thread, "Resolved: see the pinned guide.")
    db.session.commit()
    page = client_as(roles.other_member).get(thread_path(thread)).get_data(as_text=True)
    assert "This thread is locked" in page and "Resolved: see the pinned guide." in page
    assert 'class="stacked reply-form"' not in page
    assert f"/discussions/threads/{thread.id}/reply" not in page
    response = client_as(roles.other_member).post(
        f"/discussions/threads/{thread.id}/reply", data={"body": "One more thing"}
    )
    assert response.status_code == 403
    assert "locked" in response.get_data(as_text=True)


def test_an_unlocked_thread_shows_the_reply_form_to_members_only(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    assert 'class="stacked reply-form"' in client_as(roles.other_member).get(thread_path(thread)).get_data(
        as_text=True
    )
    assert "Sign in</a> to reply" in client_as(None).get(thread_path(thread)).get_data(as_text=True)
    assert "Only members of an approved organisation can reply" in client_as(roles.outsider).get(
        thread_path(thread)
    ).get_data(as_text=True)


def test_unread_markers_follow_what_a_member_has_read(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    reader = client_as(roles.other_member)
    assert "status-unread" in reader.get("/discussions/platforms").get_data(as_text=True)
    reader.get(thread_path(thread))
    telemetry.flush()  # read markers are written after the page, in batches
    assert "status-unread" not in reader.get("/discussions/platforms").get_data(as_text=True)
    reply(roles.member, thread, "News!")
    assert "status-unread" in reader.get("/discussions/platforms").get_data(as_text=True)
    assert "status-unread" not in client_as(None).get("/discussions/platforms").get_data(as_text=True)


def test_pinned_threads_come_first_then_latest_activity(client_as, roles, cats):
    old = start_thread(roles.member, cats["platforms"], title="Old but pinned thread")
    start_thread(roles.member, cats["platforms"], title="Quiet thread here")
    busy = start_thread(roles.member, cats["platforms"], title="Busy thread here")
    reply(roles.other_member, busy, "bump")
    service.pin_thread(roles.moderator, old)
    db.session.commit()
    page = client_as(None).get("/discussions/platforms").get_data(as_text=True)
    assert (
        page.index("Old but pinned thread") < page.index("Busy thread here") < page.index("Quiet thread here")
    )


def test_the_latest_view_spans_categories(client_as, roles, cats):
    start_thread(roles.member, cats["platforms"], title="First on platforms")
    start_thread(roles.member, cats["measurement"], title="Then on measurement")
    page = client_as(None).get("/discussions/latest").get_data(as_text=True)
    assert page.index("Then on measurement") < page.index("First on platforms")


def test_following_and_unfollowing_a_thread(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    client = client_as(roles.other_member)
    assert "Follow this thread" in client.get(thread_path(thread)).get_data(as_text=True)
    client.post(f"/discussions/threads/{thread.id}/follow")
    assert "Stop following" in client.get(thread_path(thread)).get_data(as_text=True)
    client.post(f"/discussions/threads/{thread.id}/unfollow")
    assert "Follow this thread" in client.get(thread_path(thread)).get_data(as_text=True)


def test_posting_follows_the_thread_but_not_after_an_explicit_unfollow(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread)
    assert service.is_following(roles.other_member, thread=thread)
    service.unfollow_thread(roles.other_member, thread)
    reply(roles.other_member, thread, "again")
    assert not service.is_following(roles.other_member, thread=thread)


def test_a_read_marker_about_a_thread_deleted_meanwhile_does_not_lose_the_others(client_as, roles, cats):
    gone = start_thread(roles.member, cats["platforms"], title="Thread removed before the markers are written")
    kept = start_thread(roles.member, cats["platforms"], title="Thread that stays")
    reader = client_as(roles.other_member)
    reader.get(thread_path(gone))
    reader.get(thread_path(kept))
    db.session.delete(gone)
    db.session.commit()

    telemetry.flush()

    assert "status-unread" not in reader.get("/discussions/platforms").get_data(as_text=True)
