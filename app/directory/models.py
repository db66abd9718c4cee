"""The history of link checks: one row per check of a channel, kept for "broken since" and the stats."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db_types import UTCDateTime, utcnow
from ..extensions import Model


class CheckOutcome(enum.StrEnum):
    OK = "ok"
    BROKEN = "broken"
    INCONCLUSIVE = "inconclusive"  # the platform answered a bot with 403/429…: up, but not verified


class ChannelCheck(Model):
    __tablename__ = "channel_checks"
    __table_args__ = (Index("ix_channel_checks_channel_time", "channel_id", "checked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("social_channels.id", ondelete="CASCADE"))
    # Kept beside the channel so the adoption history needs no join to a channel that may be gone.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    http_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(String(300), default="")
