"""Who reads discussions (docs/SECURITY.md 18-19), each rule written once with its SQL filter beside it.

The predicates answer for one category, thread or post (``permissions`` calls them for the
``category.view``, ``thread.view`` and ``post.view`` rules); the clauses filter lists and counts.
``tests/test_visibility_rules.py`` checks that the two agree.

- Categories: public ones everyone; members-only ones members of approved organisations and
  moderators.
- Threads in a readable category: listed ones (published, not hidden) every reader; others their
  author and moderators.
- Posts in a readable thread: published ones every reader; held or rejected ones their author and
  moderators. Whether a hidden or deleted post's *text* shows is ``post.read``.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, true

from ..actors import Actor
from ..roles import is_moderator, is_signed_in, reads_members_content, wrote
from .models import Category, CategoryVisibility, Post, PostStatus, Thread

reads_members_only = reads_members_content


def may_read_category(user: Actor, category: Category) -> bool:
    return category.visibility == CategoryVisibility.PUBLIC or reads_members_content(user)


def category_clause(user: Actor) -> ColumnElement[bool]:
    """``may_read_category`` as SQL (visitors and outsiders: public categories only)."""
    if reads_members_content(user):
        return true()
    return Category.visibility == CategoryVisibility.PUBLIC


def may_view_thread(user: Actor, thread: Thread) -> bool:
    if not may_read_category(user, thread.category):
        return False
    return is_moderator(user) or thread.is_listed or wrote(user, thread.author_id)


def listed_thread() -> ColumnElement[bool]:
    return and_(Thread.status == PostStatus.PUBLISHED, Thread.hidden_at.is_(None))


def thread_clause(user: Actor) -> ColumnElement[bool]:
    """``may_view_thread`` as SQL; the query must join ``Category``."""
    if is_moderator(user):
        return category_clause(user)
    own = Thread.author_id == user.id if is_signed_in(user) and user.id is not None else false()
    return and_(category_clause(user), or_(listed_thread(), own))


def may_view_post(user: Actor, post: Post) -> bool:
    """The post's place in a thread ``user`` may read."""
    if not may_view_thread(user, post.thread):
        return False
    return post.status == PostStatus.PUBLISHED or is_moderator(user) or wrote(user, post.author_id)


def listed_post() -> ColumnElement[bool]:
    return and_(Post.status == PostStatus.PUBLISHED, Post.hidden_at.is_(None), Post.deleted_at.is_(None))


def post_clause(user: Actor) -> ColumnElement[bool]:
    """``may_view_post`` as SQL, for posts of a thread ``user`` may read."""
    if is_moderator(user):
        return true()
    if is_signed_in(user) and user.id is not None:
        return or_(Post.status == PostStatus.PUBLISHED, Post.author_id == user.id)
    return Post.status == PostStatus.PUBLISHED


def thread_search_visibility(thread: Thread) -> str | None:
    """For the search index: "public", "members", or None when the thread must not be indexed."""
    if not thread.is_listed:
        return None
    return thread.category.visibility


def post_search_visibility(post: Post) -> str | None:
    if not post.is_listed:
        return None
    return thread_search_visibility(post.thread)
