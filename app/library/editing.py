"""Editing a resource: every save is a new revision; a new title gives a new slug and the old one
keeps redirecting; restoring an old revision is itself an edit."""

from __future__ import annotations

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..extensions import db
from ..permissions import is_moderator, require
from .creation import apply_fields
from .effects import reindex
from .models import Resource, ResourceRevision
from .naming import remember_slug, resource_slug
from .privacy_check import check_privacy, hold_for_privacy
from .revisions import add_revision, get_revision, snapshot
from .validation import ResourceInput, resolve_topics, validate


def edit_resource(
    actor: User,
    resource: Resource,
    data: ResourceInput,
    *,
    note: str = "",
    send_anyway: bool = False,
) -> ResourceRevision | None:
    """Save an edit and keep it as a new revision; returns it (None when nothing changed).

    A title change gives a new slug; the old one keeps redirecting. If the privacy guard flags
    the new text and the author sends it anyway, the resource goes back to pending review.

    :raise NotFound: ``actor`` may not see the resource.
    :raise PermissionDenied: ``actor`` may see but not edit it.
    :raise ValidationError: bad fields, or ``PrivacyCheckFailed``.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.edit", resource)
    clean = validate(data)
    findings = check_privacy(clean, send_anyway)
    before = snapshot(resource)
    was_listed = resource.is_listed
    old_slug = resource.slug
    apply_fields(resource, clean)
    if snapshot(resource) == before and not findings:
        return None
    if clean.title != before["title"]:
        new_slug = resource_slug(clean.title, resource_id=resource.id)
        if new_slug != old_slug:
            remember_slug(resource, old_slug)
            resource.slug = new_slug
    resource.updated_at = utcnow()
    db.session.flush()
    revision = add_revision(actor, resource, note or "Edited")
    if findings:
        hold_for_privacy(resource, findings)
    elif resource.privacy_flagged:
        resource.privacy_flagged = False
        resource.privacy_findings = None
    if was_listed or resource.is_listed:
        reindex(resource)
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(
            actor,
            "resource.edit",
            "resource",
            resource.id,
            label=resource.title,
            before=before,
            after=snapshot(resource),
        )
    db.session.flush()
    return revision


def restore_revision(
    actor: User, resource: Resource, number: int, *, send_anyway: bool = False
) -> ResourceRevision | None:
    """Make an old revision's content current again; the restore is itself a new revision.

    Topics deleted since are left out.
    """
    revision = get_revision(actor, resource, number)
    known, _ = resolve_topics(revision.topics)
    data = ResourceInput(
        title=revision.title,
        summary=revision.summary,
        body=revision.body_source,
        kind=revision.kind,
        visibility=revision.visibility,
        topics=[topic.slug for topic in known],
        tags=list(revision.tags),
        external_url=revision.external_url,
    )
    return edit_resource(actor, resource, data, note=f"Restored revision {revision.number}", send_anyway=send_anyway)
