"""Creating many resources at once, for the importer and ``flask seed scale``.

``creation.create_resource`` runs about sixteen SQL statements per resource, which is right for
a web form and too slow for ten thousand lines. ``insert_resources`` writes a whole batch in a
handful of statements and leaves the same rows behind, because it shares the creation path's
parts rather than copying them:

- each item is a ``validation.CleanResource`` (``validation.validate``, as the form's input is);
  privacy-flagged text stays out of bulk writes (the importer sends those lines through
  ``create_resource``, which holds them for review);
- the permission rules: ``resource.create`` for each organisation, and ``resource.publish``
  before anything is published (otherwise it waits for review);
- slugs and tags from ``naming``; revision 1 holds ``CleanResource.snapshot()``, the same dict
  ``revisions.snapshot`` gives; the body HTML from ``content.render_markdown``;
- every published resource gets its ``SearchOutbox`` row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from ..actors import Actor
from ..content import render_markdown
from ..db_types import utcnow
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import can, require
from ..search import outbox
from .models import Resource, ResourceRevision, ResourceStatus, resource_tags, resource_topics
from .naming import resource_slugs, shared_tags
from .validation import CleanResource

PUBLISHED = ResourceStatus.PUBLISHED
PENDING = ResourceStatus.PENDING
ARCHIVED = ResourceStatus.ARCHIVED


@dataclass
class NewResource:
    organisation: Organisation
    fields: CleanResource
    status: str = PUBLISHED  # draft, pending, published or archived
    published_at: datetime | None = None
    external_id: str | None = None
    author_id: int | None = None
    note: str = "Created"
    created_at: datetime | None = None
    view_count: int = 0
    body_html: str | None = None  # rendered here when None (the scale seed renders its blocks once)


def insert_resources(actor: Actor, items: Sequence[NewResource], *, enqueue: bool = True) -> list[int]:
    """Create ``items`` (validated, not privacy-flagged) in one go; returns their ids.

    ``enqueue=False`` skips the search outbox rows (``flask seed scale --no-outbox``, followed by
    ``flask search reindex``); every other caller keeps the outbox in step.

    ``actor`` must be allowed to create for each organisation; items asking to be published or
    archived are submitted for review instead when ``actor`` may not publish directly, exactly
    as ``create_resource(action="publish")`` does.

    :raise PermissionDenied: ``actor`` may not create for one of the organisations.
    """
    if not items:
        return []
    for organisation in {item.organisation.id: item.organisation for item in items}.values():
        require(actor, "resource.create", organisation)
    slugs = resource_slugs([item.fields.title for item in items])
    tags = shared_tags([name for item in items for name in item.fields.tags])
    db.session.flush()
    now = utcnow()
    may_publish: dict[tuple[int, int | None], bool] = {}
    rows = []
    for item, slug in zip(items, slugs, strict=True):
        key = (item.organisation.id, item.author_id)
        if key not in may_publish:
            probe = Resource(organisation=item.organisation, author_id=item.author_id, privacy_flagged=False)
            may_publish[key] = can(actor, "resource.publish", probe)
        rows.append(_row(item, slug, now, may_publish[key]))
    ids = list(
        db.session.execute(insert(Resource).returning(Resource.id, sort_by_parameter_order=True), rows).scalars()
    )
    pairs = list(zip(ids, items, strict=True))
    topic_rows = [{"resource_id": rid, "topic_id": topic.id} for rid, item in pairs for topic in item.fields.topics]
    tag_rows = [{"resource_id": rid, "tag_id": tags[name].id} for rid, item in pairs for name in item.fields.tags]
    if topic_rows:
        db.session.execute(insert(resource_topics), topic_rows)
    if tag_rows:
        db.session.execute(insert(resource_tags), tag_rows)
    db.session.execute(
        insert(ResourceRevision),
        [
            {
                "resource_id": rid,
                "number": 1,
                "editor_id": item.author_id,
                "note": item.note,
                "created_at": row["created_at"],
                **item.fields.snapshot(),
            }
            for (rid, item), row in zip(pairs, rows, strict=True)
        ],
    )
    for rid, row in zip(ids, rows, strict=True):
        if enqueue and row["status"] == PUBLISHED:
            outbox.enqueue("resource", rid, outbox.OutboxOp.UPSERT)
    db.session.flush()
    return ids


def _row(item: NewResource, slug: str, now: datetime, may_publish: bool) -> dict[str, Any]:
    """The column values ``create_resource`` would leave for this item (every row has every key)."""
    fields = item.fields
    status = item.status
    if status in (PUBLISHED, ARCHIVED) and not may_publish:
        status = PENDING
    created = item.created_at or now
    published = (item.published_at or now) if status in (PUBLISHED, ARCHIVED) else None
    return {
        "organisation_id": item.organisation.id,
        "author_id": item.author_id,
        "slug": slug,
        "external_id": item.external_id,
        "title": fields.title,
        "summary": fields.summary,
        "body_source": fields.body,
        "body_html": item.body_html if item.body_html is not None else render_markdown(fields.body),
        "kind": fields.kind,
        "visibility": fields.visibility,
        "external_url": fields.external_url,
        "status": str(status),
        "submitted_at": created if status == PENDING else None,
        "published_at": published,
        "archived_at": now if status == ARCHIVED else None,
        "created_at": created,
        "updated_at": created,
        "view_count": item.view_count,
        "helpful_count": 0,
    }
