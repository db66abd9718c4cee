"""The discussions read rules of ``app.permissions`` as SQL, for lists; and what search may show.

Keep these in step with the ``category.view``, ``thread.view`` and ``post.view`` rules.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from ..permissions import is_member, is_moderator, is_signed_in
from .models import Category, CategoryVisibility, Post, PostStatus, Thread


def reads_members_only(user: Any) -> bool:
    return is_member(user) or is_moderator(user)


def category_clause(user: Any) -> ColumnElement[bool]:
    """Categories ``user`` may read (visitors and outsiders: public ones only)."""
    if reads_members_only(user):
        return true()
    return Category.visibility == CategoryVisibility.PUBLIC.value


def listed_thread() -> ColumnElement[bool]:
    return and_(Thread.status == PostStatus.PUBLISHED.value, Thread.hidden_at.is_(None))


def thread_clause(user: Any) -> ColumnElement[bool]:
    """Threads ``user`` sees in lists; the query must join ``Category``."""
    if is_moderator(user):
        return category_clause(user)
    own = Thread.author_id == user.id if is_signed_in(user) else false()
    return and_(category_clause(user), or_(listed_thread(), own))


def listed_post() -> ColumnElement[bool]:
    return and_(
        Post.status == PostStatus.PUBLISHED.value, Post.hidden_at.is_(None), Post.deleted_at.is_(None)
    )


def post_clause(user: Any) -> ColumnElement[bool]:
    """Posts whose place ``user`` sees in a thread they may read (held posts: author and moderators)."""
    if is_moderator(user):
        return true()
    if is_signed_in(user):
        return or_(Post.status == PostStatus.PUBLISHED.value, Post.author_id == user.id)
    return Post.status == PostStatus.PUBLISHED.value


def thread_search_visibility(thread: Thread) -> str | None:
    """For the search index: "public", "members", or None when the thread must not be indexed."""
    if not thread.is_listed:
        return None
    return thread.category.visibility


def post_search_visibility(post: Post) -> str | None:
    if not post.is_listed:
        return None
    return thread_search_visibility(post.thread)
