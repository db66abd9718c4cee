"""Patient-privacy guard: finds passages that look like protected health information.

CONTRACT (filled in by the moderation work): ``find_phi(text) -> list[Finding]``; an empty list
means nothing looked like PHI. Library and discussions services call it before saving.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str  # e.g. "medical_record_number", "date_of_birth", "phone", "email", "address", "patient_detail"
    reason: str  # a sentence the author can read
    start: int
    end: int
    passage: str


def find_phi(text: str) -> list[Finding]:
    return []
