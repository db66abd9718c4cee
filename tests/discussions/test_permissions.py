"""docs/SECURITY.md 15, 16, 19 for discussions: every route that takes an id, for every kind of actor.

Visitor, outsider (signed in, no organisation), member (the author), a member of another
organisation, and a moderator. "ok" is a page or a redirect to the result; "login" a redirect to
sign in; 403 a refusal; 404 an item that, for this actor, does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.routing import IntegerConverter

from app.discussions import service
from app.extensions import db
from app.notifications.service import notify

from .helpers import start_thread

ACTORS = ("visitor", "outsider", "member", "other_member", "moderator")
OK, LOGIN = "ok", "login"


def expect(visitor: Any, outsider: Any, member: Any, other_member: Any, moderator: Any) -> dict[str, Any]:
    return dict(zip(ACTORS, (visitor, outsider, member, other_member, moderator), strict=True))


@dataclass
class World:
    pub: Any  # a thread in a public category, by the member
    priv: Any  # a thread in a members-only category, by the member
    pub_post: Any  # the member's reply in pub
    priv_post: Any  # the member's reply in priv
    held: Any  # the member's reply in pub, held by the privacy guard
    notification: Any  # one of the member's notifications
    target_category: Any


def build_world(roles: Any, cats: Any) -> World:
    pub = start_thread(roles.member, cats["platforms"], title="Public thread title")
    priv = start_thread(roles.member, cats["crisis-communication"], title="Members thread title")
    pub_post = service.reply_to_thread(roles.member, pub, "A public reply")
    priv_post = service.reply_to_thread(roles.member, priv, "A members reply")
    held = service.reply_to_thread(roles.member, pub, "Her MRN 12345678 was visible.", send_for_review=True)
    note = notify(roles.member, "discussion.reply", "Someone replied", url="/discussions")
    db.session.commit()
    assert held.is_held
    return World(pub, priv, pub_post, priv_post, held, note, cats["off-topic"])


@pytest.fixture
def world(roles, cats) -> World:
    return build_world(roles, cats)


def thread_path(thread: Any) -> str:
    return f"/discussions/{thread.category.slug}/{thread.id}-{thread.slug}"


STAFF = expect(LOGIN, 403, 403, 403, OK)
STAFF_PRIVATE = expect(LOGIN, 404, 403, 403, OK)
AUTHOR_ONLY = expect(LOGIN, 403, OK, 403, 403)
AUTHOR_OR_STAFF = expect(LOGIN, 403, OK, 403, OK)
MEMBERS_READ = expect(404, 404, OK, OK, OK)
MEMBERS_ACT = expect(LOGIN, 404, OK, OK, OK)

# (label, endpoint, method, url(world), form data, expected)
ROUTES = [
    (
        "public thread page",
        "discussions.thread",
        "GET",
        lambda w: thread_path(w.pub),
        None,
        expect(OK, OK, OK, OK, OK),
    ),
    ("members thread page", "discussions.thread", "GET", lambda w: thread_path(w.priv), None, MEMBERS_READ),
    (
        "members thread short link",
        "discussions.thread_short",
        "GET",
        lambda w: f"/discussions/threads/{w.priv.id}",
        None,
        MEMBERS_READ,
    ),
    (
        "members post link",
        "discussions.post",
        "GET",
        lambda w: f"/discussions/posts/{w.priv_post.id}",
        None,
        MEMBERS_READ,
    ),
    (
        "held post link",
        "discussions.post",
        "GET",
        lambda w: f"/discussions/posts/{w.held.id}",
        None,
        expect(404, 404, OK, 404, OK),
    ),
    (
        "reply form, members thread",
        "discussions.reply",
        "GET",
        lambda w: f"/discussions/threads/{w.priv.id}/reply",
        None,
        MEMBERS_ACT,
    ),
    (
        "reply, public thread",
        "discussions.reply",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/reply",
        {"body": "Me too"},
        expect(LOGIN, 403, OK, OK, OK),
    ),
    (
        "reply, members thread",
        "discussions.reply",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/reply",
        {"body": "Me too"},
        MEMBERS_ACT,
    ),
    (
        "quote a held post",
        "discussions.reply",
        "GET",
        lambda w: f"/discussions/threads/{w.pub.id}/reply?quote={w.held.id}",
        None,
        expect(LOGIN, 403, 403, 404, 403),
    ),
    (
        "edit form, public post",
        "discussions.edit_post",
        "GET",
        lambda w: f"/discussions/posts/{w.pub_post.id}/edit",
        None,
        AUTHOR_ONLY,
    ),
    (
        "edit, public post",
        "discussions.edit_post",
        "POST",
        lambda w: f"/discussions/posts/{w.pub_post.id}/edit",
        {"body": "Changed text"},
        AUTHOR_ONLY,
    ),
    (
        "edit, members post",
        "discussions.edit_post",
        "POST",
        lambda w: f"/discussions/posts/{w.priv_post.id}/edit",
        {"body": "Changed text"},
        expect(LOGIN, 404, OK, 403, 403),
    ),
    (
        "history, public post",
        "discussions.post_history",
        "GET",
        lambda w: f"/discussions/posts/{w.pub_post.id}/history",
        None,
        AUTHOR_OR_STAFF,
    ),
    (
        "history, members post",
        "discussions.post_history",
        "GET",
        lambda w: f"/discussions/posts/{w.priv_post.id}/history",
        None,
        expect(LOGIN, 404, OK, 403, OK),
    ),
    (
        "delete, public post",
        "discussions.delete_post",
        "POST",
        lambda w: f"/discussions/posts/{w.pub_post.id}/delete",
        None,
        AUTHOR_OR_STAFF,
    ),
    (
        "delete, members post",
        "discussions.delete_post",
        "POST",
        lambda w: f"/discussions/posts/{w.priv_post.id}/delete",
        None,
        expect(LOGIN, 404, OK, 403, OK),
    ),
    (
        "follow, public thread",
        "discussions.follow_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/follow",
        None,
        expect(LOGIN, OK, OK, OK, OK),
    ),
    (
        "follow, members thread",
        "discussions.follow_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/follow",
        None,
        MEMBERS_ACT,
    ),
    (
        "unfollow, members thread",
        "discussions.unfollow_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/unfollow",
        None,
        MEMBERS_ACT,
    ),
    (
        "members category page",
        "discussions.category",
        "GET",
        lambda w: "/discussions/crisis-communication",
        None,
        MEMBERS_READ,
    ),
    (
        "members category feed",
        "discussions.category_feed",
        "GET",
        lambda w: "/discussions/crisis-communication/feed.atom",
        None,
        expect(404, 404, 404, 404, 404),
    ),
    (
        "follow members category",
        "discussions.follow_category",
        "POST",
        lambda w: "/discussions/crisis-communication/follow",
        None,
        MEMBERS_ACT,
    ),
    (
        "unfollow members category",
        "discussions.unfollow_category",
        "POST",
        lambda w: "/discussions/crisis-communication/unfollow",
        None,
        MEMBERS_ACT,
    ),
    ("pin", "discussions.pin_thread", "POST", lambda w: f"/discussions/threads/{w.pub.id}/pin", None, STAFF),
    (
        "pin, members thread",
        "discussions.pin_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/pin",
        None,
        STAFF_PRIVATE,
    ),
    (
        "unpin",
        "discussions.unpin_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/unpin",
        None,
        STAFF,
    ),
    (
        "lock",
        "discussions.lock_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/lock",
        {"lock-reason": "Done"},
        STAFF,
    ),
    (
        "lock, members thread",
        "discussions.lock_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/lock",
        {"lock-reason": "Done"},
        STAFF_PRIVATE,
    ),
    (
        "unlock",
        "discussions.unlock_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/unlock",
        None,
        STAFF,
    ),
    (
        "move",
        "discussions.move_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/move",
        lambda w: {"category_id": w.target_category.id},
        STAFF,
    ),
    (
        "hide thread",
        "discussions.hide_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/hide",
        {"hide-reason": "Spam"},
        STAFF,
    ),
    (
        "hide thread, members",
        "discussions.hide_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.priv.id}/hide",
        {"hide-reason": "Spam"},
        STAFF_PRIVATE,
    ),
    (
        "restore thread",
        "discussions.restore_thread",
        "POST",
        lambda w: f"/discussions/threads/{w.pub.id}/restore",
        None,
        STAFF,
    ),
    (
        "hide post form",
        "discussions.hide_post",
        "GET",
        lambda w: f"/discussions/posts/{w.pub_post.id}/hide",
        None,
        STAFF,
    ),
    (
        "hide post",
        "discussions.hide_post",
        "POST",
        lambda w: f"/discussions/posts/{w.pub_post.id}/hide",
        {"reason": "Rude"},
        STAFF,
    ),
    (
        "hide post, members",
        "discussions.hide_post",
        "POST",
        lambda w: f"/discussions/posts/{w.priv_post.id}/hide",
        {"reason": "Rude"},
        STAFF_PRIVATE,
    ),
    (
        "restore post",
        "discussions.restore_post",
        "POST",
        lambda w: f"/discussions/posts/{w.pub_post.id}/restore",
        None,
        STAFF,
    ),
    (
        "approve held post",
        "discussions.approve_post",
        "POST",
        lambda w: f"/discussions/posts/{w.held.id}/approve",
        None,
        expect(LOGIN, 404, 403, 404, OK),
    ),
    (
        "reject held post form",
        "discussions.reject_post",
        "GET",
        lambda w: f"/discussions/posts/{w.held.id}/reject",
        None,
        expect(LOGIN, 404, 403, 404, OK),
    ),
    (
        "reject held post",
        "discussions.reject_post",
        "POST",
        lambda w: f"/discussions/posts/{w.held.id}/reject",
        {"reason": "Patient data"},
        expect(LOGIN, 404, 403, 404, OK),
    ),
    (
        "category admin",
        "admin.edit_category",
        "GET",
        lambda w: f"/admin/categories/{w.target_category.id}",
        None,
        expect(LOGIN, 403, 403, 403, 403),
    ),
    (
        "open a notification",
        "notifications.open_notification",
        "POST",
        lambda w: f"/notifications/{w.notification.id}/open",
        None,
        expect(LOGIN, 404, OK, 404, 404),
    ),
    (
        "mark a notification read",
        "notifications.mark_read",
        "POST",
        lambda w: f"/notifications/{w.notification.id}/read",
        None,
        expect(LOGIN, 404, OK, 404, 404),
    ),
]


def outcome(response) -> Any:
    if response.status_code in (301, 302, 303):
        return LOGIN if "/auth/login" in response.location else OK
    if response.status_code == 200:
        return OK
    return response.status_code


@pytest.mark.parametrize(
    ("label", "endpoint", "method", "url", "data", "expected"), ROUTES, ids=[r[0] for r in ROUTES]
)
def test_route_answers_each_actor_as_the_rules_say(
    label, endpoint, method, url, data, expected, roles, cats, client_as
):
    """Each actor meets a fresh set of threads, so one actor's change cannot colour the next answer."""
    answers = {}
    for actor in ACTORS:
        world = build_world(roles, cats)
        user = None if actor == "visitor" else getattr(roles, actor)
        form = data(world) if callable(data) else data
        answers[actor] = outcome(client_as(user).open(url(world), method=method, data=form))
    assert answers == expected


def test_the_matrix_covers_every_discussion_and_notification_route_with_an_id(app):
    with_ids = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("discussions", "notifications")
        and any(
            isinstance(rule._converters[name], IntegerConverter)
            for name in rule.arguments  # noqa: SLF001
        )
    }
    assert with_ids <= {route[1] for route in ROUTES}


def test_an_admin_edits_categories(client_as, roles, cats):
    assert client_as(roles.admin).get(f"/admin/categories/{cats['platforms'].id}").status_code == 200
    assert client_as(roles.admin).get("/admin/categories/99999").status_code == 404


def test_a_missing_thread_and_a_private_one_answer_alike(client_as, roles, world):
    outsider = client_as(roles.outsider)
    missing = outsider.get("/discussions/crisis-communication/99999-nothing")
    private = outsider.get(thread_path(world.priv))
    assert missing.status_code == private.status_code == 404
    assert missing.get_data(as_text=True).replace("99999-nothing", "").count("not exist") == private.get_data(
        as_text=True
    ).count("not exist")
