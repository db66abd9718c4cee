"""Attachment text: checked once extraction ends; a flagged file holds its resource for review.

``screen_attachment(attachment)`` is the one call for whatever extracts text (today
``library.service.add_attachment`` in the request; a background job later): it finds patient
information in ``attachment.extracted_text`` and, when there is some, the resource cannot be
published and, if it already was, goes back to review, with the passages shown to the author
and the moderators. A draft stays a draft, flagged, so submitting it leads to a moderator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..notifications.service import notify
from .findings import Finding
from .guard import screen

if TYPE_CHECKING:
    from ..library.models import Attachment


def field_name(attachment: Attachment) -> str:
    return f"file “{attachment.original_name}”"


def findings_in(attachment: Attachment) -> list[Finding]:
    """What the guard finds in one file's extracted text, each finding naming the file."""
    return screen(**{field_name(attachment): attachment.extracted_text or ""})


def screen_attachment(attachment: Attachment) -> list[Finding]:
    """Check a file's extracted text; hold its resource for review when it is flagged.

    Returns the findings (empty when the file is clear). The caller commits.
    """
    from ..library.effects import resource_path
    from ..library.privacy_check import hold_for_privacy

    findings = findings_in(attachment)
    resource = attachment.resource
    if not findings or resource is None:
        return findings
    field = field_name(attachment)
    kept = [f for f in resource.privacy_findings or [] if f.get("field") != field]
    stored = kept + [finding.as_dict() for finding in findings]
    if resource.status in ("draft", "returned"):
        resource.privacy_flagged = True
        resource.privacy_findings = stored
        return findings
    was_public = resource.status == "published"
    hold_for_privacy(resource, stored)
    if was_public and resource.author is not None:
        notify(
            resource.author,
            "resource.privacy_hold",
            f"“{resource.title}” is back in review",
            f"The privacy check found possible patient information in the file {attachment.original_name}. "
            "It is hidden until a moderator has looked at it.",
            resource_path(resource),
        )
    return findings


def forget_attachment(attachment: Attachment) -> None:
    """A file is removed: its findings go; the flag goes too when nothing else was found."""
    resource = attachment.resource
    if resource is None or not resource.privacy_flagged:
        return
    field = field_name(attachment)
    kept = [f for f in resource.privacy_findings or [] if f.get("field") != field]
    resource.privacy_findings = kept or None
    resource.privacy_flagged = bool(kept)
