"""Reading discussions: listings, one thread's page of posts, and where a post lives.

Every function takes the acting user and shows only what ``app.permissions`` lets them see;
a private item raises ``NotFound`` exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..content import plain_text
from ..extensions import db
from ..library.models import Resource
from ..permissions import can, is_signed_in, require, require_visible
from ..templating import Page
from .models import Category, Post, Thread, ThreadRead
from .subscriptions import is_following, mark_thread_read
from .visibility import category_clause, post_clause, thread_clause

THREADS_PER_PAGE = 30


def posts_per_page() -> int:
    return int(current_app.config.get("DISCUSSIONS_POSTS_PER_PAGE", 20))


# --- Categories ---------------------------------------------------------------------------


def visible_categories(actor: Any) -> list[Category]:
    """Categories ``actor`` may read, in their order, with the latest post and its thread loaded."""
    query = (
        select(Category)
        .where(category_clause(actor))
        .order_by(Category.position, Category.name)
        .options(
            joinedload(Category.last_post).joinedload(Post.thread),
            joinedload(Category.last_post).joinedload(Post.author).lazyload(User.memberships),
        )
    )
    return list(db.session.execute(query).unique().scalars())


def get_category(actor: Any, slug: str) -> Category:
    category = None
    if slug and len(slug) <= 80 and "\x00" not in slug:
        category = db.session.execute(select(Category).where(Category.slug == slug)).scalar_one_or_none()
    return require_visible(actor, "category.view", category)


def get_category_by_id(actor: Any, category_id: int | None) -> Category:
    category = db.session.get(Category, category_id) if category_id else None
    return require_visible(actor, "category.view", category)


def postable_categories(actor: Any, resource: Any = None) -> list[Category]:
    """Where ``actor`` may start a thread (about a members-only resource: members-only categories)."""
    categories = [c for c in visible_categories(actor) if can(actor, "category.post", c)]
    if resource is not None and resource.visibility != "public":
        categories = [c for c in categories if not c.is_public]
    return categories


# --- Thread lists -------------------------------------------------------------------------


@dataclass(frozen=True)
class ThreadRow:
    thread: Thread
    unread: bool


def _thread_rows(actor: Any, query, page: int, per_page: int = THREADS_PER_PAGE) -> Page:
    total = db.session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    query = query.options(
        joinedload(Thread.category),
        joinedload(Thread.author).lazyload(User.memberships),
        joinedload(Thread.organisation),
        joinedload(Thread.last_post).joinedload(Post.author).lazyload(User.memberships),
    )
    if is_signed_in(actor):
        query = query.outerjoin(
            ThreadRead, and_(ThreadRead.thread_id == Thread.id, ThreadRead.user_id == actor.id)
        ).add_columns(ThreadRead.last_read_post_id)
        rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).unique().all()
        items = [
            ThreadRow(thread, thread.last_post_id is not None and (read is None or thread.last_post_id > read))
            for thread, read in rows
        ]
    else:
        threads = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).unique().scalars()
        items = [ThreadRow(thread, False) for thread in threads]
    return Page(items=items, total=total, page=page, per_page=per_page)


def category_threads(actor: Any, category: Category, page: int = 1) -> Page:
    """Pinned first, then by latest activity; the actor's own held or hidden threads included."""
    query = (
        select(Thread)
        .join(Category, Category.id == Thread.category_id)
        .where(Thread.category_id == category.id, thread_clause(actor))
        .order_by(Thread.pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc())
    )
    return _thread_rows(actor, query, page)


def latest_threads(actor: Any, page: int = 1, per_page: int = THREADS_PER_PAGE) -> Page:
    """Across every category ``actor`` may read, by latest activity."""
    query = (
        select(Thread)
        .join(Category, Category.id == Thread.category_id)
        .where(thread_clause(actor))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )
    return _thread_rows(actor, query, page, per_page)


def organisation_threads(actor: Any, org_ids: list[int], per_page: int = 5) -> Page:
    """Threads started by people of these organisations that ``actor`` may see, by latest activity."""
    query = (
        select(Thread)
        .join(Category, Category.id == Thread.category_id)
        .where(Thread.organisation_id.in_(org_ids), thread_clause(actor))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )
    return _thread_rows(actor, query, 1, per_page)
@dataclass(frozen=True)
class CategoryName:
    slug: str
    name: str


@dataclass(frozen=True)
class ThreadLine:
    """What a short list of threads shows: one row of columns, no loaded objects."""

    id: int
    slug: str
    title: str
    post_count: int
    last_activity_at: Any
    category: CategoryName

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)


def latest_thread_lines(actor: Any, limit: int = 5) -> list[ThreadLine]:
    """``latest_threads`` as plain rows, without the count or the authors (the home page)."""
    query = (
        select(
            Thread.id,
            Thread.slug,
            Thread.title,
            Thread.post_count,
            Thread.last_activity_at,
            Category.slug,
            Category.name,
        )
        .join(Category, Category.id == Thread.category_id)
        .where(thread_clause(actor))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return [ThreadLine(*row[:5], category=CategoryName(row[5], row[6])) for row in db.session.execute(query)]


def public_latest_threads(limit: int = 30, category: Category | None = None) -> list[tuple[Thread, Post | None]]:
    """Threads with their opening post, for Atom feeds (always read as a visitor would)."""
    query = (
        select(Thread)
        .join(Category, Category.id == Thread.category_id)
        .where(thread_clause(None))
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
        .options(joinedload(Thread.category), joinedload(Thread.author).lazyload(User.memberships))
    )
    if category is not None:
        query = query.where(Thread.category_id == category.id)
    threads = list(db.session.execute(query).unique().scalars())
    first_posts = {
        post.thread_id: post
        for post in db.session.execute(
            select(Post).where(Post.thread_id.in_([t.id for t in threads]), Post.position == 1)
        ).scalars()
    }
    return [(thread, first_posts.get(thread.id)) for thread in threads]


def threads_for_resource(actor: Any, resource: Any) -> list[Thread]:
    """Threads about ``resource`` that ``actor`` may see, latest activity first (for its page)."""
    query = (
        select(Thread)
        .join(Category, Category.id == Thread.category_id)
        .where(Thread.resource_id == resource.id, thread_clause(actor))
        .order_by(Thread.last_activity_at.desc())
        .options(
            joinedload(Thread.category), joinedload(Thread.last_post).joinedload(Post.author).lazyload(User.memberships)
        )
    )
    return list(db.session.execute(query).unique().scalars())


# --- One thread ---------------------------------------------------------------------------


def get_thread(actor: Any, thread_id: int) -> Thread:
    thread = db.session.execute(
        select(Thread).where(Thread.id == thread_id).options(joinedload(Thread.category))
    ).scalar_one_or_none()
    return require_visible(actor, "thread.view", thread)


def get_post(actor: Any, post_id: int) -> Post:
    post = db.session.execute(
        select(Post).where(Post.id == post_id).options(joinedload(Post.thread).joinedload(Thread.category))
    ).scalar_one_or_none()
    return require_visible(actor, "post.view", post)


@dataclass(frozen=True)
class PostView:
    """One post as ``actor`` sees it: whether its text shows, and what they may do with it."""

    post: Post
    show_body: bool
    can_edit: bool
    can_delete: bool
    can_quote: bool
    can_moderate: bool
    can_view_history: bool


@dataclass
class ThreadPage:
    thread: Thread
    page: Page  # items are PostView
    following: bool
    can_reply: bool
    can_moderate: bool
    can_follow: bool
    resource: Any = None


def _post_view(actor: Any, post: Post) -> PostView:
    return PostView(
        post=post,
        show_body=can(actor, "post.read", post),
        can_edit=can(actor, "post.edit", post),
        can_delete=can(actor, "post.delete", post),
        can_quote=can(actor, "post.quote", post),
        can_moderate=can(actor, "post.moderate", post),
        can_view_history=post.edit_count > 0 and can(actor, "post.view_history", post),
    )


def thread_page(actor: Any, thread: Thread, page: int = 1) -> ThreadPage:
    """One page of a thread. Positions are fixed, so page N always holds the same posts; posts
    ``actor`` may not see (others' held posts) leave a gap rather than shifting later posts.

    The statements run do not depend on how many posts the page shows: authors, their
    memberships and organisations are loaded in batches.
    """
    per_page = posts_per_page()
    visible = and_(Post.thread_id == thread.id, post_clause(actor))
    last_position = db.session.execute(select(func.max(Post.position)).where(visible)).scalar_one() or 0
    pages = max(1, -(-last_position // per_page))
    page = min(page, pages)
    start = (page - 1) * per_page
    posts = list(
        db.session.execute(
            select(Post)
            .where(visible, Post.position > start, Post.position <= start + per_page)
            .order_by(Post.position)
            .options(
                selectinload(Post.author).lazyload(User.memberships),
                joinedload(Post.organisation),
                joinedload(Post.reply_to).load_only(Post.id, Post.author_id, Post.position),
            )
        )
        .unique()
        .scalars()
    )
    _load_reply_authors(posts)
    views = [_post_view(actor, post) for post in posts]
    if posts:
        mark_thread_read(actor, thread, max(post.id for post in posts))
    resource = thread.resource if thread.resource_id is not None else None
    if resource is not None and not can(actor, "resource.view", resource):
        resource = None
    return ThreadPage(
        thread=thread,
        page=Page(items=views, total=last_position, page=page, per_page=per_page),
        following=is_following(actor, thread=thread),
        can_reply=can(actor, "thread.reply", thread),
        can_moderate=can(actor, "thread.moderate", thread),
        can_follow=can(actor, "thread.follow", thread),
        resource=resource,
    )


def _load_reply_authors(posts: list[Post]) -> None:
    """Names for "in reply to …" in one statement, whatever the number of replies."""

    ids = {p.reply_to.author_id for p in posts if p.reply_to is not None and p.reply_to.author_id}
    if ids:
        db.session.execute(select(User).where(User.id.in_(ids))).scalars().all()


def locate_post(actor: Any, post_id: int) -> tuple[Post, int]:
    """The post and the page of its thread that shows it."""
    post = get_post(actor, post_id)
    return post, (post.position - 1) // posts_per_page() + 1


def quote_source(actor: Any, post: Post) -> str:
    """Markdown that quotes ``post`` and links back to it, to start a reply with."""
    require(actor, "post.quote", post)
    name = post.author.name if post.author is not None else "A former member"
    name = "".join("\\" + ch if ch in "\\`*_[]<>#!|" else ch for ch in name)
    quoted = "\n".join("> " + line if line else ">" for line in post.body_source.splitlines())
    return f"[{name} wrote](/discussions/posts/{post.id}#post-{post.id}):\n\n{quoted}\n\n"


def get_resource_for_discussion(actor: Any, resource_id: int) -> Any:
    """The library resource a new thread will discuss. :raise NotFound: missing or not visible."""

    resource = db.session.get(Resource, resource_id)
    return require_visible(actor, "resource.view", resource)


def opening_text_for_visitors(thread: Thread) -> str:
    """The opening post's plain text when a visitor may read it (for a shared link's preview), else ""."""
    opening = db.session.scalars(select(Post).where(Post.thread_id == thread.id, Post.position == 1)).first()
    if opening is None or not can(None, "post.read", opening):
        return ""
    return plain_text(opening.body_source)
