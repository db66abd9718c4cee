"""The privacy guard at the library's door: text that looks like patient information is never
published directly; the author edits it or sends it to a moderator anyway.

The guard itself is ``app.privacy``; here are the library's fields (title, summary, body, the
change note and the text of attached files) and what holding a resource means.
"""

from __future__ import annotations

from typing import Any

from ..db_types import utcnow
from ..privacy import Finding, findings_as_dicts, require_clear, screen
from ..privacy import PrivacyCheckFailed as PrivacyCheckFailed  # what create/edit raise, for callers
from ..privacy.attachments import findings_in
from .effects import reindex
from .models import Resource, ResourceStatus
from .validation import CleanResource


def privacy_findings(title: str, summary: str, body: str, note: str = "") -> list[Finding]:
    """What the privacy guard finds in a resource's text fields (the change note included)."""
    return screen(title=title, summary=summary, body=body, note=note)


def attachment_findings(resource: Resource | None) -> list[Finding]:
    """What the guard finds in the extracted text of a resource's files (``app.privacy.attachments``)."""
    if resource is None:
        return []
    return [finding for attachment in resource.attachments for finding in findings_in(attachment)]


def check_privacy(
    clean: CleanResource, send_anyway: bool, *, note: str = "", resource: Resource | None = None
) -> list[dict[str, Any]]:
    """The findings the author chose to send for review; :raise PrivacyCheckFailed: otherwise."""
    findings = privacy_findings(clean.title, clean.summary, clean.body, note) + attachment_findings(resource)
    require_clear(findings, send_anyway=send_anyway)
    return findings_as_dicts(findings)


def hold_for_privacy(resource: Resource, findings: list[dict[str, Any]]) -> None:
    """Sent anyway despite the guard, or a file's text flagged: wait, unpublished, for a moderator."""
    was_listed = resource.is_listed
    resource.privacy_flagged = True
    resource.privacy_findings = findings
    resource.status = ResourceStatus.PENDING
    resource.submitted_at = utcnow()
    if was_listed:
        reindex(resource)
