"""The patient-privacy guard: one detector, one finding shape, one error, used by every path.

Callers use three functions:

- ``screen(title=..., body=...)``: the findings in each named field (``Finding`` has passage,
  span, kind, reason, and the field it is in);
- ``require_clear(findings, send_anyway=…, reviewable=…)``: raises ``PrivacyCheckFailed`` unless the
  text is clear or the author chose to send it for review anyway;
- ``screen_attachment(attachment)`` (``attachments.py``): after text extraction, holds the
  resource for review when the file's text is flagged.

The rules are data (``rules.py``); the detector sits behind ``Detector`` (``detector.py``).
"""

from __future__ import annotations

from .findings import KIND_LABELS, Finding, PrivacyCheckFailed, stored_findings
from .guard import find_phi, findings_as_dicts, require_clear, screen

__all__ = [
    "KIND_LABELS",
    "Finding",
    "PrivacyCheckFailed",
    "find_phi",
    "findings_as_dicts",
    "require_clear",
    "screen",
    "stored_findings",
]
