"""Files attached to resources: checked and stored by ``app.uploads``, downloaded under the
resource's own visibility rule."""

from __future__ import annotations

from werkzeug.datastructures import FileStorage

from .. import uploads
from ..accounts.models import User
from ..actors import Actor
from ..db_types import utcnow
from ..errors import NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from .effects import reindex
from .models import Attachment, Resource
from .validation import ATTACHMENTS_MAX


def get_attachment(actor: Actor, attachment_id: int) -> Attachment:
    """An attachment ``actor`` may download. :raise NotFound: missing or not visible to them."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound()
    require(actor, "resource.view", attachment.resource, hide=True)
    return attachment


def add_attachment(actor: User, resource: Resource, upload: FileStorage) -> Attachment:
    """Check and store an uploaded file and attach it.

    The file is checked by extension and content, stored under a generated name, stripped of
    EXIF data (images), and its text extracted for search (``app.uploads``).

    :raise ValidationError: a refused file (the message says why).
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.attach", resource)
    if len(resource.attachments) >= ATTACHMENTS_MAX:
        raise ValidationError(f"A resource can have at most {ATTACHMENTS_MAX} files; remove one first.")
    stored = uploads.save_upload(upload)
    attachment = Attachment(
        resource_id=resource.id,
        original_name=stored.original_name,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        extracted_text=stored.extracted_text,
        uploader_id=actor.id,
    )
    db.session.add(attachment)
    resource.updated_at = utcnow()
    db.session.flush()
    if resource.is_listed:
        reindex(resource)
    return attachment


def remove_attachment(actor: User, resource: Resource, attachment_id: int) -> None:
    """Detach a file (the stored file is removed once the transaction commits)."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.attach", resource)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.resource_id != resource.id:
        raise NotFound()
    uploads.delete_after_commit(attachment.stored_name)
    db.session.delete(attachment)
    resource.updated_at = utcnow()
    db.session.flush()
    if resource.is_listed:
        reindex(resource)
