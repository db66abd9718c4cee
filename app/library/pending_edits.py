"""Edits of a published resource that wait for a moderator (docs/SECURITY.md 43).

An author who may not publish directly (an untrusted member) may still improve a published
resource, but the edit does not go live: it is kept here, one per resource (a newer edit replaces
the older), while the published text stays visible. The review queue shows it with its diff; a
moderator approves it (it becomes a revision credited to its author) or returns it with a reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from .. import audit
from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..errors import ValidationError
from ..extensions import Model, db
from ..permissions import can, require
from ..text import one_line, text_block
from .diff import DiffRow, diff_lines
from .effects import tell_author
from .models import Resource
from .validation import CleanResource, ResourceInput

NOTE_MAX = 300
REASON_MAX = 2000


class PendingEdit(Model):
    __tablename__ = "resource_pending_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), unique=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    # The validated fields, as ResourceInput takes them (topics as slugs).
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    resource: Mapped[Resource] = relationship()
    editor: Mapped[User | None] = relationship()

    def as_input(self) -> ResourceInput:
        return ResourceInput(**self.fields)


def needs_review(actor: Any, resource: Resource) -> bool:
    """Must ``actor``'s edit of ``resource`` wait for a moderator? (Only published text is guarded.)"""
    return resource.is_published and not can(actor, "resource.edit_live", resource)


def _fields(clean: CleanResource) -> dict[str, Any]:
    return {
        "title": clean.title,
        "summary": clean.summary,
        "body": clean.body,
        "kind": clean.kind,
        "visibility": clean.visibility,
        "topics": sorted(topic.slug for topic in clean.topics),
        "tags": sorted(clean.tags),
        "external_url": clean.external_url,
    }


def hold_edit(actor: User, resource: Resource, clean: CleanResource, note: str) -> PendingEdit:
    """Keep ``actor``'s edit for review, replacing an earlier pending edit of the same resource."""
    edit = pending_edit_for(resource)
    if edit is None:
        edit = PendingEdit(resource=resource)
        db.session.add(edit)
    edit.editor_id = actor.id
    edit.note = one_line(note)[:NOTE_MAX]
    edit.fields = _fields(clean)
    edit.created_at = utcnow()
    db.session.flush()
    return edit


def pending_edit_for(resource: Resource) -> PendingEdit | None:
    return db.session.execute(select(PendingEdit).where(PendingEdit.resource_id == resource.id)).scalar_one_or_none()


def list_pending_edits(actor: User) -> list[PendingEdit]:
    require(actor, "resource.review", None)
    query = (
        select(PendingEdit)
        .options(
            selectinload(PendingEdit.resource).selectinload(Resource.organisation),
            selectinload(PendingEdit.editor),
        )
        .order_by(PendingEdit.created_at)
    )
    return list(db.session.execute(query).scalars())


def count_pending_edits() -> int:
    return len(db.session.execute(select(PendingEdit.id)).all())


def get_pending_edit(edit_id: int) -> PendingEdit | None:
    return db.session.get(PendingEdit, edit_id)


def edit_diff(edit: PendingEdit) -> list[DiffRow]:
    """Published text against the pending edit: title, summary and body, line by line."""
    resource = edit.resource

    def lines(title: str, summary: str, body: str) -> list[str]:
        return [f"# {title}", "", *summary.splitlines(), "", *body.splitlines()]

    old = lines(resource.title, resource.summary, resource.body_source)
    new = lines(edit.fields["title"], edit.fields["summary"], edit.fields["body"])
    return diff_lines(old, new)


def approve_edit(actor: User, edit: PendingEdit) -> Resource:
    """Moderator: publish the edit, as a revision credited to its author. Audited; the author is told."""
    from .editing import save_edit  # editing hands edits here; approving hands them back
    from .validation import validate

    resource = edit.resource
    require(actor, "resource.review", resource)
    save_edit(edit.editor, resource, validate(edit.as_input()), note=edit.note or "Edited")
    audit.record(actor, "resource.approve_edit", "resource", resource.id, label=resource.title)
    tell_author(
        resource, "resource.edit_approved", f"Your edit of “{resource.title}” is published", "A moderator approved it."
    )
    db.session.delete(edit)
    db.session.flush()
    return resource


def return_edit(actor: User, edit: PendingEdit, reason: str) -> Resource:
    """Moderator: decline the edit with a reason (required); the published text stays. Audited."""
    resource = edit.resource
    require(actor, "resource.review", resource)
    reason = text_block(reason)[:REASON_MAX]
    if not reason:
        raise ValidationError(fields={"reason": ["Say why the edit is returned."]})
    audit.record(actor, "resource.return_edit", "resource", resource.id, label=resource.title, reason=reason)
    tell_author(
        resource,
        "resource.edit_returned",
        f"Your edit of “{resource.title}” was returned",
        f"A moderator returned it with this reason:\n\n{reason}",
    )
    db.session.delete(edit)
    db.session.flush()
    return resource
