"""Creating many resources at once, for the importer and ``flask seed scale``.

``service.create_resource`` runs about sixteen SQL statements per resource, which is right for
a web form and too slow for ten thousand lines. ``insert_resources`` writes a whole batch in a
handful of statements and leaves the same rows behind as the service would:

- the caller validates each item with the service's own rules first (``prepare`` wraps the web
  form's validation, ``service._validate``) and keeps privacy-flagged text out of bulk writes
  (``service.privacy_findings``; the importer sends those lines through ``create_resource``);
- the permission rules are the service's: ``resource.create`` for each organisation, and
  ``resource.publish`` before anything is published (otherwise it waits for review);
- the body HTML comes from ``content.render_markdown``; slugs are unique against current and old
  slugs and each other; tags are normalised and shared; revision 1 holds the same snapshot;
- every published resource gets its ``SearchOutbox`` row in the same transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, or_, select

from ..content import render_markdown, slugify
from ..db_types import utcnow
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import can, require
from ..search import outbox
from . import service
from .models import (
    Resource,
    ResourceRevision,
    ResourceSlug,
    ResourceStatus,
    Tag,
    Topic,
    resource_tags,
    resource_topics,
)

PUBLISHED = ResourceStatus.PUBLISHED.value
PENDING = ResourceStatus.PENDING.value
DRAFT = ResourceStatus.DRAFT.value
ARCHIVED = ResourceStatus.ARCHIVED.value


@dataclass
class Prepared:
    """A resource's validated fields (what the web form would save), with its sanitized body."""

    title: str
    summary: str
    body: str
    kind: str
    visibility: str
    topics: list[Topic]
    tags: list[str]  # normalised tag names
    external_url: str = ""
    body_html: str | None = None  # rendered by insert_resources when None

    def snapshot(self) -> dict:
        """The same dict as ``service._snapshot`` gives for a resource holding these fields."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body_source": self.body,
            "kind": self.kind,
            "visibility": self.visibility,
            "external_url": self.external_url,
            "topics": sorted(topic.slug for topic in self.topics),
            "tags": sorted(self.tags),
        }


def prepare(data: service.ResourceInput) -> Prepared:
    """Validate ``data`` exactly as the web form is validated.

    :raise ValidationError: the same messages the form shows, by field.
    """
    clean = service._validate(data)
    return Prepared(
        title=clean.title,
        summary=clean.summary,
        body=clean.body,
        kind=clean.kind,
        visibility=clean.visibility,
        topics=list(clean.topics),
        tags=list(clean.tags),
        external_url=clean.external_url,
    )


def snapshot(resource: Resource) -> dict:
    return service._snapshot(resource)


@dataclass
class NewResource:
    organisation: Organisation
    fields: Prepared
    status: str = PUBLISHED  # draft, pending, published or archived
    published_at: datetime | None = None
    external_id: str | None = None
    author_id: int | None = None
    note: str = "Created"
    created_at: datetime | None = None
    view_count: int = 0


def allocate_slugs(titles: Sequence[str]) -> list[str]:
    """A unique slug per title: not used by any resource now or before, nor by each other."""
    bases = [slugify(title, max_length=service.SLUG_MAX, fallback="resource") for title in titles]
    distinct = set(bases)
    taken = set(service.RESERVED_SLUGS)
    if distinct:
        taken |= set(db.session.execute(select(Resource.slug).where(Resource.slug.in_(distinct))).scalars())
        taken |= set(
            db.session.execute(select(ResourceSlug.slug).where(ResourceSlug.slug.in_(distinct))).scalars()
        )
    counts = Counter(bases)
    crowded = sorted(base for base in distinct if base in taken or counts[base] > 1)
    for start in range(0, len(crowded), 200):
        chunk = crowded[start : start + 200]
        for column in (Resource.slug, ResourceSlug.slug):
            taken |= set(
                db.session.execute(
                    select(column).where(or_(*(column.like(f"{base}-%") for base in chunk)))
                ).scalars()
            )
    slugs: list[str] = []
    for base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs.append(slug)
    return slugs


def shared_tags(names: Sequence[str]) -> dict[str, Tag]:
    """Tag rows by name, creating the missing ones (slugs unique as the service makes them)."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    tags = {tag.name: tag for tag in db.session.execute(select(Tag).where(Tag.name.in_(wanted))).scalars()}
    missing = [name for name in wanted if name not in tags]
    if missing:
        bases = {name: slugify(name, max_length=50, fallback="tag") for name in missing}
        taken = set(
            db.session.execute(
                select(Tag.slug).where(or_(*(Tag.slug.like(f"{base}%") for base in set(bases.values()))))
            ).scalars()
        )
        for name in missing:
            slug, n = bases[name], 1
            while slug in taken:
                n += 1
                slug = f"{bases[name]}-{n}"
            taken.add(slug)
            tags[name] = Tag(name=name, slug=slug)
            db.session.add(tags[name])
    return tags


def insert_resources(actor: object, items: Sequence[NewResource], *, enqueue: bool = True) -> list[int]:
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
    slugs = allocate_slugs([item.fields.title for item in items])
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
        db.session.execute(
            insert(Resource).returning(Resource.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    topic_rows = [
        {"resource_id": rid, "topic_id": topic.id}
        for rid, item in zip(ids, items, strict=True)
        for topic in item.fields.topics
    ]
    tag_rows = [
        {"resource_id": rid, "tag_id": tags[name].id}
        for rid, item in zip(ids, items, strict=True)
        for name in item.fields.tags
    ]
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
            for rid, item, row in zip(ids, items, rows, strict=True)
        ],
    )
    for rid, row in zip(ids, rows, strict=True):
        if enqueue and row["status"] == PUBLISHED:
            outbox.enqueue("resource", rid, "upsert")
    db.session.flush()
    return ids


def _row(item: NewResource, slug: str, now: datetime, may_publish: bool) -> dict:
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
        "body_html": fields.body_html if fields.body_html is not None else render_markdown(fields.body),
        "kind": fields.kind,
        "visibility": fields.visibility,
        "external_url": fields.external_url,
        "status": status,
        "submitted_at": created if status == PENDING else None,
        "published_at": published,
        "archived_at": now if status == ARCHIVED else None,
        "created_at": created,
        "updated_at": created,
        "view_count": item.view_count,
        "helpful_count": 0,
    }
