"""What services call: screen named fields, and stop unless clear or sent for review anyway."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .detector import default_detector
from .findings import Finding, PrivacyCheckFailed


def find_phi(text: str) -> list[Finding]:
    """Every passage of ``text`` that looks like patient information, in reading order."""
    return default_detector().find(text or "")


def screen(**fields: str | None) -> list[Finding]:
    """The findings of every named field, each told its field and the text around it."""
    filled = [text for text in fields.values() if text]
    if len(filled) > 1 and not find_phi("\n\n".join(filled)):
        return []  # one pass over the whole text when it is clear (most is): then field by field
    found: list[Finding] = []
    for field, text in fields.items():
        if text:
            found.extend(finding.in_field(field, text) for finding in find_phi(text))
    return found


def require_clear(findings: Sequence[Finding], *, send_anyway: bool = False, reviewable: bool = True) -> None:
    """Raise ``PrivacyCheckFailed`` when something was found, unless the author sends it for review.

    ``reviewable=False`` is for text published the moment it is saved (profiles, bios): there is
    no review to send it to, so the author must rewrite it.
    """
    if findings and not (send_anyway and reviewable):
        raise PrivacyCheckFailed(findings, reviewable=reviewable)


def findings_as_dicts(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The JSON stored on a held item for moderators."""
    return [finding.as_dict() for finding in findings]
