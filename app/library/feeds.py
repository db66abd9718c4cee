"""The library's Atom feeds: published public resources as ``app.feeds`` entries.

Entries carry the plain-text summary only: no user HTML reaches a feed reader from the library.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content import excerpt
from ..feeds import CONTENT_TYPE, FeedEntry, build_feed, tag_uri
from ..mail import absolute_url
from .models import Resource

__all__ = ["CONTENT_TYPE", "resource_feed"]


def resource_feed(title: str, self_endpoint: str, self_values: dict[str, str], resources: Sequence[Resource]) -> bytes:
    """An Atom document for ``resources`` (already filtered to what a visitor may see)."""
    entries = [
        FeedEntry(
            id=tag_uri("resource", resource.id, resource.created_at),
            title=resource.title,
            url=absolute_url("library.detail", slug=resource.slug),
            published=resource.published_at,
            updated=resource.updated_at or resource.published_at,
            author=resource.organisation.name,
            categories=[(topic.slug, topic.name) for topic in resource.topics],
            summary=resource.summary or excerpt(resource.body_source, 400),
        )
        for resource in resources
    ]
    return build_feed(title, absolute_url(self_endpoint, **self_values), absolute_url("library.index"), entries)
