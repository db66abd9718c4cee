from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model


class OrgType(enum.StrEnum):
    HOSPITAL = "hospital"
    NONPROFIT = "nonprofit"
    SOCIETY = "society"
    PATIENT_ASSOCIATION = "patient_association"
    AGENCY = "agency"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ORG_TYPE_LABELS[self]


ORG_TYPE_LABELS: dict[str, str] = {
    OrgType.HOSPITAL: "Hospital or health system",
    OrgType.NONPROFIT: "Health nonprofit",
    OrgType.SOCIETY: "Professional society",
    OrgType.PATIENT_ASSOCIATION: "Patient association",
    OrgType.AGENCY: "Public health agency",
    OrgType.OTHER: "Other",
}


class OrgStatus(enum.StrEnum):
    APPLIED = "applied"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Platform(enum.StrEnum):
    FACEBOOK = "facebook"
    X = "x"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    THREADS = "threads"
    BLUESKY = "bluesky"
    BLOG = "blog"

    @property
    def label(self) -> str:
        return PLATFORM_LABELS[self]


PLATFORM_LABELS: dict[str, str] = {
    Platform.FACEBOOK: "Facebook",
    Platform.X: "X (Twitter)",
    Platform.LINKEDIN: "LinkedIn",
    Platform.YOUTUBE: "YouTube",
    Platform.INSTAGRAM: "Instagram",
    Platform.TIKTOK: "TikTok",
    Platform.THREADS: "Threads",
    Platform.BLUESKY: "Bluesky",
    Platform.BLOG: "Blog",
}


class MemberRole(enum.StrEnum):
    MEMBER = "member"
    ORG_ADMIN = "org_admin"


class Organisation(Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    type: Mapped[str] = mapped_column(String(32), default=OrgType.HOSPITAL.value)
    website: Mapped[str] = mapped_column(String(500), default="")
    country: Mapped[str] = mapped_column(String(80), default="", index=True)
    region: Mapped[str] = mapped_column(String(80), default="")  # state or province
    city: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # Staff e-mail domain (e.g. "mercy-health.example"): suggests the organisation to join.
    email_domain: Mapped[str] = mapped_column(String(253), default="", index=True)
    status: Mapped[str] = mapped_column(String(16), default=OrgStatus.APPLIED.value, index=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    applied_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    channels: Mapped[list[SocialChannel]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="SocialChannel.platform"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    applied_by: Mapped[User | None] = relationship(foreign_keys=[applied_by_id])

    @property
    def is_approved(self) -> bool:
        return self.status == OrgStatus.APPROVED.value

    @property
    def type_label(self) -> str:
        return ORG_TYPE_LABELS.get(self.type, self.type)


class SocialChannel(Model):
    __tablename__ = "social_channels"
    __table_args__ = (UniqueConstraint("organisation_id", "platform", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(16), index=True)
    url: Mapped[str] = mapped_column(String(500))

    organisation: Mapped[Organisation] = relationship(back_populates="channels")

    @property
    def platform_label(self) -> str:
        return PLATFORM_LABELS.get(self.platform, self.platform)


class Membership(Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default=MemberRole.MEMBER.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships", lazy="joined")

    @property
    def is_org_admin(self) -> bool:
        return self.role == MemberRole.ORG_ADMIN.value


class Invitation(Model):
    """An e-mailed invitation to join an organisation: single use, expiring.

    The e-mailed link carries a signed token naming this row; ``used_at`` makes it single use.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(16), default=MemberRole.MEMBER.value)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])


class JoinRequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class JoinRequest(Model):
    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=JoinRequestStatus.PENDING.value, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
