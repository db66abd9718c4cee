"""One review queue: submissions, flagged items, held posts and organisation applications.

Each source turns its waiting items into ``QueueEntry`` rows; the queue merges them oldest first.
Flag entries group every flag on one item, with the number of members who reported it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from ..accounts.models import User
from ..content import excerpt
from ..db_types import utcnow
from ..discussions.service import count_held_posts, list_held_posts
from ..discussions.subscriptions import post_path
from ..extensions import db
from ..library.service import count_pending, list_pending, resource_path
from ..orgs.models import Organisation, OrgStatus
from ..orgs.service import pending_application_count
from ..permissions import can, require
from ..privacy import stored_findings
from ..templating import Page
from . import targets
from .models import Flag, FlagStatus

KINDS = {
    "resource": "Submitted resource",
    "edit": "Edit of a published resource",
    "flag": "Reported item",
    "post": "Held post",
    "organisation": "Organisation application",
}
STATUSES = {
    "open": "Waiting for a decision",
    "hidden": "Hidden by reports",
    "resolved": "Reports upheld",
    "dismissed": "Reports dismissed",
}
CLOSED_LIMIT = 500


@dataclass
class QueueEntry:
    kind: str
    item_id: int
    target_type: str
    title: str
    url: str
    excerpt: str
    author: User | None
    organisation_name: str
    since: datetime
    reasons: list[str] = field(default_factory=list)
    passages: list[dict[str, Any]] = field(default_factory=list)
    flag_count: int = 0
    notes: list[str] = field(default_factory=list)
    is_hidden: bool = False
    actions: tuple[str, ...] = ()
    diff: list[Any] = field(default_factory=list)  # DiffRow lines, for a pending edit

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.target_type}-{self.item_id}"

    @property
    def age_days(self) -> int:
        return max(0, (utcnow() - self.since).days)


def _passages(findings: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return stored_findings(findings)


def _org_name(org: Any) -> str:
    return org.name if org is not None else ""


# --- Sources ----------------------------------------------------------------------------


def _resource_entries(actor: User) -> list[QueueEntry]:
    entries = []
    for resource in list_pending(actor):
        reasons = ["Submitted for review"]
        if resource.privacy_flagged:
            reasons.append("The privacy guard found possible patient information; the author sent it anyway")
        entries.append(
            QueueEntry(
                "resource",
                resource.id,
                "resource",
                resource.title,
                resource_path(resource),
                resource.summary or excerpt(resource.body_source),
                resource.author,
                _org_name(resource.organisation),
                resource.submitted_at or resource.created_at,
                reasons,
                _passages(resource.privacy_findings),
                actions=("approve", "return", "hide"),
            )
        )
    return entries


def _edit_entries(actor: User) -> list[QueueEntry]:
    from ..library.pending_edits import edit_diff, list_pending_edits

    entries = []
    for edit in list_pending_edits(actor):
        resource = edit.resource
        reasons = ["Edited by an author who may not publish directly; the published text stays until approved"]
        if edit.note:
            reasons.append(f"The author's note: {edit.note}")
        entries.append(
            QueueEntry(
                "edit",
                edit.id,
                "resource",
                resource.title,
                resource_path(resource),
                "",
                edit.editor,
                _org_name(resource.organisation),
                edit.created_at,
                reasons,
                actions=("approve", "return"),
                diff=edit_diff(edit),
            )
        )
    return entries


def _post_entries(actor: User) -> list[QueueEntry]:
    entries = []
    for post in list_held_posts(actor):
        if post.held_reason == "privacy":
            reasons = ["Held by the privacy guard; the author sent it for review anyway"]
        else:
            reasons = ["Held: a new member's first posts wait for a moderator"]
        title = post.thread.title if post.is_first else f"Reply in “{post.thread.title}”"
        entries.append(
            QueueEntry(
                "post",
                post.id,
                "post",
                title,
                post_path(post.id),
                excerpt(post.body_source, 600),
                post.author,
                _org_name(post.organisation),
                post.created_at,
                reasons,
                _passages(post.held_findings),
                actions=("approve", "return"),
            )
        )
    return entries


def _organisation_entries(actor: User) -> list[QueueEntry]:
    if not can(actor, "org.decide_application"):
        return []
    query = (
        select(Organisation)
        .where(Organisation.status == OrgStatus.APPLIED.value)
        .order_by(Organisation.created_at, Organisation.id)
    )
    return [
        QueueEntry(
            "organisation",
            org.id,
            "organisation",
            org.name,
            f"/orgs/{org.slug}",
            excerpt(org.description),
            org.applied_by,
            org.name,
            org.created_at,
            [f"Applied to join the network ({org.type_label})"],
            actions=("approve", "return"),
        )
        for org in db.session.execute(query).scalars()
    ]


def _flag_entries(status: str) -> list[QueueEntry]:
    flag_status = FlagStatus.OPEN.value if status in ("open", "hidden") else status
    query = select(Flag).where(Flag.status == flag_status).order_by(Flag.created_at, Flag.id)
    if flag_status != FlagStatus.OPEN.value:
        query = query.order_by(None).order_by(Flag.resolved_at.desc()).limit(CLOSED_LIMIT)
    groups: dict[tuple[str, int], list[Flag]] = defaultdict(list)
    for flag in db.session.execute(query).scalars():
        groups[(flag.target_type, flag.target_id)].append(flag)
    by_type: dict[str, list[int]] = defaultdict(list)
    for target_type, target_id in groups:
        by_type[target_type].append(target_id)
    items = {t: targets.load_many(t, ids) for t, ids in by_type.items()}
    entries = []
    for (target_type, target_id), flags in groups.items():
        item = items[target_type].get(target_id)
        if item is None:
            continue
        view = targets.describe(target_type, item)
        if status == "hidden" and not view.is_hidden:
            continue
        reporters = {f.reporter_id for f in flags}
        counts: dict[str, int] = defaultdict(int)
        for flag in flags:
            counts[flag.reason_label] += 1
        reasons = [f"{label}: {n}" for label, n in sorted(counts.items(), key=lambda kv: -kv[1])]
        if view.is_hidden and flag_status == FlagStatus.OPEN.value:
            reasons.append("Hidden from members until reviewed")
        entries.append(
            QueueEntry(
                "flag",
                target_id,
                target_type,
                view.title,
                view.url,
                view.excerpt,
                view.author,
                _org_name(view.organisation),
                min(f.created_at for f in flags),
                reasons,
                flag_count=len(reporters),
                notes=[f.note for f in flags if f.note],
                is_hidden=view.is_hidden,
                actions=("dismiss", "hide") if flag_status == FlagStatus.OPEN.value else (),
            )
        )
    return entries


# --- The queue --------------------------------------------------------------------------


def queue_entries(actor: User, kind: str = "", status: str = "open") -> list[QueueEntry]:
    """Every entry of ``kind`` (all kinds when empty) in ``status``, oldest first."""
    require(actor, "moderation.review")
    status = status if status in STATUSES else "open"
    kind = kind if kind in KINDS else ""
    entries: list[QueueEntry] = []
    if kind in ("", "flag"):
        entries += _flag_entries(status)
    if status == "open":
        if kind in ("", "resource"):
            entries += _resource_entries(actor)
        if kind in ("", "edit"):
            entries += _edit_entries(actor)
        if kind in ("", "post"):
            entries += _post_entries(actor)
        if kind in ("", "organisation"):
            entries += _organisation_entries(actor)
    entries.sort(key=lambda e: e.since)
    return entries


def queue_page(actor: User, kind: str = "", status: str = "open", page: int = 1, per_page: int = 25) -> Page:
    entries = queue_entries(actor, kind, status)
    page = min(page, max(1, -(-len(entries) // per_page)))
    start = (page - 1) * per_page
    return Page(entries[start : start + per_page], len(entries), page, per_page)


def flagged_item_count() -> int:
    query = select(func.count()).select_from(
        select(Flag.target_type, Flag.target_id).where(Flag.status == FlagStatus.OPEN.value).distinct().subquery()
    )
    return db.session.execute(query).scalar_one()


def queue_counts(actor: User) -> dict[str, int]:
    """How many entries of each kind wait for ``actor`` (organisation applications for admins only)."""
    from ..library.pending_edits import count_pending_edits

    return {
        "resource": count_pending(),
        "edit": count_pending_edits(),
        "flag": flagged_item_count(),
        "post": count_held_posts(),
        "organisation": pending_application_count() if can(actor, "org.decide_application") else 0,
    }


def queue_size(actor: Any) -> int:
    if not can(actor, "moderation.review"):
        return 0
    return sum(queue_counts(actor).values())
