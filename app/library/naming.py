"""Slugs and tags for new and renamed resources: the same rules for one resource or ten thousand."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from ..extensions import db
from ..slugs import unique_slugs
from .models import Resource, ResourceSlug, Tag
from .validation import RESERVED_SLUGS, SLUG_MAX

TAG_SLUG_MAX = 50


def resource_slugs(titles: Sequence[str], *, resource_id: int | None = None) -> list[str]:
    """A slug per title that no other resource uses now or used before (old slugs keep redirecting),
    nor a page of the library, nor another title of the batch."""
    other = resource_id or 0
    return unique_slugs(
        titles,
        select(Resource.slug).where(Resource.id != other),
        select(ResourceSlug.slug).where(ResourceSlug.resource_id != other),
        max_length=SLUG_MAX,
        fallback="resource",
        reserved=RESERVED_SLUGS,
    )


def resource_slug(title: str, *, resource_id: int | None = None) -> str:
    return resource_slugs([title], resource_id=resource_id)[0]


def remember_slug(resource: Resource, slug: str) -> None:
    """Keep an old slug pointing at ``resource`` (it redirects there)."""
    existing = db.session.execute(select(ResourceSlug).where(ResourceSlug.slug == slug)).scalar_one_or_none()
    if existing is None:
        db.session.add(ResourceSlug(resource_id=resource.id, slug=slug))
    else:
        existing.resource_id = resource.id


def shared_tags(names: Sequence[str]) -> dict[str, Tag]:
    """Tag rows by normalised name, adding the missing ones to the session (not yet flushed)."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    tags = {tag.name: tag for tag in db.session.execute(select(Tag).where(Tag.name.in_(wanted))).scalars()}
    missing = [name for name in wanted if name not in tags]
    slugs = unique_slugs(missing, select(Tag.slug), max_length=TAG_SLUG_MAX, fallback="tag")
    for name, slug in zip(missing, slugs, strict=True):
        tags[name] = Tag(name=name, slug=slug)
        db.session.add(tags[name])
    return tags


def tags_named(names: Sequence[str]) -> list[Tag]:
    """The tags for ``names``, in that order, created where missing."""
    tags = shared_tags(names)
    return [tags[name] for name in names]
