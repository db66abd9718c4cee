"""The job queue's table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..worker.queue import QueueItem


class Job(QueueItem, Model):
    """One unit of background work of a registered ``kind`` with a JSON ``payload``."""

    __tablename__ = "jobs"

    kind: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
