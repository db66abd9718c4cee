"""The one call from the learning packages to the privacy guard (SECURITY.md 48), so moving the
guard is a one-line change here."""

from __future__ import annotations

from ..errors import ValidationError
from ..privacy.guard import find_phi


def refuse_patient_details(fields: dict[str, str]) -> None:
    """Raise ``ValidationError`` naming each field whose text looks patient-identifying.

    Event, course and news texts are published without review, so text the guard flags is
    refused with the reason rather than held.
    """
    errors: dict[str, list[str]] = {}
    for name, text in fields.items():
        findings = find_phi(text or "")
        if findings:
            reasons = sorted({f.reason for f in findings})
            errors[name] = [f"This looks like patient-identifying information ({'; '.join(reasons)}). Remove it."]
    if errors:
        raise ValidationError("The text looks like it identifies a patient.", fields=errors)
