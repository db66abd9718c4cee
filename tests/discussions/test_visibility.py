"""docs/SECURITY.md 18-19: visitors read public categories and never see members-only ones — pages,
counts, the latest view, feeds and search rows; held, hidden and deleted items likewise."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.discussions import service
from app.discussions.models import Post
from app.extensions import db
from app.search.models import SearchOutbox

from .helpers import reply, start_thread

SECRET = "Members only outbreak drill debrief"


@pytest.fixture
def threads(roles, cats):
    public = start_thread(roles.member, cats["platforms"], title="Open question about Threads app")
    private = start_thread(
        roles.member, cats["crisis-communication"], title=SECRET, body="Internal lessons from the drill."
    )
    reply(roles.other_member, private, "Our internal notes differ.")
    return public, private


@pytest.mark.parametrize("who", ["visitor", "outsider"])
def test_outsiders_never_see_members_only_categories_anywhere(who, client_as, roles, threads):
    client = client_as(None if who == "visitor" else roles.outsider)
    public, private = threads
    index = client.get("/discussions").get_data(as_text=True)
    assert "Crisis communication" not in index and SECRET not in index
    assert "Platforms" in index and "Open question about Threads app" in index
    assert SECRET not in client.get("/discussions/latest").get_data(as_text=True)
    assert SECRET not in client.get("/discussions/latest.atom").get_data(as_text=True)
    assert "Open question about Threads app" in client.get("/discussions/latest.atom").get_data(as_text=True)
    assert client.get("/discussions/crisis-communication").status_code == 404
    assert client.get("/discussions/crisis-communication/feed.atom").status_code == 404
    assert client.get(f"/discussions/crisis-communication/{private.id}-{private.slug}").status_code == 404
    first = db.session.execute(
        select(Post).where(Post.thread_id == private.id, Post.position == 1)
    ).scalar_one()
    assert client.get(f"/discussions/posts/{first.id}").status_code == 404
    assert client.get(f"/discussions/threads/{private.id}/reply?quote={first.id}").status_code in (302, 404)


def test_members_see_members_only_categories_with_their_counts(client_as, roles, threads):
    index = client_as(roles.other_member).get("/discussions").get_data(as_text=True)
    row = index.split('href="/discussions/crisis-communication"')[1].split("</tr>")[0]
    assert "Members only" in row and SECRET in row
    assert '<td class="num">1</td>' in row and '<td class="num">2</td>' in row


def test_feeds_are_read_as_a_visitor_even_by_members(client_as, roles, threads):
    feed = client_as(roles.member).get("/discussions/latest.atom")
    assert feed.mimetype == "application/atom+xml"
    assert SECRET not in feed.get_data(as_text=True)


def test_search_rows_say_whether_a_thread_is_public_members_only_or_out(roles, threads):
    public, private = threads
    assert service.thread_search_visibility(public) == "public"
    assert service.thread_search_visibility(private) == "members"
    service.hide_thread(roles.moderator, private, "Duplicate")
    db.session.commit()
    assert service.thread_search_visibility(private) is None
    last = (
        db.session.execute(
            select(SearchOutbox)
            .where(SearchOutbox.doc_type == "thread", SearchOutbox.doc_id == private.id)
            .order_by(SearchOutbox.id.desc())
        )
        .scalars()
        .first()
    )
    assert last.op == "delete"


def test_a_hidden_thread_is_gone_for_readers_and_explained_to_its_author(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"], title="A thread to be hidden")
    service.hide_thread(roles.moderator, thread, "Off-topic self-promotion")
    db.session.commit()
    path = f"/discussions/platforms/{thread.id}-{thread.slug}"
    assert client_as(None).get(path).status_code == 404
    assert client_as(roles.other_member).get(path).status_code == 404
    assert "A thread to be hidden" not in client_as(None).get("/discussions/platforms").get_data(as_text=True)
    own = client_as(roles.member).get(path).get_data(as_text=True)
    assert "Off-topic self-promotion" in own
    assert "Off-topic self-promotion" in client_as(roles.moderator).get(path).get_data(as_text=True)
    db.session.refresh(cats["platforms"])
    assert cats["platforms"].thread_count == 0


def test_a_hidden_post_keeps_its_place_and_shows_its_reason_to_author_and_moderators(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    post = reply(roles.other_member, thread, "Buy my followers package!")
    service.hide_post(roles.moderator, post, "Advertising")
    db.session.commit()
    path = f"/discussions/platforms/{thread.id}-{thread.slug}"
    readers = client_as(None).get(path).get_data(as_text=True)
    assert "This post was hidden by a moderator." in readers
    assert "Buy my followers package!" not in readers and "Advertising" not in readers
    author = client_as(roles.other_member).get(path).get_data(as_text=True)
    assert "Buy my followers package!" in author and "Advertising" in author
    assert "Advertising" in client_as(roles.moderator).get(path).get_data(as_text=True)


def test_held_posts_are_seen_only_by_their_author_and_moderators(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    service.reply_to_thread(
        roles.other_member, thread, "Patient DOB 03/14/1962 posted by mistake", send_for_review=True
    )
    db.session.commit()
    path = f"/discussions/platforms/{thread.id}-{thread.slug}"
    assert "DOB 03/14/1962" not in client_as(None).get(path).get_data(as_text=True)
    assert "DOB 03/14/1962" not in client_as(roles.member).get(path).get_data(as_text=True)
    own = client_as(roles.other_member).get(path).get_data(as_text=True)
    assert "DOB 03/14/1962" in own and "Waiting for a moderator" in own
    assert "DOB 03/14/1962" in client_as(roles.moderator).get(path).get_data(as_text=True)
    db.session.refresh(thread)
    assert thread.post_count == 1


def test_a_held_first_post_holds_the_whole_thread(client_as, roles, cats):
    thread = service.create_thread(
        roles.member,
        cats["platforms"],
        "Help with a patient story",
        "MRN 12345678 asked us",
        send_for_review=True,
    )
    db.session.commit()
    path = f"/discussions/platforms/{thread.id}-{thread.slug}"
    assert thread.is_held
    assert client_as(None).get(path).status_code == 404
    assert client_as(roles.other_member).get(path).status_code == 404
    assert "waits for a moderator" in client_as(roles.member).get(path).get_data(as_text=True)
    assert "Help with a patient story" in client_as(roles.member).get("/discussions/platforms").get_data(
        as_text=True
    )
    assert "Help with a patient story" not in client_as(roles.other_member).get(
        "/discussions/latest"
    ).get_data(as_text=True)


def test_a_category_made_members_only_disappears_for_visitors_at_once(client_as, roles, cats):
    thread = start_thread(roles.member, cats["platforms"], title="Soon private thread")
    c = cats["platforms"]
    service.update_category(
        roles.admin,
        c,
        c.name,
        slug=c.slug,
        description=c.description,
        position=c.position,
        visibility="members",
    )
    db.session.commit()
    assert client_as(None).get(f"/discussions/platforms/{thread.id}-{thread.slug}").status_code == 404
    assert "Soon private thread" not in client_as(None).get("/discussions/latest").get_data(as_text=True)
    assert service.thread_search_visibility(thread) == "members"


def test_the_home_page_shows_latest_public_discussions_only_to_visitors(client_as, roles, threads):
    home = client_as(None).get("/").get_data(as_text=True)
    assert "Latest discussions" in home and "Open question about Threads app" in home
    assert SECRET not in home
    assert SECRET in client_as(roles.member).get("/").get_data(as_text=True)


def test_odd_category_addresses_answer_404(client):
    for path in (
        "/discussions/%00",
        "/discussions/" + "x" * 500,
        "/discussions/%00/feed.atom",
        "/discussions/%00/1-x",
    ):
        assert client.get(path).status_code == 404, path


def test_ids_beyond_the_database_range_answer_404(client_as, roles):
    client = client_as(roles.moderator)
    for path in (
        "/discussions/posts/99999999999999999999",
        "/discussions/threads/2147483648",
        "/notifications/9999999999/read",
    ):
        response = client.post(path) if path.startswith("/notifications") else client.get(path)
        assert response.status_code == 404, path
