"""Discussions: categories, threads, posts, their edit history, read markers and subscriptions.

Counters on ``Category`` and ``Thread`` (``thread_count``, ``post_count``, ``last_post_id``,
``last_activity_at``) count only what every reader of the category may see: published, not
hidden, not deleted. The service keeps them current (``counters.py``); listings never count rows.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model
from ..orgs.models import Organisation

if TYPE_CHECKING:
    from ..library.models import Resource


class CategoryVisibility(enum.StrEnum):
    PUBLIC = "public"  # visitors read, members post
    MEMBERS = "members"  # members of approved organisations only

    @property
    def label(self) -> str:
        return "Public" if self is CategoryVisibility.PUBLIC else "Members only"


class PostStatus(enum.StrEnum):
    PUBLISHED = "published"
    HELD = "held"  # waiting for a moderator: the privacy guard or the new-member rule
    REJECTED = "rejected"  # a moderator declined a held post; only its author and moderators see it


class HoldReason(enum.StrEnum):
    PRIVACY = "privacy"
    NEW_MEMBER = "new_member"


class Category(Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)
    visibility: Mapped[str] = mapped_column(String(16), default=CategoryVisibility.PUBLIC.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    thread_count: Mapped[int] = mapped_column(Integer, default=0)
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    last_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL", use_alter=True)
    )
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    last_post: Mapped[Post | None] = relationship(foreign_keys=[last_post_id], post_update=True)

    @property
    def is_public(self) -> bool:
        return self.visibility == CategoryVisibility.PUBLIC.value

    @property
    def visibility_label(self) -> str:
        return CategoryVisibility(self.visibility).label

    def __repr__(self) -> str:
        return f"<Category {self.id} {self.slug}>"


class Thread(Model):
    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_category_activity", "category_id", "pinned", "last_activity_at"),
        Index("ix_threads_activity", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    resource_id: Mapped[int | None] = mapped_column(
        ForeignKey("resources.id", ondelete="SET NULL"), index=True
    )
    # Mirrors the first post: a thread whose first post is held is held too.
    status: Mapped[str] = mapped_column(String(16), default=PostStatus.PUBLISHED.value, index=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    lock_reason: Mapped[str] = mapped_column(Text, default="")
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    hidden_automatically: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    last_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL", use_alter=True)
    )
    # The highest position handed out: positions never repeat, so a post's page never changes.
    last_position: Mapped[int] = mapped_column(Integer, default=0)

    category: Mapped[Category] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    resource: Mapped[Resource | None] = relationship()
    last_post: Mapped[Post | None] = relationship(foreign_keys=[last_post_id], post_update=True)

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED.value

    @property
    def is_held(self) -> bool:
        return self.status == PostStatus.HELD.value

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_listed(self) -> bool:
        """Seen by every reader of its category."""
        return self.is_published and self.hidden_at is None

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.slug}>"


class Post(Model):
    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("thread_id", "position"),
        Index("ix_posts_author_status", "author_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1 is the thread's opening post
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    body_source: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")  # content.render_markdown(body_source)
    status: Mapped[str] = mapped_column(String(16), default=PostStatus.PUBLISHED.value, index=True)
    held_reason: Mapped[str] = mapped_column(String(16), default="")
    # What the privacy guard found, for the moderator: [{"kind", "reason", "passage"}].
    held_findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    review_note: Mapped[str] = mapped_column(Text, default="")  # a moderator's reason for rejecting
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    edit_count: Mapped[int] = mapped_column(Integer, default=0)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    hidden_automatically: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    thread: Mapped[Thread] = relationship(foreign_keys=[thread_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    reply_to: Mapped[Post | None] = relationship(remote_side=[id], foreign_keys=[reply_to_id])

    @property
    def is_first(self) -> bool:
        return self.position == 1

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED.value

    @property
    def is_held(self) -> bool:
        return self.status == PostStatus.HELD.value

    @property
    def is_rejected(self) -> bool:
        return self.status == PostStatus.REJECTED.value

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_listed(self) -> bool:
        """Counted and readable by everyone who may read the thread."""
        return self.is_published and self.hidden_at is None and self.deleted_at is None

    def __repr__(self) -> str:
        return f"<Post {self.id} thread={self.thread_id} #{self.position}>"


class PostRevision(Model):
    """An earlier version of a post, kept when its author edits it (the current text is on Post)."""

    __tablename__ = "post_revisions"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 is the original text
    title: Mapped[str | None] = mapped_column(String(200))  # the thread title, for opening posts
    body_source: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    written_by: Mapped[User | None] = relationship()


class ThreadRead(Model):
    """How far a member has read a thread: the newest post id they have seen."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_post_id: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(Model):
    """A member follows a thread, a whole category, a library topic or an organisation (exactly one
    of the four ids is set); ``muted`` remembers an explicit unfollow, so posting again does not
    silently re-subscribe them. Topics and organisations are followed through ``app/follows``."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("user_id", "thread_id", name="uq_subscriptions_user_thread"),
        UniqueConstraint("user_id", "category_id", name="uq_subscriptions_user_category"),
        UniqueConstraint("user_id", "topic_id", name="uq_subscriptions_user_topic"),
        UniqueConstraint("user_id", "organisation_id", name="uq_subscriptions_user_organisation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    muted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
