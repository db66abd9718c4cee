"""The search log: what people look for (never who), and which searches found nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..db_types import utcnow
from ..extensions import db
from .models import SearchLog
from .query import MAX_QUERY_LENGTH, fold


def normalise(text: str) -> str:
    return " ".join(fold(text).split())[:MAX_QUERY_LENGTH]


def log_search(text: str, result_count: int) -> SearchLog | None:
    """Record one search (the caller commits). Empty queries are not worth a row."""
    query = normalise(text)
    if not query:
        return None
    entry = SearchLog(query=query, result_count=result_count)
    db.session.add(entry)
    db.session.flush()
    return entry


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
