"""The search log: what people look for (never who), and which searches found nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from .. import telemetry
from ..db_types import utcnow
from ..extensions import db
from .models import SearchLog
from .query import MAX_QUERY_LENGTH, fold


def normalise(text: str) -> str:
    return " ".join(fold(text).split())[:MAX_QUERY_LENGTH]


def log_search(text: str, result_count: int) -> bool:
    """Record one search, later and outside the page's transaction (``app/telemetry.py``).

    Empty queries are not worth a row; returns whether one was handed over."""
    query = normalise(text)
    if not query:
        return False
    searched_at = utcnow()
    telemetry.record(lambda: write_search(query, result_count, searched_at))
    return True


def write_search(query: str, result_count: int, searched_at: datetime) -> None:
    db.session.add(SearchLog(query=query, result_count=result_count, created_at=searched_at))


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int
    fewest_results: int


def top_searches(days: int = 30, limit: int = 20, *, without_results: bool = False) -> list[QueryCount]:
    """The most frequent searches since ``days`` ago; ``without_results``: the content gaps."""
    since: datetime = utcnow() - timedelta(days=days)
    conditions = [SearchLog.created_at >= since]
    if without_results:
        conditions.append(SearchLog.result_count == 0)
    rows = db.session.execute(
        select(SearchLog.query, func.count(), func.min(SearchLog.result_count))
        .where(*conditions)
        .group_by(SearchLog.query)
        .order_by(func.count().desc(), SearchLog.query)
        .limit(limit)
    )
    return [QueryCount(query, searches, results) for query, searches, results in rows]
