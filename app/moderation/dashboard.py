"""The moderators' dashboard: the queue, the network's activity per week, who contributes, what is
read and found helpful, and what people searched for without finding anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from ..db_types import utcnow
from ..discussions.models import Post, Thread
from ..extensions import db
from ..library.models import Resource, ResourceStatus
from ..library.service import resource_path
from ..orgs.models import Membership, Organisation
from ..permissions import require
from ..search.models import SearchLog
from . import charts, queue

WEEKS = 12
TOP = 10
AGE_BUCKETS = (("Under a day", 1), ("1–3 days", 3), ("3–7 days", 7), ("Over a week", None))


@dataclass
class Dashboard:
    queue_counts: dict[str, int]
    queue_total: int
    oldest_waiting: timedelta | None
    age_buckets: list[tuple[str, int]]
    weeks: list[str]
    activity: dict[str, list[int]]
    top_organisations: list[dict[str, Any]]
    most_viewed: list[dict[str, Any]]
    most_helpful: list[dict[str, Any]]
    empty_searches: list[dict[str, Any]]
    charts: dict[str, charts.Chart] = field(default_factory=dict)

    @property
    def oldest_waiting_text(self) -> str:
        if self.oldest_waiting is None:
            return "nothing is waiting"
        hours = int(self.oldest_waiting.total_seconds() // 3600)
        if hours < 24:
            return f"{hours} hour{'s' if hours != 1 else ''}"
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"


def week_starts(now: datetime, weeks: int = WEEKS) -> list[datetime]:
    """The Mondays (00:00 UTC) that start each of the last ``weeks`` weeks, oldest first."""
    monday = datetime.combine((now - timedelta(days=now.weekday())).date(), time.min, UTC)
    return [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def weekly_counts(column: Any, starts: list[datetime], *conditions: Any) -> list[int]:
    """How many rows fall in each week, in one query (a conditional count per week)."""
    ends = starts[1:] + [starts[-1] + timedelta(weeks=1)]
    columns = [func.count(case((and_(column >= s, column < e), 1))) for s, e in zip(starts, ends, strict=True)]
    row = db.session.execute(select(*columns).where(column >= starts[0], *conditions)).one()
    return [int(v) for v in row]


def _activity(starts: list[datetime]) -> dict[str, list[int]]:
    return {
        "New resources": weekly_counts(Resource.created_at, starts),
        "New threads": weekly_counts(Thread.created_at, starts),
        "New posts": weekly_counts(Post.created_at, starts),
        "New members": weekly_counts(Membership.created_at, starts),
    }


def _top_organisations(since: datetime) -> list[dict[str, Any]]:
    """Organisations by resources and posts added since ``since``."""

    resources = (
        select(Resource.organisation_id.label("org_id"), func.count(Resource.id).label("n"))
        .where(Resource.created_at >= since)
        .group_by(Resource.organisation_id)
        .subquery()
    )
    posts = (
        select(Post.organisation_id.label("org_id"), func.count(Post.id).label("n"))
        .where(Post.created_at >= since, Post.organisation_id.is_not(None))
        .group_by(Post.organisation_id)
        .subquery()
    )
    r_count = func.coalesce(resources.c.n, 0)
    p_count = func.coalesce(posts.c.n, 0)
    query = (
        select(Organisation.name, Organisation.slug, r_count.label("resources"), p_count.label("posts"))
        .outerjoin(resources, resources.c.org_id == Organisation.id)
        .outerjoin(posts, posts.c.org_id == Organisation.id)
        .where((r_count + p_count) > 0)
        .order_by((r_count + p_count).desc(), Organisation.name)
        .limit(TOP)
    )
    return [
        {
            "name": r.name,
            "slug": r.slug,
            "resources": r.resources,
            "posts": r.posts,
            "total": r.resources + r.posts,
        }
        for r in db.session.execute(query)
    ]


def _top_resources(column_name: str) -> list[dict[str, Any]]:
    column = getattr(Resource, column_name)
    query = (
        select(Resource)
        .where(
            Resource.status == ResourceStatus.PUBLISHED.value,
            Resource.hidden_at.is_(None),
            Resource.merged_into_id.is_(None),
            column > 0,
        )
        .order_by(column.desc(), Resource.id)
        .limit(TOP)
    )
    return [
        {"title": r.title, "url": resource_path(r), "value": getattr(r, column_name)}
        for r in db.session.execute(query).scalars()
    ]


def _empty_searches(since: datetime) -> list[dict[str, Any]]:
    """The commonest searches since ``since`` that found nothing: gaps in what the network offers."""

    query = (
        select(SearchLog.query, func.count().label("n"), func.max(SearchLog.created_at).label("last"))
        .where(SearchLog.result_count == 0, SearchLog.created_at >= since)
        .group_by(SearchLog.query)
        .order_by(func.count().desc(), SearchLog.query)
        .limit(TOP)
    )
    return [{"query": r.query, "count": r.n, "last": r.last} for r in db.session.execute(query)]


def _age_buckets(entries: list[queue.QueueEntry], now: datetime) -> list[tuple[str, int]]:
    counts = dict.fromkeys((label for label, _ in AGE_BUCKETS), 0)
    for entry in entries:
        age_days = (now - entry.since).total_seconds() / 86400
        for label, limit in AGE_BUCKETS:
            if limit is None or age_days < limit:
                counts[label] += 1
                break
    return list(counts.items())


def build(actor: Any) -> Dashboard:
    require(actor, "moderation.dashboard")
    now = utcnow()
    entries = queue.queue_entries(actor)
    counts = {kind: 0 for kind in queue.KINDS}
    for entry in entries:
        counts[entry.kind] += 1
    starts = week_starts(now)
    weeks = [f"{s:%d %b}" for s in starts]
    data = Dashboard(
        queue_counts=counts,
        queue_total=len(entries),
        oldest_waiting=(now - entries[0].since) if entries else None,
        age_buckets=_age_buckets(entries, now),
        weeks=weeks,
        activity=_activity(starts),
        top_organisations=_top_organisations(starts[0]),
        most_viewed=_top_resources("view_count"),
        most_helpful=_top_resources("helpful_count"),
        empty_searches=_empty_searches(starts[0]),
    )
    data.charts = _charts(data)
    return data


def _charts(data: Dashboard) -> dict[str, charts.Chart]:
    made = {
        "queue": charts.column_chart(
            "chart-queue",
            "Waiting in the queue, by kind",
            [(queue.KINDS[k], n) for k, n in data.queue_counts.items()],
        ),
        "age": charts.column_chart("chart-age", "Waiting in the queue, by age", data.age_buckets),
        "organisations": charts.bar_chart(
            "chart-orgs",
            "Top contributing organisations",
            [(o["name"], o["total"]) for o in data.top_organisations],
        ),
        "viewed": charts.bar_chart(
            "chart-viewed", "Most viewed resources", [(r["title"], r["value"]) for r in data.most_viewed]
        ),
        "helpful": charts.bar_chart(
            "chart-helpful", "Most helpful resources", [(r["title"], r["value"]) for r in data.most_helpful]
        ),
    }
    for i, (name, values) in enumerate(data.activity.items()):
        made[f"activity-{i}"] = charts.column_chart(
            f"chart-activity-{i}", f"{name} per week", list(zip(data.weeks, values, strict=True))
        )
    if data.empty_searches:
        made["searches"] = charts.bar_chart(
            "chart-searches",
            "Searches that found nothing",
            [(s["query"], s["count"]) for s in data.empty_searches],
        )
    return made
