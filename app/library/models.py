"""The shared library: resources, their topics, tags, revisions, files, and what members do with them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model, db
from ..orgs.models import Organisation


class ResourceKind(enum.StrEnum):
    GUIDE = "guide"
    TOOLKIT = "toolkit"
    POLICY_TEMPLATE = "policy_template"
    CASE_STUDY = "case_study"
    WEBINAR = "webinar"
    RESEARCH = "research"
    LINK = "link"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[str, str] = {
    ResourceKind.GUIDE: "Best-practice guide",
    ResourceKind.TOOLKIT: "Toolkit",
    ResourceKind.POLICY_TEMPLATE: "Policy or template",
    ResourceKind.CASE_STUDY: "Case study",
    ResourceKind.WEBINAR: "Webinar or recording",
    ResourceKind.RESEARCH: "Research",
    ResourceKind.LINK: "Link",
    ResourceKind.OTHER: "Other",
}


class Visibility(enum.StrEnum):
    PUBLIC = "public"
    MEMBERS = "members"

    @property
    def label(self) -> str:
        return VISIBILITY_LABELS[self]


VISIBILITY_LABELS: dict[str, str] = {Visibility.PUBLIC: "Public", Visibility.MEMBERS: "Members only"}


class ResourceStatus(enum.StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    RETURNED = "returned"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[str, str] = {
    ResourceStatus.DRAFT: "Draft",
    ResourceStatus.PENDING: "Pending review",
    ResourceStatus.PUBLISHED: "Published",
    ResourceStatus.RETURNED: "Returned",
    ResourceStatus.ARCHIVED: "Archived",
}


class TopicGroup(enum.StrEnum):
    PLATFORM = "platform"
    SUBJECT = "subject"


TOPIC_GROUP_LABELS: dict[str, str] = {TopicGroup.PLATFORM: "Platforms", TopicGroup.SUBJECT: "Subjects"}


resource_topics = Table(
    "resource_topics",
    db.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)

resource_tags = Table(
    "resource_tags",
    db.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Topic(Model):
    """A curated topic (admins keep the list): a platform such as LinkedIn, or a subject."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    group: Mapped[str] = mapped_column(String(16), default=TopicGroup.SUBJECT.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def group_label(self) -> str:
        return TOPIC_GROUP_LABELS.get(self.group, self.group)


class Tag(Model):
    """A free tag; ``name`` is the normalised form (lower case, single spaces)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True, index=True)


class Resource(Model):
    __tablename__ = "resources"
    __table_args__ = (
        Index("ix_resources_listing", "status", "visibility", "published_at"),
        # Members' listings (both visibilities) and the home page's featured list, newest first.
        Index("ix_resources_published", "status", "published_at"),
        Index("ix_resources_featured_published", "featured", "published_at"),
        # Counting listed resources from the index alone (the listing's total, per audience).
        Index(
            "ix_resources_listed",
            "status",
            "visibility",
            postgresql_where=text("hidden_at IS NULL AND merged_into_id IS NULL"),
            sqlite_where=text("hidden_at IS NULL AND merged_into_id IS NULL"),
        ),
        Index("ix_resources_org_status", "organisation_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    body_source: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")  # sanitized by content.render_markdown
    kind: Mapped[str] = mapped_column(String(24), default=ResourceKind.GUIDE.value, index=True)
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.PUBLIC.value)
    status: Mapped[str] = mapped_column(String(16), default=ResourceStatus.DRAFT.value)
    return_reason: Mapped[str] = mapped_column(Text, default="")
    featured: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    external_url: Mapped[str] = mapped_column(String(1000), default="")
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Set when the privacy guard found likely patient information and the author sent it anyway.
    privacy_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    privacy_findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # by a moderator's review
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id", ondelete="SET NULL"), index=True)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    view_count: Mapped[int] = mapped_column(Integer, default=0)
    # Review-by (review_dates.py): past it, readers see "may be out of date"; None: never.
    review_by: Mapped[date | None] = mapped_column(Date, index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_reminded_for: Mapped[date | None] = mapped_column(Date)  # the review_by already reminded of
    # Lineage (adaptation.py): the template this is an organisation's adaptation of, and the
    # upstream revision its content last took (the base of the three-way comparison).
    upstream_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id", ondelete="SET NULL"), index=True)
    upstream_revision: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    topics: Mapped[list[Topic]] = relationship(secondary=resource_topics, order_by=Topic.name)
    tags: Mapped[list[Tag]] = relationship(secondary=resource_tags, order_by=Tag.name)
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="resource", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    merged_into: Mapped[Resource | None] = relationship(remote_side=[id], foreign_keys=[merged_into_id])
    upstream: Mapped[Resource | None] = relationship(remote_side=[id], foreign_keys=[upstream_id])

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def visibility_label(self) -> str:
        return VISIBILITY_LABELS.get(self.visibility, self.visibility)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED.value

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC.value

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_listed(self) -> bool:
        """Shown in the library, feeds and search (subject to visibility)."""
        return self.is_published and self.hidden_at is None and self.merged_into_id is None

    def __repr__(self) -> str:
        return f"<Resource {self.id} {self.slug} {self.status}>"


class ResourceSlug(Model):
    """A slug the resource had before a title change; ``/library/<old>`` redirects (301)."""

    __tablename__ = "resource_slugs"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResourceRevision(Model):
    """A full snapshot after each saved edit (number 1 is the content as created)."""

    __tablename__ = "resource_revisions"
    __table_args__ = (UniqueConstraint("resource_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_source: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(24))
    visibility: Mapped[str] = mapped_column(String(16))
    external_url: Mapped[str] = mapped_column(String(1000), default="")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)  # topic slugs
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)  # tag names

    editor: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def visibility_label(self) -> str:
        return VISIBILITY_LABELS.get(self.visibility, self.visibility)


class Attachment(Model):
    """A file attached to a resource, stored under a generated name in ``UPLOAD_DIR``."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))  # metadata only: never part of a path
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    extracted_text: Mapped[str] = mapped_column(Text, default="")
    # Reading the text runs in a background job: "pending" until it ends, then "read", "partial"
    # (cut short at a limit) or "failed"; "none" for images. ``text_note`` says why, for the author.
    text_status: Mapped[str] = mapped_column(String(16), default="none")
    text_note: Mapped[str] = mapped_column(String(300), default="")
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    resource: Mapped[Resource] = relationship(back_populates="attachments")
    uploader: Mapped[User | None] = relationship()


class Bookmark(Model):
    __tablename__ = "bookmarks"
    __table_args__ = (UniqueConstraint("user_id", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    resource: Mapped[Resource] = relationship()


class HelpfulVote(Model):
    __tablename__ = "helpful_votes"
    __table_args__ = (UniqueConstraint("user_id", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResourceView(Model):
    """One counted view per viewer per resource per day (reloads and the author do not count)."""

    __tablename__ = "resource_views"
    __table_args__ = (UniqueConstraint("resource_id", "viewer_key", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    viewer_key: Mapped[str] = mapped_column(String(64))  # "u:<user id>" or a keyed hash of IP and agent
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Collection(Model):
    """A curated, ordered list of resources built by moderators (e.g. a starter kit)."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    items: Mapped[list[CollectionItem]] = relationship(
        back_populates="collection", cascade="all, delete-orphan", order_by="CollectionItem.position"
    )


class CollectionItem(Model):
    __tablename__ = "collection_items"
    __table_args__ = (UniqueConstraint("collection_id", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    collection: Mapped[Collection] = relationship(back_populates="items")
    resource: Mapped[Resource] = relationship()
