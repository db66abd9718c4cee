"""The directory as data: one row per channel of an approved organisation, as CSV or JSON.

The same filters as the directory page (``orgs.service.DirectoryFilters``). CSV cells go through
the audit log's ``safe_cell``, so a channel or name starting with ``=`` is never run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..moderation.auditlog import safe_cell
from ..orgs.models import ORG_TYPE_LABELS, PLATFORM_LABELS, Organisation, OrgStatus, SocialChannel
from ..orgs.service import DirectoryFilters

COLUMNS = (
    "organisation",
    "organisation_slug",
    "type",
    "country",
    "region",
    "city",
    "website",
    "platform",
    "platform_label",
    "handle",
    "url",
    "status",
    "last_verified_at",
    "broken_since",
)


def _organisations(filters: DirectoryFilters) -> Select[Organisation]:
    query = select(Organisation).where(Organisation.status == OrgStatus.APPROVED.value)
    if filters.q:
        query = query.where(func.lower(Organisation.name).contains(filters.q.lower(), autoescape=True))
    for column, value in (
        (Organisation.type, filters.type),
        (Organisation.country, filters.country),
        (Organisation.region, filters.region),
    ):
        if value:
            query = query.where(column == value)
    return query.options(selectinload(Organisation.channels)).order_by(func.lower(Organisation.name), Organisation.id)


def channel_status(channel: SocialChannel) -> str:
    if channel.broken_since is not None:
        return "broken"
    return "verified" if channel.last_verified_at is not None else "unchecked"


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def rows(filters: DirectoryFilters) -> Iterator[dict[str, Any]]:
    for org in db.session.execute(_organisations(filters)).scalars():
        for channel in org.channels:
            if filters.platform and channel.platform != filters.platform:
                continue
            yield {
                "organisation": org.name,
                "organisation_slug": org.slug,
                "type": ORG_TYPE_LABELS.get(org.type, org.type),
                "country": org.country,
                "region": org.region,
                "city": org.city,
                "website": org.website,
                "platform": channel.platform,
                "platform_label": PLATFORM_LABELS.get(channel.platform, channel.platform),
                "handle": channel.handle,
                "url": channel.url,
                "status": channel_status(channel),
                "last_verified_at": _when(channel.last_verified_at),
                "broken_since": _when(channel.broken_since),
            }


def as_csv(filters: DirectoryFilters) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows(filters):
        writer.writerow([safe_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def as_json(filters: DirectoryFilters) -> dict[str, Any]:
    channels = list(rows(filters))
    return {"count": len(channels), "channels": channels}
