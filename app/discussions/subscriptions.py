"""Following threads and categories, read markers, and telling followers about new posts."""

from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from .. import telemetry
from ..accounts.models import User
from ..content import excerpt
from ..db_types import utcnow
from ..extensions import db
from ..notifications.service import notify
from ..permissions import can, is_signed_in, require
from .models import Category, Post, Subscription, Thread, ThreadRead

# A quote links to the quoted post as /discussions/posts/<id>; so may a member by hand.
POST_LINK = re.compile(r"/discussions/posts/(\d{1,12})\b")
MAX_QUOTED = 10


def post_path(post_id: int) -> str:
    return f"/discussions/posts/{post_id}"


# --- Following ----------------------------------------------------------------------------


def _subscription(
    user: User, *, thread: Thread | None = None, category: Category | None = None
) -> Subscription | None:
    query = select(Subscription).where(Subscription.user_id == user.id)
    if thread is not None:
        query = query.where(Subscription.thread_id == thread.id)
    elif category is not None:
        query = query.where(Subscription.category_id == category.id)
    return db.session.execute(query).scalar_one_or_none()


def is_following(user: User, *, thread: Thread | None = None, category: Category | None = None) -> bool:
    if not is_signed_in(user):
        return False
    found = _subscription(user, thread=thread, category=category)
    return found is not None and not found.muted


def follow_thread(actor: User, thread: Thread) -> Subscription:
    require(actor, "thread.view", thread, hide=True)
    require(actor, "thread.follow", thread)
    return _follow(actor, thread=thread)


def unfollow_thread(actor: User, thread: Thread) -> None:
    require(actor, "thread.view", thread, hide=True)
    require(actor, "thread.follow", thread)
    _follow(actor, thread=thread).muted = True
    db.session.flush()


def follow_category(actor: User, category: Category) -> Subscription:
    require(actor, "category.view", category, hide=True)
    require(actor, "category.follow", category)
    return _follow(actor, category=category)


def unfollow_category(actor: User, category: Category) -> None:
    require(actor, "category.view", category, hide=True)
    require(actor, "category.follow", category)
    _follow(actor, category=category).muted = True
    db.session.flush()


def _follow(user: User, *, thread: Thread | None = None, category: Category | None = None) -> Subscription:
    found = _subscription(user, thread=thread, category=category)
    if found is None:
        found = Subscription(
            user_id=user.id,
            thread_id=thread.id if thread is not None else None,
            category_id=category.id if category is not None else None,
        )
        db.session.add(found)
    found.muted = False
    db.session.flush()
    return found


def follow_after_posting(user: User, thread: Thread) -> None:
    """Posting follows the thread, unless the member unfollowed it before."""
    if _subscription(user, thread=thread) is None:
        db.session.add(Subscription(user_id=user.id, thread_id=thread.id))
        db.session.flush()


# --- Read markers -------------------------------------------------------------------------


def mark_thread_read(user: User, thread: Thread, up_to_post_id: int) -> None:
    """Remember the newest post a member has seen in a thread (never moves backwards).

    Written later, outside the page's transaction (``app/telemetry.py``)."""
    if not is_signed_in(user) or not up_to_post_id:
        return
    user_id, thread_id = user.id, thread.id
    telemetry.record(lambda: write_read_marker(user_id, thread_id, up_to_post_id))


def write_read_marker(user_id: int, thread_id: int, up_to_post_id: int) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ThreadRead).values(
        user_id=user_id, thread_id=thread_id, last_read_post_id=up_to_post_id, read_at=utcnow()
    )
    statement = statement.on_conflict_do_update(
        index_elements=[ThreadRead.user_id, ThreadRead.thread_id],
        set_={"last_read_post_id": up_to_post_id, "read_at": utcnow()},
        where=ThreadRead.last_read_post_id < up_to_post_id,
    )
    db.session.execute(statement)


# --- Telling people -----------------------------------------------------------------------


def _quoted_posts(post: Post) -> list[Post]:
    ids = []
    for match in POST_LINK.finditer(post.body_source):
        number = int(match.group(1))
        if number != post.id and number not in ids:
            ids.append(number)
    if not ids:
        return []
    found = db.session.execute(select(Post).where(Post.id.in_(ids[:MAX_QUOTED]))).scalars()
    return [quoted for quoted in found if quoted.author_id is not None]


def announce_post(post: Post, *, new_thread: bool = False) -> int:
    """Notify followers of the thread or its category, and the people replied to or quoted.

    Each person hears about a post once, by the most personal reason; the author never hears
    about their own post, and nobody hears about a post they may not read. Returns how many
    notifications were created.
    """
    thread = post.thread
    author = post.author
    personal: dict[int, str] = {}
    if post.reply_to is not None and post.reply_to.author_id is not None:
        personal[post.reply_to.author_id] = "reply_to_you"
    for quoted in _quoted_posts(post):
        if author is not None and quoted.author_id is not None and can(author, "post.read", quoted):
            personal[quoted.author_id] = "quoted"
    subscriptions = db.session.execute(
        select(Subscription.user_id, Subscription.muted, Subscription.thread_id).where(
            or_(Subscription.thread_id == thread.id, Subscription.category_id == thread.category_id)
        )
    ).all()
    muted = {row.user_id for row in subscriptions if row.muted and row.thread_id is not None}
    followers = {row.user_id for row in subscriptions if not row.muted} - muted
    recipient_ids = (set(personal) | followers) - {post.author_id}
    if not recipient_ids:
        return 0
    users = db.session.execute(
        select(User)
        .where(User.id.in_(recipient_ids))
        .options(selectinload(User.memberships))
        .order_by(User.id)
    ).scalars()
    name = author.name if author is not None else "Someone"
    sent = 0
    for user in users:
        if not user.is_active or not can(user, "post.read", post):
            continue
        kind = personal.get(user.id) or ("new_thread" if new_thread else "reply")
        subject = {
            "quoted": f"{name} quoted you in “{thread.title}”",
            "reply_to_you": f"{name} replied to you in “{thread.title}”",
            "new_thread": f"New thread in {thread.category.name}: “{thread.title}”",
            "reply": f"{name} replied in “{thread.title}”",
        }[kind]
        notify(user, f"discussion.{kind}", subject, excerpt(post.body_source, 280), post_path(post.id))
        sent += 1
    return sent
