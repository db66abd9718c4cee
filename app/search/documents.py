"""Database rows → index documents.

``load_documents(doc_type, ids)`` returns the current document for every id that should be in
the index; an id missing from the answer (a draft, pending, returned, hidden, archived, deleted
or merged item, or a row that no longer exists) must be removed from the index. The database is
the source of truth: the outbox only says *which* items changed, never what they contain.

Each document carries its ``audience`` ("public" or "members") so a query can filter by what the
searcher may see, and a ``digest`` of everything indexed so ``flask search check`` can find stale
entries. Rows are read in batches with plain column queries (no per-row lazy loads), which is
what keeps a full rebuild of 100,000 resources within minutes.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from urllib.parse import quote

from sqlalchemy import func, select

from ..courses.models import Course, Lesson
from ..db_types import utcnow
from ..discussions.models import Category, Post, PostStatus, Thread
from ..events.models import (
    EVENT_FORMAT_LABELS,
    EVENT_KIND_LABELS,
    Event,
    EventPlatform,
    EventSession,
    SessionSpeaker,
)
from ..extensions import db
from ..library.models import KIND_LABELS, Attachment, Resource, ResourceStatus, Tag, Topic, TopicGroup
from ..library.models import resource_tags as resource_tags_table
from ..library.models import resource_topics as resource_topics_table
from ..orgs.models import ORG_TYPE_LABELS, PLATFORM_LABELS, Organisation, OrgStatus, SocialChannel

INDEX_TYPES = ("resource", "thread", "organisation", "event", "course")
BATCH = 500
# Bounds on what one document may add to the index (the full text is still kept in the database).
MAX_BODY_CHARS = 200_000
MAX_ATTACHMENT_CHARS = 100_000
MAX_REPLIES_CHARS = 200_000

_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SearchDocument:
    id: str  # "<type>:<database id>"
    type: str
    audience: str  # "public" or "members"
    title: str
    url: str  # the item's local path (docs/DESIGN.md's human URLs)
    label: str = ""  # what kind of item this is, for display ("Best-practice guide")
    summary: str = ""
    body: str = ""
    replies: str = ""
    attachments: str = ""
    tags: list[str] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    platforms: list[tuple[str, str]] = field(default_factory=list)  # (slug, name): Facebook, TikTok…
    keywords: list[str] = field(default_factory=list)  # more words to match (a thread's category)
    kind: str = ""
    org: tuple[str, str] | None = None  # (slug, name)
    date: datetime | None = None

    @property
    def digest(self) -> str:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def doc_key(doc_type: str, doc_id: int) -> str:
    return f"{doc_type}:{doc_id}"


def parse_key(key: str) -> tuple[str, int]:
    doc_type, _, raw_id = key.partition(":")
    return doc_type, int(raw_id)


def html_text(fragment: str | None) -> str:
    """The text of stored, already sanitized HTML (an allow-list leaves no tricky markup)."""
    if not fragment:
        return ""
    return clean_text(html.unescape(_TAG.sub(" ", fragment)))


def clean_text(text: str | None, limit: int | None = None) -> str:
    text = " ".join(_CONTROL.sub(" ", text or "").split())
    return text[:limit] if limit else text


def load_documents(doc_type: str, ids: list[int]) -> dict[int, SearchDocument]:
    """The current document of each id that belongs in the index (see the module docstring)."""
    if not ids:
        return {}
    loader = LOADERS[doc_type]
    return loader(sorted(set(ids)))


def threads_of_posts(post_ids: list[int]) -> set[int]:
    """A post is indexed as part of its thread: the threads to rebuild when posts change."""
    if not post_ids:
        return set()
    rows = db.session.execute(select(Post.thread_id).where(Post.id.in_(post_ids)))
    return {thread_id for (thread_id,) in rows}


def iter_documents(doc_type: str, batch: int = BATCH) -> Iterator[SearchDocument]:
    """Every document of ``doc_type`` that belongs in the index, in id order, batch by batch."""
    model = MODELS[doc_type]
    last_id = 0
    while True:
        ids = list(
            db.session.execute(select(model.id).where(model.id > last_id).order_by(model.id).limit(batch)).scalars()
        )
        if not ids:
            return
        docs = load_documents(doc_type, ids)
        for doc_id in ids:
            if doc_id in docs:
                yield docs[doc_id]
        last_id = ids[-1]


def count_candidates(doc_type: str) -> int:
    """How many rows ``iter_documents`` will look at (for a progress bar)."""

    return db.session.execute(select(func.count()).select_from(MODELS[doc_type])).scalar_one()


# --- Resources --------------------------------------------------------------------------


def _resources(ids: list[int]) -> dict[int, SearchDocument]:
    rows = db.session.execute(
        select(
            Resource.id,
            Resource.title,
            Resource.slug,
            Resource.summary,
            Resource.body_html,
            Resource.kind,
            Resource.visibility,
            Resource.published_at,
            Resource.created_at,
            Organisation.slug,
            Organisation.name,
        )
        .join(Organisation, Organisation.id == Resource.organisation_id)
        .where(
            Resource.id.in_(ids),
            Resource.status == ResourceStatus.PUBLISHED.value,
            Resource.hidden_at.is_(None),
            Resource.merged_into_id.is_(None),
        )
    ).all()
    if not rows:
        return {}
    listed = [row[0] for row in rows]
    topics: dict[int, list[tuple[str, str]]] = defaultdict(list)
    platforms: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for resource_id, slug, name, group in db.session.execute(
        select(resource_topics_table.c.resource_id, Topic.slug, Topic.name, Topic.group)
        .join(Topic, Topic.id == resource_topics_table.c.topic_id)
        .where(resource_topics_table.c.resource_id.in_(listed))
        .order_by(Topic.name)
    ):
        # Platforms are their own dimension (the topics of the "platform" group), not topics.
        (platforms if group == TopicGroup.PLATFORM.value else topics)[resource_id].append((slug, name))
    tags: dict[int, list[str]] = defaultdict(list)
    for resource_id, name in db.session.execute(
        select(resource_tags_table.c.resource_id, Tag.name)
        .join(Tag, Tag.id == resource_tags_table.c.tag_id)
        .where(resource_tags_table.c.resource_id.in_(listed))
        .order_by(Tag.name)
    ):
        tags[resource_id].append(name)
    attachments: dict[int, list[str]] = defaultdict(list)
    for resource_id, original_name, text in db.session.execute(
        select(Attachment.resource_id, Attachment.original_name, Attachment.extracted_text)
        .where(Attachment.resource_id.in_(listed))
        .order_by(Attachment.id)
    ):
        attachments[resource_id].append(f"{original_name} {text or ''}")

    docs = {}
    for (
        rid,
        title,
        slug,
        summary,
        body_html,
        kind,
        visibility,
        published_at,
        created_at,
        org_slug,
        org_name,
    ) in rows:
        docs[rid] = SearchDocument(
            id=doc_key("resource", rid),
            type="resource",
            audience="public" if visibility == "public" else "members",
            title=clean_text(title),
            url=f"/library/{quote(slug)}",
            label=KIND_LABELS.get(kind, kind),
            summary=clean_text(summary),
            body=clean_text(html_text(body_html), MAX_BODY_CHARS),
            attachments=clean_text(" ".join(attachments[rid]), MAX_ATTACHMENT_CHARS),
            tags=tags[rid],
            topics=topics[rid],
            platforms=platforms[rid],
            kind=kind,
            org=(org_slug, clean_text(org_name)),
            date=published_at or created_at,
        )
    return docs


# --- Discussions: a thread's document holds its opening post and its visible replies ------


def _threads(ids: list[int]) -> dict[int, SearchDocument]:
    rows = db.session.execute(
        select(
            Thread.id,
            Thread.title,
            Thread.slug,
            Thread.created_at,
            Category.slug,
            Category.name,
            Category.visibility,
            Organisation.slug,
            Organisation.name,
        )
        .join(Category, Category.id == Thread.category_id)
        .outerjoin(Organisation, Organisation.id == Thread.organisation_id)
        .where(
            Thread.id.in_(ids),
            Thread.status == PostStatus.PUBLISHED.value,
            Thread.hidden_at.is_(None),
        )
    ).all()
    if not rows:
        return {}
    listed = [row[0] for row in rows]
    opening: dict[int, str] = {}
    replies: dict[int, list[str]] = defaultdict(list)
    for thread_id, position, body_html in db.session.execute(
        select(Post.thread_id, Post.position, Post.body_html)
        .where(
            Post.thread_id.in_(listed),
            Post.status == PostStatus.PUBLISHED.value,
            Post.hidden_at.is_(None),
            Post.deleted_at.is_(None),
        )
        .order_by(Post.thread_id, Post.position)
    ):
        if position == 1:
            opening[thread_id] = html_text(body_html)
        else:
            replies[thread_id].append(html_text(body_html))

    docs = {}
    for tid, title, slug, created_at, cat_slug, cat_name, cat_visibility, org_slug, org_name in rows:
        docs[tid] = SearchDocument(
            id=doc_key("thread", tid),
            type="thread",
            audience="public" if cat_visibility == "public" else "members",
            title=clean_text(title),
            url=f"/discussions/{quote(cat_slug)}/{tid}-{quote(slug)}",
            label=f"Discussion in {clean_text(cat_name)}",
            body=clean_text(opening.get(tid, ""), MAX_BODY_CHARS),
            replies=clean_text(" ".join(replies[tid]), MAX_REPLIES_CHARS),
            keywords=[clean_text(cat_name)],
            org=(org_slug, clean_text(org_name)) if org_slug else None,
            date=created_at,
        )
    return docs


# --- Organisations ----------------------------------------------------------------------


def _organisations(ids: list[int]) -> dict[int, SearchDocument]:
    rows = db.session.execute(
        select(
            Organisation.id,
            Organisation.name,
            Organisation.slug,
            Organisation.type,
            Organisation.city,
            Organisation.region,
            Organisation.country,
            Organisation.description,
            Organisation.decided_at,
            Organisation.created_at,
        ).where(Organisation.id.in_(ids), Organisation.status == OrgStatus.APPROVED.value)
    ).all()
    if not rows:
        return {}
    platforms: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for org_id, platform in db.session.execute(
        select(SocialChannel.organisation_id, SocialChannel.platform)
        .where(SocialChannel.organisation_id.in_([row[0] for row in rows]))
        .order_by(SocialChannel.platform)
    ):
        pair = (platform, PLATFORM_LABELS.get(platform, platform))
        if pair not in platforms[org_id]:
            platforms[org_id].append(pair)

    docs = {}
    for oid, name, slug, org_type, city, region, country, description, decided_at, created_at in rows:
        type_label = ORG_TYPE_LABELS.get(org_type, org_type)
        location = ", ".join(part for part in (city, region, country) if part)
        docs[oid] = SearchDocument(
            id=doc_key("organisation", oid),
            type="organisation",
            audience="public",
            title=clean_text(name),
            url=f"/orgs/{quote(slug)}",
            label=type_label,
            summary=clean_text(f"{type_label}. {location}" if location else type_label),
            body=clean_text(description, MAX_BODY_CHARS),
            platforms=platforms[oid],
            org=(slug, clean_text(name)),
            date=decided_at or created_at or utcnow(),
        )
    return docs


# --- Events and courses (learning) --------------------------------------------------------


def _events(ids: list[int]) -> dict[int, SearchDocument]:
    """Events that are not cancelled; the agenda's titles, tracks and speakers are searchable."""
    rows = db.session.execute(
        select(
            Event.id,
            Event.title,
            Event.slug,
            Event.kind,
            Event.summary,
            Event.description_html,
            Event.visibility,
            Event.format,
            Event.venue,
            Event.starts_at,
            Organisation.slug,
            Organisation.name,
        )
        .outerjoin(Organisation, Organisation.id == Event.organisation_id)
        .where(Event.id.in_(ids), Event.cancelled_at.is_(None))
    ).all()
    if not rows:
        return {}
    agenda: dict[int, list[str]] = defaultdict(list)
    keywords: dict[int, set[str]] = defaultdict(set)
    for event_id, title, track, speaker in db.session.execute(
        select(EventSession.event_id, EventSession.title, EventSession.track, SessionSpeaker.name)
        .outerjoin(SessionSpeaker, SessionSpeaker.session_id == EventSession.id)
        .where(EventSession.event_id.in_([row[0] for row in rows]))
        .order_by(EventSession.event_id, EventSession.starts_at, EventSession.id)
    ):
        if title not in agenda[event_id]:
            agenda[event_id].append(title)
        if speaker:
            agenda[event_id].append(speaker)
        if track:
            keywords[event_id].add(clean_text(track))
    platforms: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for event_id, platform in db.session.execute(
        select(EventPlatform.event_id, EventPlatform.platform)
        .where(EventPlatform.event_id.in_([row[0] for row in rows]))
        .order_by(EventPlatform.event_id, EventPlatform.platform)
    ):
        platforms[event_id].append((platform, PLATFORM_LABELS.get(platform, platform)))
    docs = {}
    for eid, title, slug, kind, summary, description, visibility, fmt, venue, starts_at, org_slug, org_name in rows:
        kind_label = EVENT_KIND_LABELS.get(kind, kind)
        docs[eid] = SearchDocument(
            id=doc_key("event", eid),
            type="event",
            audience="public" if visibility == "public" else "members",
            title=clean_text(title),
            url=f"/events/{quote(slug)}",
            label=f"{kind_label}, {starts_at:%d %b %Y}",
            summary=clean_text(summary),
            body=clean_text(f"{html_text(description)} {' '.join(agenda[eid])}", MAX_BODY_CHARS),
            keywords=sorted(
                {"event", kind_label, EVENT_FORMAT_LABELS.get(fmt, fmt), *keywords[eid]} | ({venue} if venue else set())
            ),
            org=(org_slug, clean_text(org_name)) if org_slug else None,
            date=starts_at,
            platforms=platforms[eid],
        )
    return docs


def _courses(ids: list[int]) -> dict[int, SearchDocument]:
    rows = db.session.execute(
        select(
            Course.id,
            Course.title,
            Course.slug,
            Course.summary,
            Course.description_html,
            Course.visibility,
            Course.published_at,
            Organisation.slug,
            Organisation.name,
        )
        .outerjoin(Organisation, Organisation.id == Course.organisation_id)
        .where(Course.id.in_(ids), Course.published_at.is_not(None))
    ).all()
    if not rows:
        return {}
    lessons: dict[int, list[str]] = defaultdict(list)
    for course_id, title, body_html in db.session.execute(
        select(Lesson.course_id, Lesson.title, Lesson.body_html)
        .where(Lesson.course_id.in_([row[0] for row in rows]))
        .order_by(Lesson.course_id, Lesson.position)
    ):
        lessons[course_id].append(f"{title} {html_text(body_html)}")
    docs = {}
    for cid, title, slug, summary, description, visibility, published_at, org_slug, org_name in rows:
        docs[cid] = SearchDocument(
            id=doc_key("course", cid),
            type="course",
            audience="public" if visibility == "public" else "members",
            title=clean_text(title),
            url=f"/courses/{quote(slug)}",
            label="On-demand course",
            summary=clean_text(summary),
            body=clean_text(f"{html_text(description)} {' '.join(lessons[cid])}", MAX_BODY_CHARS),
            keywords=["course", "training"],
            org=(org_slug, clean_text(org_name)) if org_slug else None,
            date=published_at,
        )
    return docs


LOADERS = {
    "resource": _resources,
    "thread": _threads,
    "organisation": _organisations,
    "event": _events,
    "course": _courses,
}
MODELS: dict[str, type[Resource] | type[Thread] | type[Organisation] | type[Event] | type[Course]] = {
    "resource": Resource,
    "thread": Thread,
    "organisation": Organisation,
    "event": Event,
    "course": Course,
}
