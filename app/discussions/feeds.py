"""Discussion feeds: the latest public threads, each with its opening post, as ``app.feeds`` entries.

Feeds are read as a visitor would (public categories only), whoever asks.
"""

from __future__ import annotations

from ..feeds import FeedEntry, build_feed, tag_uri
from ..mail import absolute_url
from .models import Category, Post, Thread
from .queries import public_latest_threads

FEED_LENGTH = 30


def thread_feed(site_name: str, category: Category | None) -> bytes:
    """The feed of ``category`` (None: every public category)."""
    entries = [_entry(thread, first) for thread, first in public_latest_threads(FEED_LENGTH, category)]
    if category is None:
        title, self_url = f"{site_name}: latest public discussions", absolute_url("discussions.latest_feed")
        alternate = absolute_url("discussions.latest")
    else:
        title = f"{site_name}: {category.name}"
        self_url = absolute_url("discussions.category_feed", category_slug=category.slug)
        alternate = absolute_url("discussions.category", category_slug=category.slug)
    return build_feed(title, self_url, alternate, entries)


def _entry(thread: Thread, first: Post | None) -> FeedEntry:
    return FeedEntry(
        id=tag_uri("thread", thread.id, thread.created_at),
        title=thread.title,
        url=absolute_url(
            "discussions.thread", category_slug=thread.category.slug, thread_id=thread.id, thread_slug=thread.slug
        ),
        published=thread.created_at,
        updated=thread.last_activity_at,
        author=thread.author.name if thread.author else "A former member",
        categories=[(thread.category.slug, thread.category.name)],
        html=first.body_html if first is not None and first.is_listed else "",
    )
