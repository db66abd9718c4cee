"""Every edit of a resource kept as a numbered revision, and reading them back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..actors import Actor, signed_in_id
from ..errors import NotFound
from ..extensions import db
from ..permissions import require
from ..text import one_line
from .models import Resource, ResourceRevision
from .validation import NOTE_MAX


def snapshot(resource: Resource) -> dict[str, Any]:
    """The fields a revision keeps, as they are now (compare two to see whether anything changed)."""
    return {
        "title": resource.title,
        "summary": resource.summary,
        "body_source": resource.body_source,
        "kind": resource.kind,
        "visibility": resource.visibility,
        "external_url": resource.external_url,
        "topics": sorted(t.slug for t in resource.topics),
        "tags": sorted(t.name for t in resource.tags),
    }


def add_revision(actor: Actor, resource: Resource, note: str) -> ResourceRevision:
    number = (
        db.session.execute(
            select(func.max(ResourceRevision.number)).where(ResourceRevision.resource_id == resource.id)
        ).scalar_one_or_none()
        or 0
    ) + 1
    revision = ResourceRevision(
        resource_id=resource.id,
        number=number,
        editor_id=signed_in_id(actor),
        note=one_line(note)[:NOTE_MAX],
        **snapshot(resource),
    )
    db.session.add(revision)
    return revision


def list_revisions(actor: User, resource: Resource) -> list[ResourceRevision]:
    """Newest first, with editors loaded. :raise NotFound: not the organisation's or a moderator."""
    require(actor, "resource.view_history", resource, hide=True)
    query = (
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource.id)
        .options(selectinload(ResourceRevision.editor))
        .order_by(ResourceRevision.number.desc())
    )
    return list(db.session.execute(query).scalars())


def get_revision(actor: User, resource: Resource, number: int) -> ResourceRevision:
    require(actor, "resource.view_history", resource, hide=True)
    revision = db.session.execute(
        select(ResourceRevision).where(ResourceRevision.resource_id == resource.id, ResourceRevision.number == number)
    ).scalar_one_or_none()
    if revision is None:
        raise NotFound()
    return revision


def count_revisions(resource: Resource) -> int:
    return db.session.execute(
        select(func.count(ResourceRevision.id)).where(ResourceRevision.resource_id == resource.id)
    ).scalar_one()
