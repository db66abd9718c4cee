"""Editing a resource: every save is a new revision; a new title gives a new slug and the old one
keeps redirecting; restoring an old revision is itself an edit."""

from __future__ import annotations

from typing import Any

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..extensions import db
from ..permissions import is_moderator, require
from .creation import apply_fields
from .effects import reindex
from .models import Resource, ResourceRevision
from .naming import remember_slug, resource_slug
from .pending_edits import PendingEdit, hold_edit, needs_review
from .privacy_check import check_privacy, hold_for_privacy
from .revisions import add_revision, get_revision, snapshot
from .upkeep import after_edit
from .validation import CleanResource, ResourceInput, resolve_topics, validate


def edit_resource(
    actor: User,
    resource: Resource,
    data: ResourceInput,
    *,
    note: str = "",
    send_anyway: bool = False,
) -> ResourceRevision | PendingEdit | None:
    """Save an edit and keep it as a new revision; returns it (None when nothing changed).

    A title change gives a new slug; the old one keeps redirecting. If the privacy guard flags
    the new text and the author sends it anyway, the resource goes back to pending review. An
    edit of a published resource by an author who may not publish directly is held for review
    instead (``pending_edits``), and that ``PendingEdit`` is returned.

    :raise NotFound: ``actor`` may not see the resource.
    :raise PermissionDenied: ``actor`` may see but not edit it.
    :raise ValidationError: bad fields, or ``PrivacyCheckFailed``.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.edit", resource)
    clean = validate(data)
    text_changed = (clean.title, clean.summary, clean.body) != (resource.title, resource.summary, resource.body_source)
    # Unchanged text was screened when it was saved (a re-import of the same lines skips the guard).
    findings = check_privacy(clean, send_anyway, note=note, resource=resource) if text_changed or note else []
    if needs_review(actor, resource):
        return hold_edit(actor, resource, clean, note)
    return save_edit(actor, resource, clean, note=note, findings=findings)


def save_edit(
    actor: User | None,
    resource: Resource,
    clean: CleanResource,
    *,
    note: str = "",
    findings: list[dict[str, Any]] | None = None,
) -> ResourceRevision | None:
    """Apply a checked edit as a new revision by ``actor`` (its author; None if since removed)."""
    text_changed = (clean.title, clean.summary, clean.body) != (resource.title, resource.summary, resource.body_source)
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
    after_edit(resource, revision)
    if findings:
        hold_for_privacy(resource, findings)
    elif resource.privacy_flagged and text_changed:
        resource.privacy_flagged = False
        resource.privacy_findings = None
    if was_listed or resource.is_listed:
        reindex(resource)
    if actor is not None and is_moderator(actor) and resource.author_id != actor.id:
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
) -> ResourceRevision | PendingEdit | None:
    """Make an old revision's content current again; the restore is itself a new revision (or, like
    any edit by an author who may not publish directly, a pending edit).

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
