from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import UTCDateTime, utcnow
from ..extensions import Model

if TYPE_CHECKING:
    from ..orgs.models import Membership


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    job_title: Mapped[str] = mapped_column(String(120), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_moderator: Mapped[bool] = mapped_column(Boolean, default=False)
    # Bumped on sign-out, password change/reset and suspension: every older session and
    # remember-me cookie stops working because the id Flask-Login stores embeds it.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Deactivated by an admin: cannot sign in at all.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_indefinitely: Mapped[bool] = mapped_column(Boolean, default=False)
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    # "immediate", "digest" or "never" (the discussions issue's notification setting).
    email_notifications: Mapped[str] = mapped_column(String(16), default="immediate")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Where the account was registered from: limits new accounts per IP per day (docs/SECURITY.md 14).
    created_ip: Mapped[str | None] = mapped_column(String(45), index=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_suspended(self) -> bool:
        if self.suspended_indefinitely:
            return True
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users at sign-in
        return self.deactivated_at is None and not self.is_suspended

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
