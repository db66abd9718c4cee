"""Members' reports on a resource, thread or post, and what moderators decided."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model


class FlagReason(enum.StrEnum):
    SPAM = "spam"
    PATIENT_PRIVACY = "patient_privacy"
    MISINFORMATION = "misinformation"
    HARASSMENT = "harassment"
    OTHER = "other"

    @property
    def label(self) -> str:
        return FLAG_REASON_LABELS[self]


FLAG_REASON_LABELS: dict[str, str] = {
    FlagReason.SPAM: "Spam or advertising",
    FlagReason.PATIENT_PRIVACY: "Patient privacy",
    FlagReason.MISINFORMATION: "Health misinformation",
    FlagReason.HARASSMENT: "Harassment or abuse",
    FlagReason.OTHER: "Something else",
}


class FlagStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # a moderator acted on the item (hid it, returned it)
    DISMISSED = "dismissed"  # a moderator kept the item as it was


class TargetType(enum.StrEnum):
    RESOURCE = "resource"
    THREAD = "thread"
    POST = "post"


class Flag(Model):
    __tablename__ = "flags"
    __table_args__ = (
        Index("ix_flags_target", "target_type", "target_id", "status"),
        # One open flag per member and item; closed flags do not count, so a member may flag
        # the same item again after a moderator has looked at it.
        Index(
            "uq_flags_open_per_reporter",
            "reporter_id",
            "target_type",
            "target_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=FlagStatus.OPEN.value, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution_note: Mapped[str] = mapped_column(Text, default="")

    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def reason_label(self) -> str:
        return FLAG_REASON_LABELS.get(self.reason, self.reason)

    def __repr__(self) -> str:
        return f"<Flag {self.id} {self.target_type}:{self.target_id} {self.reason} {self.status}>"
