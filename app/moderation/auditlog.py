"""Reading the audit trail: filtered, paginated listing and a CSV export safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..audit import AuditEvent
from ..extensions import db
from ..permissions import require
from ..templating import Page

CSV_COLUMNS = (
    "id",
    "time_utc",
    "actor_id",
    "actor",
    "action",
    "target_type",
    "target_id",
    "target",
    "reason",
    "before",
    "after",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets in many locales split a cell on ";" (or "," "|" tab): a formula start after any of
# them, spaces allowed, would begin a cell of its own there (issue 11.10).
FORMULA_AFTER_SEPARATOR = re.compile(r"([;,|\t\r\n][ \t]*)([=+\-@])")


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    action: str = ""
    target_type: str = ""
    target_id: int | None = None
    start: date | None = None  # inclusive
    end: date | None = None  # inclusive

    def apply(self, query: Select) -> Select:
        if self.actor_id is not None:
            query = query.where(AuditEvent.actor_id == self.actor_id)
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.target_type:
            query = query.where(AuditEvent.target_type == self.target_type)
        if self.target_id is not None:
            query = query.where(AuditEvent.target_id == self.target_id)
        if self.start is not None:
            query = query.where(AuditEvent.created_at >= datetime.combine(self.start, time.min, UTC))
        if self.end is not None:
            query = query.where(
                AuditEvent.created_at < datetime.combine(self.end + timedelta(days=1), time.min, UTC)
            )
        return query


def list_events(actor: Any, filters: AuditFilter, page: int = 1, per_page: int = 50) -> Page:
    require(actor, "moderation.view_log")
    total = db.session.execute(filters.apply(select(func.count(AuditEvent.id)))).scalar_one()
    page = min(page, max(1, -(-total // per_page)))
    query = (
        filters.apply(select(AuditEvent))
        .options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(db.session.execute(query).scalars()), total, page, per_page)


def filter_choices(actor: Any) -> dict[str, list]:
    """What the filter form offers: the actions, target types and actors found in the log."""
    require(actor, "moderation.view_log")
    actions = db.session.execute(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).scalars()
    types = db.session.execute(
        select(AuditEvent.target_type).distinct().order_by(AuditEvent.target_type)
    ).scalars()
    actor_ids = select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None)).distinct()
    actors = db.session.execute(
        select(User.id, User.name).where(User.id.in_(actor_ids)).order_by(User.name)
    ).all()
    return {"actions": list(actions), "target_types": list(types), "actors": [(a.id, a.name) for a in actors]}


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", text)


def _row(event: AuditEvent) -> list[str]:
    values = (
        event.id,
        event.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_id,
        event.actor.name if event.actor else "",
        event.action,
        event.target_type,
        event.target_id,
        event.target_label,
        event.reason,
        _compact(event.before),
        _compact(event.after),
    )
    return [safe_cell(v) for v in values]


def _compact(state: dict[str, Any] | None) -> str:
    if not state:
        return ""
    return "; ".join(f"{key}={value}" for key, value in state.items())


def export_csv(actor: Any, filters: AuditFilter, batch: int = 500) -> Iterator[str]:
    """The filtered log as CSV text, oldest first, produced in chunks for a streamed response.

    The permission is checked now, not when streaming starts: by then the request's unit of work
    has committed and the actor is no longer loaded."""
    require(actor, "moderation.view_log")
    return _csv_chunks(filters, batch)


def _csv_chunks(filters: AuditFilter, batch: int) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    last_id = 0
    while True:
        query = (
            filters.apply(select(AuditEvent))
            .where(AuditEvent.id > last_id)
            .options(joinedload(AuditEvent.actor))
            .order_by(AuditEvent.id)
            .limit(batch)
        )
        events = list(db.session.execute(query).scalars())
        for event in events:
            writer.writerow(_row(event))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if len(events) < batch:
            return
        last_id = events[-1].id
