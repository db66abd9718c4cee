"""Moderators' actions on resources: the review queue's reads, hiding, featuring, retagging, merging.

Each is audited; the author is told when a person (not the flag threshold) hid their resource.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, selectinload

from .. import audit
from ..accounts.models import User
from ..actors import Actor, signed_in_id
from ..db_types import utcnow
from ..errors import Conflict
from ..extensions import db
from ..permissions import require
from ..text import text_block
from .effects import reindex, tell_author, unindex
from .models import Bookmark, CollectionItem, Resource, ResourceStatus
from .naming import tags_named
from .revisions import add_revision, snapshot
from .validation import REASON_MAX, validate_topics_and_tags

_AWAITING_REVIEW = (Resource.status == ResourceStatus.PENDING, Resource.hidden_at.is_(None))


def list_pending(actor: User) -> list[Resource]:
    """Moderator: resources waiting for review, oldest submission first, with author and organisation
    loaded. ``privacy_flagged`` and ``privacy_findings`` say when the privacy guard held one."""
    require(actor, "resource.review", None)
    query = (
        select(Resource)
        .where(*_AWAITING_REVIEW)
        .options(selectinload(Resource.organisation), selectinload(Resource.author), selectinload(Resource.topics))
        .order_by(Resource.submitted_at.asc().nulls_first(), Resource.id.asc())
    )
    return list(db.session.execute(query).scalars())


def count_pending() -> int:
    return db.session.execute(select(func.count(Resource.id)).where(*_AWAITING_REVIEW)).scalar_one()


def hide_resource(actor: Actor, resource: Resource, reason: str, *, automatic: bool = False) -> Resource:
    """Hide a resource until reviewed: only moderators and its author still see it.

    ``automatic=True`` is the flag threshold acting (``actor`` may then be None or the member
    whose flag tipped it; no permission check). Audited; the author is told unless automatic.
    Hiding an already hidden resource only updates the reason.
    """
    if not automatic:
        require(actor, "resource.hide", resource)
    reason = text_block(reason)[:REASON_MAX]
    was_listed = resource.is_listed
    resource.hidden_at = resource.hidden_at or utcnow()
    resource.hidden_reason = reason
    resource.featured = False
    if was_listed:
        reindex(resource)
    audit.record(
        None if automatic or not isinstance(actor, User) else actor,
        "resource.hide",
        "resource",
        resource.id,
        label=resource.title,
        reason=reason if not automatic else f"Hidden automatically: {reason}",
    )
    if not automatic and resource.author_id != signed_in_id(actor):
        tell_author(
            resource,
            "resource.hidden",
            f"Your resource “{resource.title}” was hidden",
            f"A moderator hid it with this reason:\n\n{reason}" if reason else "A moderator hid it.",
        )
    db.session.flush()
    return resource


def restore_resource(actor: User, resource: Resource) -> Resource:
    """Moderator: un-hide a resource (it is listed again if published). Audited."""
    require(actor, "resource.hide", resource)
    resource.hidden_at = None
    resource.hidden_reason = ""
    reindex(resource)
    audit.record(actor, "resource.restore", "resource", resource.id, label=resource.title)
    db.session.flush()
    return resource


def feature_resource(actor: User, resource: Resource, featured: bool) -> Resource:
    """Moderator: show (or stop showing) a published resource on the home page. Audited.

    :raise Conflict: featuring a resource that is not listed (unpublished, hidden or merged).
    """
    require(actor, "resource.feature", resource)
    if featured and not resource.is_listed:
        raise Conflict("Only published, visible resources can be featured.")
    if resource.featured != featured:
        resource.featured = featured
        action = "resource.feature" if featured else "resource.unfeature"
        audit.record(actor, action, "resource", resource.id, label=resource.title)
        if resource.is_listed:
            reindex(resource)
    db.session.flush()
    return resource


def set_resource_topics_tags(actor: User, resource: Resource, topics: Sequence[str], tags: Sequence[str]) -> Resource:
    """Moderator: replace a resource's topics (slugs or names) and tags. Kept as a revision; audited.

    :raise ValidationError: an unknown topic or too many tags.
    """
    require(actor, "resource.curate", resource)
    found, names = validate_topics_and_tags(topics, tags)
    before = snapshot(resource)
    resource.topics = found
    resource.tags = tags_named(names)
    after = snapshot(resource)
    if after == before:
        return resource
    db.session.flush()
    add_revision(actor, resource, "Topics and tags changed by a moderator")
    audit.record(
        actor,
        "resource.curate",
        "resource",
        resource.id,
        label=resource.title,
        before={"topics": before["topics"], "tags": before["tags"]},
        after={"topics": after["topics"], "tags": after["tags"]},
    )
    if resource.is_listed:
        reindex(resource)
    db.session.flush()
    return resource


def merge_resource(actor: User, duplicate: Resource, target: Resource) -> Resource:
    """Moderator: merge ``duplicate`` into ``target``. The duplicate leaves the library and search;
    its URLs (and old slugs) redirect to the target; bookmarks and collection entries move over.
    Audited. Returns ``target``.

    :raise Conflict: merging a resource into itself or into a merged resource.
    """
    require(actor, "resource.merge", duplicate)
    if duplicate.id == target.id or target.merged_into_id is not None:
        raise Conflict("Choose a different resource to merge into.")
    duplicate.merged_into_id = target.id
    duplicate.featured = False
    db.session.flush()
    db.session.execute(update(Resource).where(Resource.merged_into_id == duplicate.id).values(merged_into_id=target.id))
    _move_rows(Bookmark, Bookmark.user_id, duplicate.id, target.id)
    _move_rows(CollectionItem, CollectionItem.collection_id, duplicate.id, target.id)
    unindex(duplicate.id)
    audit.record(
        actor,
        "resource.merge",
        "resource",
        duplicate.id,
        label=duplicate.title,
        after={"merged_into": target.id, "target_title": target.title},
    )
    db.session.flush()
    return target


def _move_rows(
    model: type[Bookmark] | type[CollectionItem], owner_column: InstrumentedAttribute[int], from_id: int, to_id: int
) -> None:
    """Point rows at ``to_id`` unless the owner already has one there (then drop the old one)."""
    already = select(owner_column).where(model.resource_id == to_id).scalar_subquery()
    db.session.execute(
        update(model)
        .where(model.resource_id == from_id, owner_column.not_in(already))
        .values(resource_id=to_id)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(model).where(model.resource_id == from_id))
    db.session.expire_all()
