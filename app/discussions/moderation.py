"""Moderator actions on threads and posts, each audited (``audit.record``) in the same transaction.

The moderation queue calls these. Every function:

- checks that ``actor`` may see the item (``NotFound`` otherwise) and moderate it
  (``PermissionDenied``), except the automatic hide after enough flags (``automatic=True``);
- changes state, refreshes the thread and category counters and writes the search outbox rows;
- writes one audit event (``thread.pin``, ``thread.lock``, ``thread.move``, ``thread.hide``,
  ``thread.restore``, ``post.hide``, ``post.restore``, ``post.approve``, ``post.reject`` …);
- tells the author, in the app and by e-mail per their setting, when their item is hidden,
  restored, approved or rejected (the queue need not notify them again);
- flushes; the caller commits.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..audit import record
from ..db_types import utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..notifications.service import notify
from ..permissions import require
from ..privacy import require_clear, screen
from ..text import one_line
from . import counters
from .indexing import index_post, index_thread
from .models import Category, Post, PostStatus, Thread
from .subscriptions import announce_post, post_path

REASON_MAX = 1000


def _reason(reason: str | None, *, required: bool) -> str:
    reason = one_line(reason)
    if required and not reason:
        raise ValidationError(
            fields={"reason": ["Give a reason: the author and other moderators will see it."]}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(fields={"reason": [f"Keep the reason under {REASON_MAX} characters."]})
    return reason


def _moderate_thread(actor: User | None, thread: Thread) -> None:
    require(actor, "thread.view", thread, hide=True)
    require(actor, "thread.moderate", thread)


def _moderate_post(actor: User | None, post: Post) -> None:
    require(actor, "post.view", post, hide=True)
    require(actor, "post.moderate", post)


def _tell_author(item: Thread | Post, kind: str, subject: str, body: str = "") -> None:
    author = item.author
    if author is not None:
        url = post_path(item.id) if isinstance(item, Post) else f"/discussions/threads/{item.id}"
        notify(author, kind, subject, body, url)


# --- Pin and lock -------------------------------------------------------------------------


def pin_thread(actor: User, thread: Thread) -> Thread:
    """Keep the thread at the top of its category."""
    return _set_pinned(actor, thread, True)


def unpin_thread(actor: User, thread: Thread) -> Thread:
    return _set_pinned(actor, thread, False)


def _set_pinned(actor: User, thread: Thread, pinned: bool) -> Thread:
    _moderate_thread(actor, thread)
    if thread.pinned != pinned:
        thread.pinned = pinned
        record(actor, "thread.pin" if pinned else "thread.unpin", "thread", thread.id, label=thread.title)
    db.session.flush()
    return thread


def lock_thread(actor: User, thread: Thread, reason: str) -> Thread:
    """No more replies; ``reason`` is shown to readers as a notice where the reply form was."""
    _moderate_thread(actor, thread)
    reason = _reason(reason, required=True)
    require_clear(screen(reason=reason), reviewable=False)  # readers see it where the reply form was
    thread.locked = True
    thread.lock_reason = reason
    record(actor, "thread.lock", "thread", thread.id, label=thread.title, reason=reason)
    db.session.flush()
    return thread


def unlock_thread(actor: User, thread: Thread, reason: str = "") -> Thread:
    _moderate_thread(actor, thread)
    reason = _reason(reason, required=False)
    if thread.locked:
        thread.locked = False
        thread.lock_reason = ""
        record(actor, "thread.unlock", "thread", thread.id, label=thread.title, reason=reason)
    db.session.flush()
    return thread


# --- Move ---------------------------------------------------------------------------------


def move_thread(actor: User, thread: Thread, category: Category, reason: str = "") -> Thread:
    """Move to another category; counters of both categories and the search rows follow.

    :raise ValidationError: same category, or a members-only resource's thread into a public one.
    """
    _moderate_thread(actor, thread)
    require(actor, "category.view", category, hide=True)
    reason = _reason(reason, required=False)
    old = thread.category
    if old.id == category.id:
        raise ValidationError(fields={"category_id": ["The thread is already in that category."]})
    resource = thread.resource
    if resource is not None and resource.visibility != "public" and category.is_public:
        raise ValidationError(
            fields={
                "category_id": [
                    "This thread discusses a members-only resource: keep it in a members-only category."
                ]
            }
        )
    thread.category_id = category.id
    thread.category = category
    record(
        actor,
        "thread.move",
        "thread",
        thread.id,
        label=thread.title,
        reason=reason,
        before={"category": old.slug},
        after={"category": category.slug},
    )
    counters.refresh(thread, old, category)
    index_thread(thread, with_posts=True)
    return thread


# --- Hide and restore ---------------------------------------------------------------------


def hide_thread(actor: User | None, thread: Thread, reason: str, *, automatic: bool = False) -> Thread:
    """Hide a whole thread from everyone but its author and moderators, with a reason they see.

    ``automatic=True`` is the flag threshold acting (``actor`` may be the last flagger or
    None): no permission check, and the thread is marked as hidden pending review.
    """
    if not automatic:
        _moderate_thread(actor, thread)
    reason = _reason(reason, required=not automatic)
    if thread.hidden_at is not None:
        return thread
    thread.hidden_at = utcnow()
    thread.hidden_reason = reason
    thread.hidden_by_id = None if automatic or actor is None else actor.id
    thread.hidden_automatically = automatic
    record(
        None if automatic else actor,  # the members' reports acted, not the last reporter
        "thread.hide",
        "thread",
        thread.id,
        label=thread.title,
        reason=reason,
        after={"automatic": automatic},
    )
    counters.refresh(thread)
    index_thread(thread, with_posts=True)
    _tell_author(thread, "discussion.thread_hidden", f"Your thread “{thread.title}” was hidden", reason)
    return thread


def restore_thread(actor: User, thread: Thread, reason: str = "") -> Thread:
    """Show a hidden thread again (also ends an automatic hide after review)."""
    _moderate_thread(actor, thread)
    reason = _reason(reason, required=False)
    if thread.hidden_at is None:
        return thread
    before = {"hidden_reason": thread.hidden_reason, "automatic": thread.hidden_automatically}
    thread.hidden_at = None
    thread.hidden_reason = ""
    thread.hidden_by_id = None
    thread.hidden_automatically = False
    record(actor, "thread.restore", "thread", thread.id, label=thread.title, reason=reason, before=before)
    counters.refresh(thread)
    index_thread(thread, with_posts=True)
    _tell_author(
        thread, "discussion.thread_restored", f"Your thread “{thread.title}” is visible again", reason
    )
    return thread


def hide_post(actor: User | None, post: Post, reason: str, *, automatic: bool = False) -> Post:
    """Hide one post: readers see that it was hidden; its author and moderators see it and why.

    ``automatic=True`` is the flag threshold acting (no permission check; ``actor`` may be None).
    """
    if not automatic:
        _moderate_post(actor, post)
    reason = _reason(reason, required=not automatic)
    if post.hidden_at is not None:
        return post
    post.hidden_at = utcnow()
    post.hidden_reason = reason
    post.hidden_by_id = None if automatic or actor is None else actor.id
    post.hidden_automatically = automatic
    record(
        None if automatic else actor,  # the members' reports acted, not the last reporter
        "post.hide",
        "post",
        post.id,
        label=post.thread.title,
        reason=reason,
        after={"automatic": automatic},
    )
    counters.refresh(post.thread)
    index_post(post)
    index_thread(post.thread)
    _tell_author(post, "discussion.post_hidden", f"Your post in “{post.thread.title}” was hidden", reason)
    return post


def restore_post(actor: User, post: Post, reason: str = "") -> Post:
    _moderate_post(actor, post)
    reason = _reason(reason, required=False)
    if post.hidden_at is None:
        return post
    before = {"hidden_reason": post.hidden_reason, "automatic": post.hidden_automatically}
    post.hidden_at = None
    post.hidden_reason = ""
    post.hidden_by_id = None
    post.hidden_automatically = False
    record(actor, "post.restore", "post", post.id, label=post.thread.title, reason=reason, before=before)
    counters.refresh(post.thread)
    index_post(post)
    index_thread(post.thread)
    _tell_author(
        post, "discussion.post_restored", f"Your post in “{post.thread.title}” is visible again", reason
    )
    return post


# --- Held posts ---------------------------------------------------------------------------


def list_held_posts(actor: User, *, limit: int | None = None) -> list[Post]:
    """Posts waiting for review (privacy guard or new-member rule), oldest first.

    Each has ``held_reason`` ("privacy" or "new_member") and, for privacy, ``held_findings``
    (``[{"field", "kind", "label", "reason", "passage"}]``). Thread, category, author and
    organisation are loaded.
    """
    require(actor, "moderation.access")
    query = (
        select(Post)
        .where(Post.status == PostStatus.HELD.value, Post.deleted_at.is_(None))
        .order_by(Post.created_at, Post.id)
        .options(
            joinedload(Post.thread).joinedload(Thread.category),
            joinedload(Post.author),
            joinedload(Post.organisation),
        )
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.execute(query).scalars())


def count_held_posts() -> int:
    """Posts waiting for review (for the moderators' count in the navigation)."""
    return db.session.execute(
        select(func.count(Post.id)).where(Post.status == PostStatus.HELD.value, Post.deleted_at.is_(None))
    ).scalar_one()


def approve_held_post(actor: User, post: Post) -> Post:
    """Publish a held post (and its thread, when it is the opening post); followers hear of it now.

    :raise Conflict: the post is not held.
    """
    _moderate_post(actor, post)
    if not post.is_held:
        raise Conflict("That post is not waiting for review.")
    thread = post.thread
    post.status = PostStatus.PUBLISHED.value
    post.review_note = ""
    if post.is_first:
        thread.status = PostStatus.PUBLISHED.value
    record(
        actor, "post.approve", "post", post.id, label=thread.title, before={"held_reason": post.held_reason}
    )
    counters.refresh(thread)
    index_post(post)
    index_thread(thread, with_posts=post.is_first)
    _tell_author(
        post, "discussion.post_approved", f"Your post in “{thread.title}” was approved and is now visible"
    )
    announce_post(post, new_thread=post.is_first)
    return post


def reject_held_post(actor: User, post: Post, reason: str) -> Post:
    """Decline a held post: it stays visible to its author (with ``reason``) and moderators only.

    :raise Conflict: the post is not held. :raise ValidationError: no reason.
    """
    _moderate_post(actor, post)
    reason = _reason(reason, required=True)
    if not post.is_held:
        raise Conflict("That post is not waiting for review.")
    thread = post.thread
    post.status = PostStatus.REJECTED.value
    post.review_note = reason
    if post.is_first:
        thread.status = PostStatus.REJECTED.value
    record(
        actor,
        "post.reject",
        "post",
        post.id,
        label=thread.title,
        reason=reason,
        before={"held_reason": post.held_reason},
    )
    counters.refresh(thread)
    index_post(post)
    index_thread(thread, with_posts=post.is_first)
    _tell_author(post, "discussion.post_rejected", f"Your post in “{thread.title}” was not approved", reason)
    return post
