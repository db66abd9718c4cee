"""Attachments: uploading to a resource, removing, and the download at ``/files/<id>/<name>``."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect
from flask_login import current_user, login_required

from .. import uploads
from ..errors import ValidationError
from ..permissions import require
from ..unit_of_work import attempt
from . import service
from .blueprint import bp, detail_url, resource_for
from .forms import AttachmentForm

# --- Attachments ------------------------------------------------------------------------


@bp.post("/library/<slug>/attachments")
@login_required
def upload(slug: str):
    resource = resource_for(slug)
    require(current_user, "resource.attach", resource)
    form = AttachmentForm()
    if not form.validate():
        flash(" ".join(form.file.errors) or "Choose a file to upload.", "error")
        return redirect(detail_url(resource))
    if _upload_size(form.file.data) > uploads.MAX_UPLOAD_BYTES:
        abort(413)
    try:
        with attempt():
            attachment = service.add_attachment(current_user, resource, form.file.data)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(detail_url(resource))
    flash(f"“{attachment.original_name}” attached.", "success")
    return redirect(detail_url(resource))


def _upload_size(file_storage: Any) -> int:
    stream = file_storage.stream
    position = stream.tell()
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(position)
    return size


@bp.post("/library/<slug>/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(slug: str, attachment_id: int):
    resource = resource_for(slug)
    service.remove_attachment(current_user, resource, attachment_id)
    flash("File removed.", "success")
    return redirect(detail_url(resource))


@bp.get("/files/<int:attachment_id>/<path:filename>")
def download(attachment_id: int, filename: str):
    """Serve an attachment to someone who may see its resource (else 404, like a missing file)."""
    attachment = service.get_attachment(current_user, attachment_id)
    return uploads.download_response(attachment)
