"""The API's shapes as pydantic models: the same classes validate requests and, through their
JSON Schema, make ``/api/v1/openapi.json`` (``openapi.py``), so the two cannot drift apart.

Request bodies are strict (a JSON string where a string is documented, no type coercion) and
refuse unknown fields: only what an author may set is taken (docs/SECURITY.md 17). Lengths are
bounded here so a huge value is refused before any service runs; the services then apply their
own rules (``library.validation``, ``discussions.posting``) with their messages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..discussions.posting import BODY_MAX as POST_BODY_MAX
from ..discussions.posting import TITLE_MAX as THREAD_TITLE_MAX
from ..library.models import ResourceKind, Visibility
from ..library.validation import BODY_MAX, SUMMARY_MAX, TAGS_MAX, TITLE_MAX, URL_MAX
from ..orgs.models import PLATFORM_LABELS

# Slugs as the site makes them: lower-case letters, digits and hyphens.
Slug = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$")]
# A topic by slug or name: printable, no control characters.
TopicName = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[^\x00-\x1f\x7f]+$")]
Tag = Annotated[str, StringConstraints(max_length=100)]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ResponseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- Requests -----------------------------------------------------------------------------


class ResourceCreate(RequestBody):
    """A new resource, saved as a draft of the organisation (only its members see it)."""

    title: str = Field(max_length=TITLE_MAX * 2, description=f"3 to {TITLE_MAX} characters once tidied")
    summary: str = Field("", max_length=SUMMARY_MAX * 2)
    body: str = Field("", max_length=BODY_MAX, description="Markdown; raw HTML shows as text")
    kind: ResourceKind = ResourceKind.GUIDE
    visibility: Visibility = Visibility.PUBLIC
    organisation: Slug | None = Field(
        None, description="Slug of one of your organisations; needed only when you belong to several"
    )
    topics: list[TopicName] = Field(default_factory=list, max_length=30, description="Topic slugs or names")
    tags: list[Tag] = Field(default_factory=list, max_length=TAGS_MAX)
    external_url: str = Field("", max_length=URL_MAX)
    send_for_review: bool = Field(
        False, description="When the privacy guard flags a passage: keep it for a moderator instead of refusing"
    )


class ResourceUpdate(RequestBody):
    """Fields to change; those left out keep their value. Goes through the same rules as the edit page."""

    title: str | None = Field(None, max_length=TITLE_MAX * 2)
    summary: str | None = Field(None, max_length=SUMMARY_MAX * 2)
    body: str | None = Field(None, max_length=BODY_MAX)
    kind: ResourceKind | None = None
    visibility: Visibility | None = None
    topics: list[TopicName] | None = Field(None, max_length=30)
    tags: list[Tag] | None = Field(None, max_length=TAGS_MAX)
    external_url: str | None = Field(None, max_length=URL_MAX)
    note: str = Field("", max_length=300, description="What changed, kept with the revision")
    send_for_review: bool = False


class ThreadCreate(RequestBody):
    category: Slug = Field(description="Slug of a category you may post in")
    title: str = Field(max_length=THREAD_TITLE_MAX * 2)
    body: str = Field(max_length=POST_BODY_MAX * 2, description="Markdown")
    resource: Id | None = Field(None, description="Id of a resource the thread discusses")
    send_for_review: bool = False


class ReplyCreate(RequestBody):
    body: str = Field(max_length=POST_BODY_MAX * 2, description="Markdown")
    reply_to: Id | None = Field(None, description="Id of the post answered (its author is told)")
    send_for_review: bool = False


# --- Query strings ------------------------------------------------------------------------


class Paging(BaseModel):
    """Query parameters are strings on the wire: numbers are read from them (not strict)."""

    model_config = ConfigDict(extra="ignore")

    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)


class ResourceQuery(Paging):
    kind: ResourceKind | None = None
    topic: Slug | None = None
    platform: Slug | None = None
    tag: Slug | None = None
    org: Slug | None = Field(None, description="Organisation slug")
    sort: str = Field("newest", pattern="^(newest|helpful)$")


class OrganisationQuery(Paging):
    q: str = Field("", max_length=100, description="Part of the name")
    type: str = Field("", max_length=32)
    country: str = Field("", max_length=80)


class EventQuery(Paging):
    when: str = Field("upcoming", pattern="^(upcoming|past)$")
    platform: str | None = Field(
        None, pattern=f"^({'|'.join(PLATFORM_LABELS)})$", description="Only events about this platform"
    )


class ThreadQuery(Paging):
    post_page: int = Field(1, ge=1, le=100_000, description="Page of the thread's posts (one thread only)")


# --- Responses ----------------------------------------------------------------------------


class OrganisationRef(ResponseBody):
    slug: str
    name: str


class Person(ResponseBody):
    id: int
    name: str


class ResourceSummary(ResponseBody):
    id: int
    slug: str
    title: str
    summary: str
    kind: str
    visibility: str
    status: str = Field(description="draft, pending, published, returned or archived")
    url: str = Field(description="Local path of the resource's page")
    organisation: OrganisationRef
    topics: list[str]
    published_at: datetime | None
    updated_at: datetime


class Resource(ResourceSummary):
    body: str = Field(description="Markdown source")
    body_html: str = Field(description="Sanitized HTML")
    tags: list[str]
    external_url: str
    author: Person | None
    pending_edit: bool = Field(False, description="An edit waits for a moderator; the text shown stays until then")


class Created(ResponseBody):
    id: int
    url: str = Field(description="Local path of the new item's page")
    status: str = Field(description="Resources: draft or pending. Posts: published or held (waits for review)")


class ResourceList(ResponseBody):
    total: int
    page: int
    per_page: int
    items: list[ResourceSummary]


class ThreadSummary(ResponseBody):
    id: int
    title: str
    url: str
    category: str = Field(description="Category slug")
    status: str = Field(description="published, held (waiting for review: its author only) or hidden")
    pinned: bool
    locked: bool
    post_count: int
    organisation: OrganisationRef | None
    author: Person | None
    created_at: datetime
    last_activity_at: datetime


class Post(ResponseBody):
    id: int
    position: int
    author: Person | None
    status: str
    body_html: str | None = Field(description="Sanitized HTML; null when the reader may not see the text")
    reply_to: int | None
    created_at: datetime
    edited_at: datetime | None


class Thread(ThreadSummary):
    resource: int | None = Field(description="Id of the resource discussed, when the reader may see it")
    post_page: int
    post_pages: int
    posts: list[Post]


class ThreadList(ResponseBody):
    total: int
    page: int
    per_page: int
    items: list[ThreadSummary]


class Channel(ResponseBody):
    platform: str
    url: str
    handle: str


class OrganisationSummary(ResponseBody):
    slug: str
    name: str
    type: str
    country: str
    region: str
    city: str
    website: str
    url: str


class Organisation(OrganisationSummary):
    description: str
    channels: list[Channel]


class OrganisationList(ResponseBody):
    total: int
    page: int
    per_page: int
    items: list[OrganisationSummary]


class EventSummary(ResponseBody):
    slug: str
    title: str
    kind: str
    summary: str
    visibility: str
    format: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    cancelled: bool
    url: str
    organisation: OrganisationRef | None
    platforms: list[str] = Field(description="The social platforms the event is about")


class Event(EventSummary):
    description_html: str
    venue: str
    capacity: int | None


class EventList(ResponseBody):
    total: int
    page: int
    per_page: int
    items: list[EventSummary]


class Error(ResponseBody):
    error: str = Field(description="A stable word: unauthorized, insufficient_scope, invalid, not_found…")
    reason: str = Field(description="What went wrong, for people")
    status: int | None = None
    fields: dict[str, list[str]] | None = Field(None, description="Messages by field (validation errors)")
    findings: list[dict[str, object]] | None = Field(None, description="The privacy guard's findings")
    reviewable: bool | None = None
