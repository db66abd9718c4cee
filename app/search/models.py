from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db_types import UTCDateTime, utcnow
from ..extensions import Model


class SearchOutbox(Model):
    """A pending change to the search index, written in the same transaction as the change.

    ``doc_type`` is "resource", "thread", "post" or "organisation"; ``op`` is "upsert" or "delete".
    The indexer reads the current row from the database, so an upsert needs no payload.
    """

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(16))
    doc_id: Mapped[int] = mapped_column()
    op: Mapped[str] = mapped_column(String(8), default="upsert")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(default=0)


class SearchLog(Model):
    """One search as typed, without who searched: for "top searches" and content gaps."""

    __tablename__ = "search_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(256), index=True)  # normalised: folded, single spaces
    result_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
