"""Keeping the denormalised counters on threads and categories true after every change.

Only what every reader of the category may see is counted: published, not hidden, not deleted.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from .models import Category, Post, Thread
from .visibility import listed_post, listed_thread


def refresh_thread(thread: Thread) -> None:
    db.session.flush()
    count = db.session.execute(
        select(func.count(Post.id)).where(Post.thread_id == thread.id, listed_post())
    ).scalar_one()
    last = db.session.execute(
        select(Post.id, Post.created_at)
        .where(Post.thread_id == thread.id, listed_post())
        .order_by(Post.position.desc())
        .limit(1)
    ).first()
    thread.post_count = count
    thread.last_post_id = last.id if last else None
    thread.last_activity_at = last.created_at if last else thread.created_at


def refresh_category(category: Category) -> None:
    db.session.flush()
    in_category = (Thread.category_id == category.id, listed_thread())
    totals = db.session.execute(
        select(func.count(Thread.id), func.coalesce(func.sum(Thread.post_count), 0)).where(*in_category)
    ).one()
    last = db.session.execute(
        select(Thread.last_post_id, Thread.last_activity_at)
        .where(*in_category, Thread.last_post_id.is_not(None))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(1)
    ).first()
    category.thread_count = totals[0]
    category.post_count = int(totals[1])
    category.last_post_id = last.last_post_id if last else None
    category.last_activity_at = last.last_activity_at if last else None


def refresh(thread: Thread, *categories: Category) -> None:
    refresh_thread(thread)
    for category in {thread.category, *categories}:
        refresh_category(category)


def next_position(thread: Thread) -> int:
    """Hand out the next post position atomically (a row lock on PostgreSQL serialises replies)."""
    db.session.flush()
    table = cast(Table, Thread.__table__)
    position = db.session.execute(
        update(table)
        .where(table.c.id == thread.id)
        .values(last_position=table.c.last_position + 1)
        .returning(table.c.last_position)
    ).scalar_one()
    set_committed_value(thread, "last_position", position)
    return position
