"""A readable difference between two revisions, as plain data the template escapes.

No HTML is built here: each changed field becomes rows of ``(op, old_number, new_number, text)``
with ``op`` one of " " (context), "-" (removed), "+" (added) or "…" (skipped unchanged lines).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from .models import KIND_LABELS, VISIBILITY_LABELS, ResourceRevision

CONTEXT_LINES = 3

FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("summary", "Summary"),
    ("body_source", "Body"),
    ("kind", "Kind"),
    ("visibility", "Visibility"),
    ("external_url", "Link"),
    ("topics", "Topics"),
    ("tags", "Tags"),
)


@dataclass(frozen=True)
class DiffRow:
    op: str
    old_number: int | None
    new_number: int | None
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    rows: list[DiffRow]
    added: int
    removed: int


def _lines(revision: ResourceRevision, name: str, topic_names: dict[str, str]) -> list[str]:
    value: Any = getattr(revision, name)
    if name == "topics":
        return [topic_names.get(slug, slug) for slug in value or []]
    if name == "tags":
        return list(value or [])
    if name == "kind":
        return [KIND_LABELS.get(value, value)]
    if name == "visibility":
        return [VISIBILITY_LABELS.get(value, value)]
    return (value or "").split("\n") if value else []


def diff_lines(old: list[str], new: list[str], context: int = CONTEXT_LINES) -> list[DiffRow]:
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(context))
    for group_index, group in enumerate(groups):
        if group_index or group[0][1] > 0 or group[0][3] > 0:
            rows.append(DiffRow("…", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(
                    DiffRow(" ", i + 1, j + 1, old[i]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
                continue
            if tag in ("replace", "delete"):
                rows.extend(DiffRow("-", i + 1, None, old[i]) for i in range(i1, i2))
            if tag in ("replace", "insert"):
                rows.extend(DiffRow("+", None, j + 1, new[j]) for j in range(j1, j2))
    if groups and groups[-1][-1][2] < len(old):
        rows.append(DiffRow("…", None, None, ""))
    return rows


def diff_revisions(
    old: ResourceRevision, new: ResourceRevision, topic_names: dict[str, str] | None = None
) -> list[FieldDiff]:
    """The fields that differ between ``old`` and ``new``, in form order."""
    names = topic_names or {}
    result = []
    for name, label in FIELDS:
        before, after = _lines(old, name, names), _lines(new, name, names)
        if before == after:
            continue
        rows = diff_lines(before, after)
        result.append(
            FieldDiff(
                name=name,
                label=label,
                rows=rows,
                added=sum(1 for r in rows if r.op == "+"),
                removed=sum(1 for r in rows if r.op == "-"),
            )
        )
    return result
