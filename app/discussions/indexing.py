"""Outbox rows for the search index, written in the caller's transaction.

The op says whether the item belongs in the index now: "upsert" when every reader of its
category may see it, "delete" when it is held, hidden, deleted or rejected.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..search import outbox
from .models import Post, Thread
from .visibility import post_search_visibility, thread_search_visibility


def index_thread(thread: Thread, *, with_posts: bool = False) -> None:
    outbox.enqueue("thread", thread.id, "upsert" if thread_search_visibility(thread) else "delete")
    if with_posts:
        for post in db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalars():
            index_post(post)


def index_post(post: Post) -> None:
    outbox.enqueue("post", post.id, "upsert" if post_search_visibility(post) else "delete")
