"""Areas of expertise members list on their profile ("TikTok for recruitment")."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class Expertise(Model):
    __tablename__ = "user_expertise"
    __table_args__ = (UniqueConstraint("user_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))  # as the member wrote it
    slug: Mapped[str] = mapped_column(String(60), index=True)  # for matching
