"""Patient-privacy guard: finds passages that look like protected health information.

``find_phi(text) -> list[Finding]``; an empty list means nothing looked like PHI. The library and
discussions services call it before they save a resource, thread or post; the author sees each
passage with its reason and may edit, or send the item for review anyway. The rules themselves
are data, in ``privacy_rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import privacy_rules

KIND_LABELS = {
    "medical_record_number": "medical record number",
    "social_security_number": "Social Security number",
    "date_of_birth": "date of birth",
    "phone": "phone number",
    "email": "e-mail address",
    "address": "street address",
    "patient_detail": "patient detail",
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    reason: str  # a sentence the author can read
    start: int
    end: int
    passage: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " "))


@dataclass(frozen=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]
    ignore: re.Pattern[str] | None


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` with its fragment, fragments inside fragments included."""
    for _ in range(10):
        expanded = _PLACEHOLDER.sub(lambda m: fragments.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError("privacy rule fragments refer to each other in a loop")


@cache
def compiled_rules() -> tuple[_Rule, ...]:
    fragments = privacy_rules.FRAGMENTS
    return tuple(
        _Rule(
            kind=spec["kind"],
            reason=spec["reason"],
            pattern=re.compile(expand(spec["pattern"], fragments)),
            ignore=re.compile(expand(spec["ignore"], fragments)) if spec.get("ignore") else None,
        )
        for spec in privacy_rules.RULES
    )


def find_phi(text: str) -> list[Finding]:
    """Every passage of ``text`` that looks like PHI, in reading order, without duplicates."""
    if not text:
        return []
    found: list[Finding] = []
    for rule in compiled_rules():
        for match in rule.pattern.finditer(text):
            passage = match.group(0)
            if rule.ignore is not None and rule.ignore.search(passage):
                continue
            found.append(Finding(rule.kind, rule.reason, match.start(), match.end(), passage))
    return _outermost(found)


def _outermost(findings: list[Finding]) -> list[Finding]:
    """Drop findings that lie inside a longer one ("Mrs. Jones in room 4" inside "… with pneumonia")."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if any(k.start <= finding.start and finding.end <= k.end for k in kept):
            continue
        kept.append(finding)
    return kept

