"""One review queue: submissions, flagged items, held posts and organisation applications.

Each source turns its waiting items into ``QueueEntry`` rows; the queue merges them, filters them
(kind, reason, organisation) and sorts them (oldest or newest first, most reported). Flag entries
group every flag on one item, with the number of members who reported it. Every source loads its
items in a fixed number of queries, so a queue page costs the same however long the queue is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

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
from ..text import plural
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
REASONS = {
    "privacy": "The privacy guard found something",
    "reports": "Reported by members",
    "new_member": "A new member's first post",
    "review": "Waiting for approval",
}
SORTS = {
    "oldest": "Oldest first",
    "newest": "Newest first",
    "reported": "Most reported",
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
    reason_codes: frozenset[str] = frozenset()  # keys of REASONS, for the reason filter
    organisation_id: int | None = None
    summary: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.target_type}-{self.item_id}"

    @property
    def age_days(self) -> int:
        return max(0, (utcnow() - self.since).days)

    @property
    def waiting(self) -> str:
        """How long it has waited, roughly: "40 minutes", "5 hours", "3 days"."""
        seconds = max(0, int((utcnow() - self.since).total_seconds()))
        if seconds < 3600:
            return plural(max(1, seconds // 60), "minute")
        if seconds < 2 * 86400:
            return plural(seconds // 3600, "hour")
        return plural(seconds // 86400, "day")


def _passages(findings: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return stored_findings(findings)


def _org_name(org: Any) -> str:
    return org.name if org is not None else ""


def _org_id(org: Any) -> int | None:
    return org.id if org is not None else None


# --- Sources ----------------------------------------------------------------------------


def _resource_entries(actor: User) -> list[QueueEntry]:
    entries = []
    for resource in list_pending(actor):
        reasons = ["Submitted for review"]
        codes = {"review"}
        if resource.privacy_flagged:
            reasons.append("The privacy guard found possible patient information; the author sent it anyway")
            codes.add("privacy")
        entries.append(
            QueueEntry(
                "resource",
                resource.id,
                "resource",
                resource.title,
                resource_path(resource),
                excerpt(resource.body_source, 600),
                resource.author,
                _org_name(resource.organisation),
                resource.submitted_at or resource.created_at,
                reasons,
                _passages(resource.privacy_findings),
                actions=("approve", "return", "hide"),
                reason_codes=frozenset(codes),
                organisation_id=resource.organisation_id,
                summary=resource.summary,
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
                reason_codes=frozenset({"review"}),
                organisation_id=resource.organisation_id,
            )
        )
    return entries


def _post_entries(actor: User) -> list[QueueEntry]:
    entries = []
    for post in list_held_posts(actor):
        if post.held_reason == "privacy":
            reasons, code = ["Held by the privacy guard; the author sent it for review anyway"], "privacy"
        else:
            reasons, code = ["Held: a new member's first posts wait for a moderator"], "new_member"
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
                reason_codes=frozenset({code}),
                organisation_id=post.organisation_id,
            )
        )
    return entries


def _organisation_entries(actor: User) -> list[QueueEntry]:
    if not can(actor, "org.decide_application"):
        return []
    query = (
        select(Organisation)
        .where(Organisation.status == OrgStatus.APPLIED.value)
        .options(selectinload(Organisation.applied_by))
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
            reason_codes=frozenset({"review"}),
            organisation_id=org.id,
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
    views = {t: targets.describe_many(t, targets.load_many(t, ids).values()) for t, ids in by_type.items()}
    entries = []
    for (target_type, target_id), flags in groups.items():
        view = views[target_type].get(target_id)
        if view is None:
            continue
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
                reason_codes=frozenset({"reports"}),
                organisation_id=_org_id(view.organisation),
            )
        )
    return entries


# --- The queue --------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    """What a moderator asked to see; unknown values fall back to everything, oldest first."""

    kind: str = ""
    status: str = "open"
    reason: str = ""
    organisation_id: int | None = None
    sort: str = "oldest"

    def cleaned(self) -> QueueFilter:
        return QueueFilter(
            self.kind if self.kind in KINDS else "",
            self.status if self.status in STATUSES else "open",
            self.reason if self.reason in REASONS else "",
            self.organisation_id,
            self.sort if self.sort in SORTS else "oldest",
        )


def _sorted(entries: list[QueueEntry], sort: str) -> list[QueueEntry]:
    entries.sort(key=lambda e: (e.since, e.key))
    if sort == "newest":
        entries.reverse()
    elif sort == "reported":
        entries.sort(key=lambda e: -e.flag_count)  # stable: equal counts stay oldest first
    return entries


def _all_entries(actor: User, kind: str, status: str) -> list[QueueEntry]:
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
    return entries


def queue_entries(
    actor: User,
    kind: str = "",
    status: str = "open",
    *,
    reason: str = "",
    organisation_id: int | None = None,
    sort: str = "oldest",
) -> list[QueueEntry]:
    """Every entry matching the filter, in the order asked for (oldest first by default)."""
    return filtered_queue(actor, QueueFilter(kind, status, reason, organisation_id, sort))[0]


def filtered_queue(actor: User, wanted: QueueFilter) -> tuple[list[QueueEntry], list[tuple[int, str]]]:
    """The entries matching ``wanted``, and the organisations of every entry of its kind and status
    (for the organisation filter's choices)."""
    require(actor, "moderation.review")
    wanted = wanted.cleaned()
    entries = _all_entries(actor, wanted.kind, wanted.status)
    organisations = sorted(
        {e.organisation_id: e.organisation_name for e in entries if e.organisation_id is not None}.items(),
        key=lambda pair: pair[1].lower(),
    )
    if wanted.reason:
        entries = [e for e in entries if wanted.reason in e.reason_codes]
    if wanted.organisation_id is not None:
        entries = [e for e in entries if e.organisation_id == wanted.organisation_id]
    return _sorted(entries, wanted.sort), organisations


@dataclass
class QueuePage:
    page: Page
    organisations: list[tuple[int, str]]


def queue_page(actor: User, wanted: QueueFilter, page: int = 1, per_page: int = 20) -> QueuePage:
    entries, organisations = filtered_queue(actor, wanted)
    page = min(page, max(1, -(-len(entries) // per_page)))
    start = (page - 1) * per_page
    return QueuePage(Page(entries[start : start + per_page], len(entries), page, per_page), organisations)


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
