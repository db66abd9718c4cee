"""The one shape of what the privacy guard finds, and the one error that carries it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ValidationError

KIND_LABELS = {
    "patient_name": "patient named with their care",
    "person_near_care": "someone named near illness or care",
    "patient_location": "patient's room or bed",
    "quasi_identifier": "patient described closely enough to recognise",
    "age_over_89": "age over 89",
    "care_date": "date of care",
    "date_of_birth": "date of birth",
    "record_number": "record, account, plan or device number",
    "social_security_number": "Social Security number",
    "phone": "phone or fax number",
    "email": "e-mail address",
    "address": "street address",
}

CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Finding:
    """One passage that looks like patient information: where it is, what it is, and why."""

    kind: str  # one of KIND_LABELS
    reason: str  # a sentence the author can read
    start: int
    end: int
    passage: str
    field: str = ""  # which field of the form it is in ("title", "body", "attachment: x.pdf", …)
    before: str = ""  # a little text before and after, to show the passage in place
    after: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " "))

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def in_field(self, field: str, text: str) -> Finding:
        """The same finding, told which field it is in and with the text around it."""
        before = text[max(0, self.start - CONTEXT_CHARS) : self.start]
        after = text[self.end : self.end + CONTEXT_CHARS]
        return replace(self, field=field, before=" ".join(before.split()), after=" ".join(after.split()))

    def as_dict(self) -> dict[str, Any]:
        """The form stored on held items (JSON) and shown in forms and the moderation queue."""
        return {
            "field": self.field,
            "kind": self.kind,
            "label": self.label,
            "reason": self.reason,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }


def stored_findings(items: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Findings stored on an item, in the shape templates expect, old rows (no label) included."""
    shown = []
    for item in items or []:
        kind = str(item.get("kind", ""))
        shown.append(
            {
                "field": item.get("field", ""),
                "kind": kind,
                "label": item.get("label") or KIND_LABELS.get(kind, kind.replace("_", " ")),
                "reason": item.get("reason", ""),
                "passage": item.get("passage", ""),
                "before": item.get("before", ""),
                "after": item.get("after", ""),
            }
        )
    return shown


class PrivacyCheckFailed(ValidationError):
    """The guard found passages that look like patient information; ``findings`` lists them.

    The author edits the text, or sends it for review anyway where the path has a review (it is
    then held, unpublished, until a moderator approves it).
    """

    status_code = 422

    def __init__(self, findings: Sequence[Finding], *, reviewable: bool = True) -> None:
        self.findings = [f.as_dict() for f in findings]
        self.reviewable = reviewable
        if reviewable:
            message = (
                "Some passages look like patient information. Remove or rewrite them, or send it for "
                "review anyway: a moderator checks it before anyone else can read it."
            )
        else:
            message = (
                "Some passages look like patient information. Remove or rewrite them: this text is "
                "shown to everyone as soon as it is saved, so it cannot wait for review."
            )
        fields: dict[str, list[str]] = {}
        for finding in findings:
            fields.setdefault(finding.field or "body", []).append(f"“{finding.passage}”: {finding.reason}")
        super().__init__(message, fields)
