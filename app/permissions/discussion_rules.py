"""Permission rules: discussions."""

from __future__ import annotations

from typing import Any

from ..discussions import visibility as discussion_visibility
from ..discussions.models import PostStatus
from ..roles import (
    is_admin,
    is_moderator,
    is_verified,
    reads_members_content,
    wrote,
)
from .registry import rule

# --- Discussions (issue: discussions) ---------------------------------------------------
# Public categories: everyone reads, members post. Members-only categories: members of approved
# organisations (and moderators) only; everyone else gets 404 as if they did not exist. A held,
# rejected or hidden thread or post is seen by its author and moderators; a hidden or deleted
# post still shows its place ("removed") to the thread's readers. ``app.discussions.visibility``
# is the same rule as SQL for lists.


def _takes_part(user: Any) -> bool:
    return reads_members_content(user)


def _wrote(user: Any, item: Any) -> bool:
    return wrote(user, item.author_id)


def _reads_category(user: Any, category: Any) -> bool:
    return category is not None and discussion_visibility.may_read_category(user, category)


@rule("category.view")
def _view_category(user: Any, category: Any) -> bool:
    return _reads_category(user, category)


@rule("category.post")
def _post_in_category(user: Any, category: Any) -> bool:
    """Start a thread in ``category``; ``None`` asks whether the user may start threads at all."""
    return _takes_part(user) and (category is None or _reads_category(user, category))


@rule("category.follow")
def _follow_category(user: Any, category: Any) -> bool:
    return is_verified(user) and _reads_category(user, category)


@rule("category.manage")
def _manage_categories(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("thread.view")
def _view_thread(user: Any, thread: Any) -> bool:
    return thread is not None and discussion_visibility.may_view_thread(user, thread)


@rule("thread.reply")
def _reply_to_thread(user: Any, thread: Any) -> bool:
    if not (_takes_part(user) and _view_thread(user, thread)):
        return False
    if not thread.is_listed:
        return False
    return not thread.locked or is_moderator(user)


@rule("thread.follow")
def _follow_thread(user: Any, thread: Any) -> bool:
    return is_verified(user) and _view_thread(user, thread)


@rule("topic.follow")
def _follow_topic(user: Any, topic: Any) -> bool:
    """Topics are public: any verified account may hear of what is published under one it may read."""
    return is_verified(user) and topic is not None


@rule("org.follow")
def _follow_org(user: Any, org: Any) -> bool:
    return is_verified(user) and org is not None and org.is_approved


@rule("thread.moderate")
def _moderate_thread(user: Any, thread: Any) -> bool:
    """Pin, lock, move, hide and restore."""
    return is_moderator(user) and _view_thread(user, thread)


@rule("post.view")
def _view_post(user: Any, post: Any) -> bool:
    """The post's place in the thread; whether its text shows is ``post.read``."""
    return post is not None and discussion_visibility.may_view_post(user, post)


@rule("post.read")
def _read_post(user: Any, post: Any) -> bool:
    if not _view_post(user, post):
        return False
    if is_moderator(user):
        return True
    if post.deleted_at is not None:
        return False
    return post.hidden_at is None or _wrote(user, post)


@rule("post.edit")
def _edit_post(user: Any, post: Any) -> bool:
    if not (_wrote(user, post) and _takes_part(user) and _view_post(user, post)):
        return False
    if post.deleted_at is not None or post.status == PostStatus.REJECTED:
        return False
    return not post.thread.locked or is_moderator(user)


@rule("post.delete")
def _delete_post(user: Any, post: Any) -> bool:
    """Authors remove their own words whatever their membership; moderators any post."""
    if post.deleted_at is not None or not _view_post(user, post):
        return False
    return _wrote(user, post) or is_moderator(user)


@rule("post.view_history")
def _view_post_history(user: Any, post: Any) -> bool:
    return _view_post(user, post) and (is_moderator(user) or _wrote(user, post))


@rule("post.quote")
def _quote_post(user: Any, post: Any) -> bool:
    return post.is_listed and _reply_to_thread(user, post.thread)


@rule("post.moderate")
def _moderate_post(user: Any, post: Any) -> bool:
    """Hide, restore, approve or reject a held post."""
    return is_moderator(user) and _view_post(user, post)
