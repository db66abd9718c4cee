"""Claiming rows of a work queue so that any number of workers never do one item twice.

A queued item is claimed by one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)``:
on PostgreSQL two workers skip each other's rows instead of waiting; on SQLite (which has no row
locks and renders no ``FOR UPDATE``) the single statement runs under the database's write lock,
which is just as exclusive. A claim is a lease: the claimer's token and a ``lease_until``. A
worker killed mid-item leaves its lease to expire, and the item becomes due again, so nothing is
lost; finishing an item checks the token, so a worker whose lease ran out cannot overwrite the
outcome of the worker that took over.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, Integer, String, Text, and_, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from ..db_setup import write_transaction
from ..db_types import UTCDateTime, utcnow
from ..extensions import db

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"  # gave up after the last attempt; kept for the operator


class QueueItem:
    """Columns every work queue shares, the primary key included."""

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    # When the item may next be tried (now, or later after a failure: the backoff).
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


Item = TypeVar("Item", bound=QueueItem)


def due(model: type[QueueItem], now: datetime) -> ColumnElement[bool]:
    """Queued and due, or running under a lease that has expired (its worker died)."""
    return or_(
        and_(model.status == QUEUED, model.available_at <= now),
        and_(model.status == RUNNING, model.lease_until < now),
    )


def claim(model: type[Item], *, limit: int, lease: timedelta, now: datetime | None = None) -> list[Item]:
    """Claim up to ``limit`` due items for this caller and return them (committed).

    Commits the session's current transaction first: a claim is its own short transaction.
    """
    now = now or utcnow()
    token = uuid.uuid4().hex
    model_id = model.id
    wanted = select(model_id).where(due(model, now)).order_by(model_id).limit(limit).with_for_update(skip_locked=True)
    with write_transaction():
        db.session.execute(
            update(model)
            .where(model_id.in_(wanted.scalar_subquery()))
            .values(
                status=RUNNING,
                claimed_by=token,
                lease_until=now + lease,
                attempts=model.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    items = list(db.session.scalars(select(model).where(model.claimed_by == token).order_by(model_id)))
    db.session.commit()
    return items


def backoff(attempts: int, *, base: float, cap: float) -> timedelta:
    """Exponential backoff with jitter: about base, 2·base, 4·base … up to ``cap`` seconds."""
    delay = min(cap, base * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))


def _finish(model: type[QueueItem], item_id: int, token: str | None, **values: object) -> bool:
    model_id = model.id
    with write_transaction():
        result = db.session.execute(
            update(model)
            .where(model_id == item_id, model.claimed_by == token, model.status == RUNNING)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_done(item: QueueItem, *, now: datetime | None = None) -> bool:
    """Record success; False when this worker's lease was lost to another worker."""
    return _finish(
        type(item),
        item.id,
        item.claimed_by,
        status=DONE,
        finished_at=now or utcnow(),
        lease_until=None,
    )


def mark_failed(
    item: QueueItem, error: str, *, base: float, cap: float, now: datetime | None = None, permanent: bool = False
) -> bool:
    """Record a failed attempt: retried after a backoff, or given up after ``max_attempts``."""
    now = now or utcnow()
    values: dict[str, object] = {"last_error": error[:2000], "lease_until": None}
    if permanent or item.attempts >= item.max_attempts:
        values.update(status=FAILED, finished_at=now)
    else:
        values.update(status=QUEUED, available_at=now + backoff(item.attempts, base=base, cap=cap))
    return _finish(type(item), item.id, item.claimed_by, **values)
