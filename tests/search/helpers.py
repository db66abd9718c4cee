"""Builders for search tests: content made through the domain services, then synced."""

from __future__ import annotations

import itertools
from typing import Any

from flask_login import AnonymousUserMixin

from app.extensions import db
from app.library import service as library
from app.library.models import Resource, Topic
from app.search import indexer, service
from app.text import slugify

_counter = itertools.count(1)
VISITOR = AnonymousUserMixin()


def make_topic(name: str) -> Topic:
    topic = Topic(name=name, slug=slugify(name))
    db.session.add(topic)
    db.session.flush()
    return topic


def publish(
    author: Any,
    *,
    title: str | None = None,
    summary: str = "",
    body: str = "Written up by our team.",
    kind: str = "guide",
    visibility: str = "public",
    topics: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    org: Any = None,
    published_at: Any = None,
    commit: bool = True,
) -> Resource:
    """A resource published by ``author`` (an organisation admin publishes without review)."""
    org = org or author.memberships[0].organisation
    data = library.ResourceInput(
        title=title or f"Resource number {next(_counter)}",
        summary=summary,
        body=body,
        kind=kind,
        visibility=visibility,
        topics=list(topics),
        tags=list(tags),
    )
    resource = library.create_resource(author, org, data, action="publish", published_at=published_at)
    assert resource.is_published, resource.status
    if commit:
        db.session.commit()
    return resource


def sync() -> indexer.SyncReport:
    report = indexer.sync(lock_timeout=10)
    assert not report.busy and not report.failed, report
    return report


def search(text: str, actor: Any = VISITOR, **filters: Any) -> service.SearchResults:
    page = filters.pop("page", 1)
    sort = filters.pop("sort", "relevance")
    return service.search(actor, text, filters, page=page, sort=sort, record=False)


def titles(results: service.SearchResults) -> list[str]:
    return [hit.title for hit in results.hits]
