"""The privacy guard at the library's door: text that looks like patient information is never
published directly; the author edits it or sends it to a moderator anyway."""

from __future__ import annotations

from typing import Any

from ..db_types import utcnow
from ..errors import ValidationError
from ..moderation.privacy import find_phi
from .effects import reindex
from .models import Resource, ResourceStatus
from .validation import CleanResource


def privacy_findings(title: str, summary: str, body: str) -> list[dict[str, Any]]:
    """Passages of the text that look like patient information, as plain dicts."""
    text = "\n\n".join((title, summary, body))
    return [{"kind": f.kind, "reason": f.reason, "passage": f.passage} for f in find_phi(text)]


class PrivacyCheckFailed(ValidationError):
    """The text looks like it holds patient information; ``findings`` lists the passages."""

    def __init__(self, findings: list[dict[str, Any]]) -> None:
        passages = "; ".join(f"“{f['passage']}” ({f['reason']})" for f in findings)
        message = (
            "This may contain patient information: "
            f"{passages}. Remove it, or tick “Send for review anyway” so a moderator checks it."
        )
        super().__init__(message, {"body": [f"“{f['passage']}”: {f['reason']}" for f in findings]})
        self.findings = findings


def check_privacy(clean: CleanResource, send_anyway: bool) -> list[dict[str, Any]]:
    """The findings the author chose to send for review; :raise PrivacyCheckFailed: otherwise."""
    findings = privacy_findings(clean.title, clean.summary, clean.body)
    if findings and not send_anyway:
        raise PrivacyCheckFailed(findings)
    return findings


def hold_for_privacy(resource: Resource, findings: list[dict[str, Any]]) -> None:
    """Sent anyway despite the privacy guard: wait, unpublished, for a moderator."""
    was_listed = resource.is_listed
    resource.privacy_flagged = True
    resource.privacy_findings = findings
    resource.status = ResourceStatus.PENDING
    resource.submitted_at = utcnow()
    if was_listed:
        reindex(resource)
