"""Builders for library tests: resources made through the services, as users would make them."""

from __future__ import annotations

import itertools
from typing import Any

from app.extensions import db
from app.library import service
from app.library.models import Topic

_counter = itertools.count(1)


def make_topic(name: str, group: str = "subject") -> Topic:
    from app.text import slugify

    topic = Topic(name=name, slug=slugify(name), group=group)
    db.session.add(topic)
    db.session.flush()
    return topic


def make_resource(
    author: Any,
    org: Any = None,
    *,
    title: str | None = None,
    status: str = "published",
    visibility: str = "public",
    body: str = "How our team handled it, step by step.",
    topics: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    kind: str = "guide",
    publisher: Any = None,
    **fields: Any,
):
    """A resource in ``status``, created through the services.

    ``publisher`` publishes or approves it (default: a fresh moderator-free path: the org's admin
    rights are not assumed, so pass a moderator or org admin for published items).
    """
    org = org or author.memberships[0].organisation
    data = service.ResourceInput(
        title=title or f"Resource number {next(_counter)}",
        summary=fields.pop("summary", "A short summary."),
        body=body,
        kind=kind,
        visibility=visibility,
        topics=list(topics),
        tags=list(tags),
        external_url=fields.pop("external_url", ""),
    )
    resource = service.create_resource(author, org, data, action="draft")
    if status == "draft":
        return resource
    if status in ("pending", "returned"):
        service.submit_resource(author, resource)
        if status == "returned":
            service.return_resource(publisher, resource, "Please add sources.")
        return resource
    assert publisher is not None, "pass publisher= (a moderator) for published resources"
    service.submit_resource(author, resource)
    service.approve_resource(publisher, resource)
    if status == "archived":
        service.archive_resource(publisher, resource)
    if status == "hidden":
        service.hide_resource(publisher, resource, "Under review")
    db.session.flush()
    return resource
