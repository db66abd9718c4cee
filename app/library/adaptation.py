"""Policy templates with lineage: an organisation adapts a template, sees how its copy differs,
and takes the template's later changes.

The copy is an ordinary resource of the adapting organisation (a draft until they publish it)
that records its ``upstream`` and ``upstream_revision``: the upstream revision its content last
took. That revision is the *base* of a three-way comparison: what the template said then, what
it says now, and what the copy says. Taking the template's changes merges text fields line by
line with ``merge3`` (the three-way merge of Breezy, the same algorithm as ``diff3``): where only
the template changed a part, the copy takes it; where only the copy changed it, the copy keeps
it; where both changed the same part, the copy keeps its own and the conflict is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from merge3 import Merge3
from sqlalchemy import func, select

from .. import audit
from ..accounts.models import User
from ..errors import NotFound, PermissionDenied
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import belongs_to, can, require
from .creation import create_resource
from .diff import FieldDiff, diff_revisions
from .editing import edit_resource
from .models import Resource, ResourceRevision
from .validation import ResourceInput

MERGED_FIELDS: tuple[tuple[str, str], ...] = (("title", "Title"), ("summary", "Summary"), ("body_source", "Body"))


def latest_revision(resource: Resource) -> ResourceRevision | None:
    return db.session.execute(
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource.id)
        .order_by(ResourceRevision.number.desc())
        .limit(1)
    ).scalar_one_or_none()


def _revision(resource_id: int, number: int | None) -> ResourceRevision | None:
    if number is None:
        return None
    return db.session.execute(
        select(ResourceRevision).where(ResourceRevision.resource_id == resource_id, ResourceRevision.number == number)
    ).scalar_one_or_none()


def adapting_organisations(actor: User) -> list[Organisation]:
    return sorted(
        (m.organisation for m in actor.memberships if can(actor, "resource.create", m.organisation)),
        key=lambda org: org.name.lower(),
    )


def adapt(actor: User, upstream: Resource, organisation: Organisation | None = None) -> Resource:
    """A linked copy of ``upstream`` owned by ``organisation`` (default: the actor's first), as a draft.

    :raise NotFound: ``actor`` may not see the template.
    :raise PermissionDenied: not a member of an approved organisation, or not an adaptable template.
    """
    require(actor, "resource.view", upstream, hide=True)
    require(actor, "resource.adapt", upstream)
    choices = adapting_organisations(actor)
    if organisation is None:
        if not choices:
            raise PermissionDenied("Only members of an approved organisation can adapt templates.")
        organisation = choices[0]
    elif not belongs_to(actor, organisation):
        raise PermissionDenied("You can adapt templates only for your own organisation.")
    base = latest_revision(upstream)
    copy = create_resource(
        actor,
        organisation,
        ResourceInput(
            title=upstream.title,
            summary=upstream.summary,
            body=upstream.body_source,
            kind=upstream.kind,
            visibility=upstream.visibility,
            topics=[topic.slug for topic in upstream.topics],
            tags=[tag.name for tag in upstream.tags],
            external_url=upstream.external_url,
        ),
        send_anyway=True,  # published text: if the guard flags it now, the copy waits for a moderator
        note=f"Adapted from “{upstream.title}” ({upstream.organisation.name})",
    )
    copy.upstream_id = upstream.id
    copy.upstream_revision = base.number if base else None
    audit.record(actor, "resource.adapt", "resource", copy.id, label=copy.title, after={"upstream": upstream.id})
    db.session.flush()
    return copy


def adaptation_count(resource: Resource) -> int:
    """How many organisations adapted ``resource`` (their copies in any state but merged away)."""
    return db.session.execute(
        select(func.count(func.distinct(Resource.organisation_id))).where(
            Resource.upstream_id == resource.id, Resource.merged_into_id.is_(None)
        )
    ).scalar_one()


# --- Comparing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeGroup:
    """One stretch of a field: ``kind`` unchanged | mine (only the copy changed) | theirs (only the
    template changed) | same (both changed alike) | conflict (both changed it differently)."""

    kind: str
    base: list[str]
    mine: list[str]
    theirs: list[str]


@dataclass(frozen=True)
class FieldMerge:
    name: str
    label: str
    groups: list[MergeGroup]
    merged: str  # the template's changes applied, the copy's own kept (its side of any conflict)

    @property
    def conflicts(self) -> int:
        return sum(1 for group in self.groups if group.kind == "conflict")

    @property
    def takes(self) -> int:
        return sum(1 for group in self.groups if group.kind == "theirs")


@dataclass
class Lineage:
    copy: Resource
    upstream: Resource
    base: ResourceRevision | None
    current: ResourceRevision | None  # the template now
    mine: ResourceRevision | None
    differences: list[FieldDiff] = field(default_factory=list)  # the copy against the template it took
    upstream_changes: list[FieldDiff] = field(default_factory=list)  # the template then → now
    merges: list[FieldMerge] = field(default_factory=list)

    @property
    def upstream_changed(self) -> bool:
        return bool(self.upstream_changes)

    @property
    def conflicts(self) -> int:
        return sum(merge.conflicts for merge in self.merges)


def _split(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def merge_field(name: str, label: str, base: str, mine: str, theirs: str) -> FieldMerge:
    groups: list[MergeGroup] = []
    merged: list[str] = []
    merger = Merge3(_split(base), _split(mine), _split(theirs))
    for raw in merger.merge_groups():
        group: tuple[Any, ...] = tuple(raw)  # merge3's tuples differ in length by kind
        kind = group[0]
        if kind == "unchanged":
            groups.append(MergeGroup("unchanged", list(group[1]), list(group[1]), list(group[1])))
            merged.extend(group[1])
        elif kind == "a":
            groups.append(MergeGroup("mine", [], list(group[1]), []))
            merged.extend(group[1])
        elif kind == "b":
            groups.append(MergeGroup("theirs", [], [], list(group[1])))
            merged.extend(group[1])
        elif kind == "same":
            groups.append(MergeGroup("same", [], list(group[1]), list(group[1])))
            merged.extend(group[1])
        else:  # "conflict": (kind, base, a, b)
            groups.append(MergeGroup("conflict", list(group[1] or []), list(group[2]), list(group[3])))
            merged.extend(group[2])
    return FieldMerge(name, label, groups, "".join(merged))


def lineage(actor: User, copy: Resource) -> Lineage:
    """The copy beside its template: what it changed, what the template changed since, the merge.

    :raise NotFound: not an adaptation, or ``actor`` may not see the copy or its template.
    """
    require(actor, "resource.view", copy, hide=True)
    upstream = copy.upstream
    if upstream is None or not can(actor, "resource.view", upstream):
        raise NotFound()
    base = _revision(upstream.id, copy.upstream_revision)
    current = latest_revision(upstream)
    mine = latest_revision(copy)
    result = Lineage(copy, upstream, base, current, mine)
    if base is None or current is None or mine is None:
        return result
    result.differences = diff_revisions(base, mine)
    if current.number != base.number:
        result.upstream_changes = diff_revisions(base, current)
        result.merges = [
            merge_field(name, label, getattr(base, name) or "", getattr(mine, name) or "", getattr(current, name) or "")
            for name, label in MERGED_FIELDS
        ]
    return result


def take_upstream_changes(actor: User, copy: Resource) -> Lineage:
    """Apply the template's changes to the copy where the copy did not change the same part.

    Saved as a revision of the copy (an ordinary edit: permission, privacy guard, history); the
    copy's ``upstream_revision`` moves to the template's current revision, so the next comparison
    starts from here.

    :raise PermissionDenied: ``actor`` may not edit the copy.
    """
    require(actor, "resource.view", copy, hide=True)
    require(actor, "resource.edit", copy)
    found = lineage(actor, copy)
    if not found.upstream_changed or found.current is None:
        return found
    merged = {merge.name: merge.merged for merge in found.merges}
    edit_resource(
        actor,
        copy,
        ResourceInput(
            title=merged["title"].strip() or copy.title,
            summary=merged["summary"],
            body=merged["body_source"],
            kind=copy.kind,
            visibility=copy.visibility,
            topics=[topic.slug for topic in copy.topics],
            tags=[tag.name for tag in copy.tags],
            external_url=copy.external_url,
        ),
        note=f"Took the template's changes up to its revision {found.current.number}",
        send_anyway=True,
    )
    copy.upstream_revision = found.current.number
    audit.record(
        actor,
        "resource.take_upstream",
        "resource",
        copy.id,
        label=copy.title,
        after={"upstream_revision": found.current.number, "conflicts": found.conflicts},
    )
    db.session.flush()
    return found
