"""Adoption of each platform across member organisations: now (by type and country) and over time.

"Now" counts approved organisations listing a channel on the platform. "Over time" comes from the
check history: in each month, the organisations whose channel on the platform answered a check.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from ..db_types import utcnow
from ..extensions import db
from ..moderation.charts import Chart, bar_chart, column_chart
from ..orgs.models import ORG_TYPE_LABELS, PLATFORM_LABELS, Organisation, OrgStatus, SocialChannel
from .models import ChannelCheck, CheckOutcome

MONTHS = 12


@dataclass(frozen=True)
class Breakdown:
    """Rows (an organisation type or a country) × platforms: organisations with a channel there."""

    title: str
    rows: list[tuple[str, int, dict[str, int]]]  # label, organisations in the group, count per platform


@dataclass(frozen=True)
class AdoptionStats:
    organisations: int
    platforms: list[tuple[str, str, int]]  # value, label, organisations
    by_type: Breakdown
    by_country: Breakdown
    months: list[str]
    history: dict[str, list[int]]  # platform → organisations verified per month
    chart: Chart
    history_chart: Chart

    def share(self, count: int, total: int | None = None) -> int:
        total = self.organisations if total is None else total
        return round(100 * count / total) if total else 0


def _month_starts(now: datetime, count: int) -> list[datetime]:
    year, month = now.year, now.month
    starts = []
    for _ in range(count):
        starts.append(now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def _breakdown(title: str, group_column: InstrumentedAttribute[str], labels: dict[str, str] | None = None) -> Breakdown:
    approved = Organisation.status == OrgStatus.APPROVED.value
    sizes = dict(
        db.session.execute(
            select(group_column, func.count(Organisation.id)).where(approved).group_by(group_column)
        ).all()
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    query = (
        select(group_column, SocialChannel.platform, func.count(func.distinct(Organisation.id)))
        .join(SocialChannel, SocialChannel.organisation_id == Organisation.id)
        .where(approved)
        .group_by(group_column, SocialChannel.platform)
    )
    for group, platform, count in db.session.execute(query):
        counts[group][platform] = count
    rows = [
        ((labels or {}).get(group, group) or "Not given", size, counts.get(group, {}))
        for group, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0] or ""))
    ]
    return Breakdown(title, rows)


def adoption() -> AdoptionStats:
    approved = Organisation.status == OrgStatus.APPROVED.value
    total = db.session.execute(select(func.count(Organisation.id)).where(approved)).scalar_one()
    per_platform = dict(
        db.session.execute(
            select(SocialChannel.platform, func.count(func.distinct(SocialChannel.organisation_id)))
            .join(Organisation, Organisation.id == SocialChannel.organisation_id)
            .where(approved)
            .group_by(SocialChannel.platform)
        ).all()
    )
    platforms = sorted(
        ((value, label, per_platform.get(value, 0)) for value, label in PLATFORM_LABELS.items()),
        key=lambda item: (-item[2], item[1]),
    )
    starts = _month_starts(utcnow(), MONTHS)
    history = {value: [0] * MONTHS for value in PLATFORM_LABELS}
    verified = (
        select(ChannelCheck.platform, ChannelCheck.organisation_id, ChannelCheck.checked_at)
        .where(ChannelCheck.outcome == CheckOutcome.OK.value, ChannelCheck.checked_at >= starts[0])
        .distinct()
    )
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for platform, org_id, checked_at in db.session.execute(verified):
        index = max(i for i, start in enumerate(starts) if checked_at >= start)
        seen[(platform, index)].add(org_id)
    for (platform, index), orgs in seen.items():
        if platform in history:
            history[platform][index] = len(orgs)
    months = [start.strftime("%b %Y") for start in starts]
    verified_any = [len(set().union(*(seen.get((p, i), set()) for p in PLATFORM_LABELS))) for i in range(MONTHS)]
    return AdoptionStats(
        organisations=total,
        platforms=platforms,
        by_type=_breakdown("By type of organisation", Organisation.type, dict(ORG_TYPE_LABELS)),
        by_country=_breakdown("By country", Organisation.country),
        months=months,
        history=history,
        chart=bar_chart(
            "adoption",
            "Member organisations with an account, per platform",
            [(label, count) for _, label, count in platforms],
        ),
        history_chart=column_chart(
            "verified-history",
            "Organisations with a verified channel, per month",
            [(start.strftime("%b"), count) for start, count in zip(starts, verified_any, strict=True)],
        ),
    )
