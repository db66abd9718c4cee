"""The review workflow of a resource::

    draft ──submit──▶ pending ──approve──▶ published ──archive──▶ archived
      ▲                  │                    ▲                       │
      └──── returned ◀───┘ return(reason)     └──── unarchive ────────┘

Organisation admins, moderators and trusted members (at least ``trust_threshold`` earlier
submissions approved by a moderator) may publish without review.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update

from .. import audit, uploads
from ..accounts.models import User
from ..db_types import utcnow
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..follows.announce import announce_new_resource
from ..permissions import can, is_moderator, require
from ..text import text_block
from .effects import reindex, tell_author, unindex
from .models import Resource, ResourceStatus
from .review_dates import set_on_publish
from .revisions import snapshot
from .validation import REASON_MAX


def submit_resource(actor: User, resource: Resource) -> Resource:
    """Send a draft (or a returned resource) for review.

    :raise PermissionDenied: not an editor, or not a draft/returned resource.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.submit", resource)
    resource.status = ResourceStatus.PENDING
    resource.submitted_at = utcnow()
    resource.return_reason = ""
    db.session.flush()
    return resource


def publish_resource(actor: User, resource: Resource, *, published_at: datetime | None = None) -> Resource:
    """Publish without review (org admins, moderators, trusted authors).

    ``published_at`` keeps an original date (the importer); by default now, or the first
    publication date when republishing.

    :raise PermissionDenied: ``actor`` may not publish directly.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.publish", resource)
    make_published(resource, published_at)
    _audit_if_someone_elses(actor, resource, "resource.publish")
    db.session.flush()
    return resource


def make_published(resource: Resource, published_at: datetime | None) -> None:
    """Publish now; a first publication (not an import keeping its old date) is announced to the
    followers of the resource's topics and organisation."""
    if resource.published_at is None and published_at is None:
        announce_new_resource(resource)
    resource.status = ResourceStatus.PUBLISHED
    resource.return_reason = ""
    resource.archived_at = None
    resource.published_at = published_at or resource.published_at or utcnow()
    set_on_publish(resource)
    reindex(resource)


def approve_resource(actor: User, resource: Resource) -> Resource:
    """Moderator: publish a pending resource. Audited; the author is told in the app and by e-mail.

    Counts toward the author's trust (``is_trusted_author``).

    :raise PermissionDenied: ``actor`` is not a moderator.
    :raise Conflict: the resource is not pending.
    """
    require(actor, "resource.review", resource)
    if resource.status != ResourceStatus.PENDING:
        raise Conflict("Only resources waiting for review can be approved.")
    resource.approved_at = utcnow()
    resource.approved_by_id = actor.id
    resource.privacy_flagged = False
    resource.privacy_findings = None
    make_published(resource, None)
    audit.record(actor, "resource.approve", "resource", resource.id, label=resource.title)
    tell_author(
        resource,
        "resource.approved",
        f"Your resource “{resource.title}” is published",
        "A moderator approved it; it is now in the library.",
    )
    db.session.flush()
    return resource


def return_resource(actor: User, resource: Resource, reason: str) -> Resource:
    """Moderator: send a pending resource back to its author with a reason (required).

    Audited; the author is told in the app and by e-mail with the reason.

    :raise ValidationError: no reason given.
    :raise Conflict: the resource is not pending.
    """
    require(actor, "resource.review", resource)
    reason = text_block(reason)[:REASON_MAX]
    if not reason:
        raise ValidationError("Say why the resource is returned.", {"reason": ["A reason is required."]})
    if resource.status != ResourceStatus.PENDING:
        raise Conflict("Only resources waiting for review can be returned.")
    resource.status = ResourceStatus.RETURNED
    resource.return_reason = reason
    audit.record(actor, "resource.return", "resource", resource.id, label=resource.title, reason=reason)
    tell_author(
        resource,
        "resource.returned",
        f"Your resource “{resource.title}” was returned",
        f"A moderator returned it with this reason:\n\n{reason}\n\nEdit it and submit it again.",
    )
    db.session.flush()
    return resource


def archive_resource(actor: User, resource: Resource) -> Resource:
    """Withdraw a published resource from the library (its organisation still sees it)."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.archive", resource)
    resource.status = ResourceStatus.ARCHIVED
    resource.archived_at = utcnow()
    resource.featured = False
    reindex(resource)
    _audit_if_someone_elses(actor, resource, "resource.archive")
    db.session.flush()
    return resource


def unarchive_resource(actor: User, resource: Resource) -> Resource:
    """Bring an archived resource back: published if ``actor`` may publish directly, else pending."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.unarchive", resource)
    if can(actor, "resource.publish", resource):
        make_published(resource, None)
    else:
        resource.status = ResourceStatus.PENDING
        resource.submitted_at = utcnow()
    db.session.flush()
    return resource


def delete_resource(actor: User, resource: Resource) -> None:
    """Delete for good (authors: only never-published resources; moderators: any). Audited for
    moderators acting on someone else's resource."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.delete", resource)
    _audit_if_someone_elses(actor, resource, "resource.delete", before=snapshot(resource))
    unindex(resource.id)
    for attachment in resource.attachments:
        uploads.delete_after_commit(attachment.stored_name)
    db.session.execute(update(Resource).where(Resource.merged_into_id == resource.id).values(merged_into_id=None))
    db.session.delete(resource)
    db.session.flush()


def _audit_if_someone_elses(
    actor: User, resource: Resource, action: str, *, before: dict[str, Any] | None = None
) -> None:
    """Moderators acting on another member's resource leave an audit event; authors do not."""
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(actor, action, "resource", resource.id, label=resource.title, before=before)
