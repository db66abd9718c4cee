"""Curation: moderators' collections (ordered, with a note per item) and admins' topic list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .. import audit
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from ..privacy import require_clear, screen
from ..search import outbox
from ..slugs import unique_slug
from ..text import one_line, slugify, text_block
from .models import Collection, CollectionItem, Resource, Topic, TopicGroup, resource_topics
from .visibility import listed_clause

COLLECTION_TITLE_MAX = 200
DESCRIPTION_MAX = 5000
NOTE_MAX = 2000

DEFAULT_TOPICS: tuple[tuple[str, str], ...] = (
    ("Facebook", "platform"),
    ("X", "platform"),
    ("LinkedIn", "platform"),
    ("YouTube", "platform"),
    ("Instagram", "platform"),
    ("TikTok", "platform"),
    ("Patient privacy", "subject"),
    ("Crisis communication", "subject"),
    ("Physician voice", "subject"),
    ("Employee advocacy", "subject"),
    ("Measurement", "subject"),
    ("Policy and governance", "subject"),
    ("Public health campaigns", "subject"),
    ("Patient stories", "subject"),
    ("Accessibility", "subject"),
    ("Community management", "subject"),
)


def _text(value: str | None, limit: int) -> str:
    return text_block(value)[:limit]


def _refuse_patient_details(**fields: str) -> None:
    """Collections are public once saved, with no review to send them to: the moderator rewrites."""
    require_clear(screen(**fields), reviewable=False)


def _title(value: str | None) -> str:
    title = one_line(value)
    if len(title) < 3 or len(title) > COLLECTION_TITLE_MAX:
        raise ValidationError(
            "Please correct the errors below.", {"title": [f"Use a title of 3 to {COLLECTION_TITLE_MAX} characters."]}
        )
    return title


# --- Collections ------------------------------------------------------------------------


def list_collections(viewer: Any) -> list[tuple[Collection, int]]:
    """Every collection with the number of its items ``viewer`` may see, newest first."""
    visible_counts = (
        select(CollectionItem.collection_id, func.count(CollectionItem.id).label("n"))
        .join(Resource, Resource.id == CollectionItem.resource_id)
        .where(listed_clause(viewer))
        .group_by(CollectionItem.collection_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Collection, func.coalesce(visible_counts.c.n, 0))
        .outerjoin(visible_counts, visible_counts.c.collection_id == Collection.id)
        .order_by(Collection.created_at.desc(), Collection.id.desc())
    ).all()
    return [(collection, count) for collection, count in rows]


def get_collection(slug: str) -> Collection:
    collection = db.session.execute(select(Collection).where(Collection.slug == slug)).scalar_one_or_none()
    if collection is None:
        raise NotFound()
    return collection


def collection_items(viewer: Any, collection: Collection) -> list[CollectionItem]:
    """The items ``viewer`` may see, in order, with their resources loaded."""
    query = (
        select(CollectionItem)
        .join(Resource, Resource.id == CollectionItem.resource_id)
        .where(CollectionItem.collection_id == collection.id, listed_clause(viewer))
        .options(
            joinedload(CollectionItem.resource).joinedload(Resource.organisation),
            joinedload(CollectionItem.resource).selectinload(Resource.topics),
        )
        .order_by(CollectionItem.position, CollectionItem.id)
    )
    return list(db.session.execute(query).unique().scalars())


def _unique_collection_slug(title: str, collection_id: int | None = None) -> str:
    others = select(Collection.slug).where(Collection.id != (collection_id or 0))
    return unique_slug(title, others, max_length=100, fallback="collection")


def create_collection(actor: Any, title: str, description: str = "") -> Collection:
    """Moderator: a new, empty collection. Audited."""
    require(actor, "collection.manage")
    title = _title(title)
    _refuse_patient_details(title=title, description=description)
    collection = Collection(
        title=title,
        slug=_unique_collection_slug(title),
        description=_text(description, DESCRIPTION_MAX),
        created_by_id=actor.id,
    )
    db.session.add(collection)
    db.session.flush()
    audit.record(actor, "collection.create", "collection", collection.id, label=title)
    return collection


def edit_collection(actor: Any, collection: Collection, title: str, description: str = "") -> Collection:
    """Moderator: change the title (the slug stays, so links keep working) and description."""
    require(actor, "collection.manage")
    before = {"title": collection.title, "description": collection.description}
    _refuse_patient_details(title=_title(title), description=description)
    collection.title = _title(title)
    collection.description = _text(description, DESCRIPTION_MAX)
    audit.record(
        actor,
        "collection.edit",
        "collection",
        collection.id,
        label=collection.title,
        before=before,
        after={"title": collection.title, "description": collection.description},
    )
    db.session.flush()
    return collection


def delete_collection(actor: Any, collection: Collection) -> None:
    require(actor, "collection.manage")
    audit.record(actor, "collection.delete", "collection", collection.id, label=collection.title)
    db.session.delete(collection)
    db.session.flush()


def add_to_collection(actor: Any, collection: Collection, resource: Resource, note: str = "") -> CollectionItem:
    """Moderator: append a published resource, with a note saying why it is there.

    :raise Conflict: already in the collection, or not a listed resource.
    """
    require(actor, "collection.manage")
    if not resource.is_listed:
        raise Conflict("Only published, visible resources can be added to a collection.")
    exists = db.session.execute(
        select(CollectionItem.id).where(
            CollectionItem.collection_id == collection.id, CollectionItem.resource_id == resource.id
        )
    ).first()
    if exists:
        raise Conflict("That resource is already in the collection.")
    _refuse_patient_details(note=note)
    last = db.session.execute(
        select(func.max(CollectionItem.position)).where(CollectionItem.collection_id == collection.id)
    ).scalar_one_or_none()
    item = CollectionItem(
        collection_id=collection.id,
        resource_id=resource.id,
        position=(last or 0) + 1,
        note=_text(note, NOTE_MAX),
    )
    db.session.add(item)
    db.session.flush()
    audit.record(
        actor,
        "collection.add",
        "collection",
        collection.id,
        label=collection.title,
        after={"resource": resource.id, "note": item.note},
    )
    return item


def _item(collection: Collection, item_id: int) -> CollectionItem:
    item = db.session.get(CollectionItem, item_id)
    if item is None or item.collection_id != collection.id:
        raise NotFound()
    return item


def set_item_note(actor: Any, collection: Collection, item_id: int, note: str) -> CollectionItem:
    require(actor, "collection.manage")
    item = _item(collection, item_id)
    _refuse_patient_details(note=note)
    item.note = _text(note, NOTE_MAX)
    db.session.flush()
    return item


def remove_from_collection(actor: Any, collection: Collection, item_id: int) -> None:
    require(actor, "collection.manage")
    item = _item(collection, item_id)
    audit.record(
        actor,
        "collection.remove",
        "collection",
        collection.id,
        label=collection.title,
        before={"resource": item.resource_id},
    )
    db.session.delete(item)
    db.session.flush()


def move_item(actor: Any, collection: Collection, item_id: int, direction: str) -> None:
    """Move an item one place "up" or "down" (positions are renumbered 1..n)."""
    require(actor, "collection.manage")
    if direction not in ("up", "down"):
        raise ValidationError("Choose up or down.")
    items = list(
        db.session.execute(
            select(CollectionItem)
            .where(CollectionItem.collection_id == collection.id)
            .order_by(CollectionItem.position, CollectionItem.id)
        ).scalars()
    )
    index = next((i for i, item in enumerate(items) if item.id == item_id), None)
    if index is None:
        raise NotFound()
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        item.position = position
    db.session.flush()


def resource_choices(viewer: Any, query_text: str = "", limit: int = 50) -> list[Resource]:
    """Listed resources to add to a collection, optionally filtered by words in the title."""
    query = select(Resource).where(listed_clause(viewer))
    words = one_line(query_text)[:100]
    if words:
        query = query.where(func.lower(Resource.title).contains(words.lower(), autoescape=True))
    query = query.order_by(Resource.published_at.desc(), Resource.id.desc()).limit(limit)
    return list(db.session.execute(query).scalars())


# --- Topics (admins) --------------------------------------------------------------------


def list_topics() -> list[Topic]:
    return list(db.session.execute(select(Topic).order_by(Topic.group, Topic.name)).scalars())


def topic_usage() -> dict[int, int]:
    rows = db.session.execute(
        select(resource_topics.c.topic_id, func.count()).group_by(resource_topics.c.topic_id)
    ).all()
    return {topic_id: count for topic_id, count in rows}


def _topic_fields(name: str, group: str, topic_id: int | None) -> tuple[str, str, str]:
    name = one_line(name)
    errors: dict[str, list[str]] = {}
    if not 1 <= len(name) <= 80:
        errors["name"] = ["Use a name of 1 to 80 characters."]
    if group not in {g.value for g in TopicGroup}:
        errors["group"] = ["Choose platform or subject."]
    slug = slugify(name, max_length=80, fallback="topic")
    if not errors:
        clash = db.session.execute(
            select(Topic.id).where(
                (func.lower(Topic.name) == name.lower()) | (Topic.slug == slug), Topic.id != (topic_id or 0)
            )
        ).first()
        if clash:
            errors["name"] = ["A topic with that name already exists."]
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    return name, group, slug


def create_topic(actor: Any, name: str, group: str) -> Topic:
    """Admin: add a topic to the curated list. Audited."""
    require(actor, "topic.manage")
    name, group, slug = _topic_fields(name, group, None)
    topic = Topic(name=name, group=group, slug=slug)
    db.session.add(topic)
    db.session.flush()
    audit.record(actor, "topic.create", "topic", topic.id, label=name)
    return topic


def update_topic(actor: Any, topic: Topic, name: str, group: str) -> Topic:
    """Admin: rename or regroup a topic (its slug follows the name). Audited; listed resources
    carrying it are re-indexed."""

    require(actor, "topic.manage")
    before = {"name": topic.name, "group": topic.group}
    topic.name, topic.group, topic.slug = _topic_fields(name, group, topic.id)
    audit.record(
        actor,
        "topic.edit",
        "topic",
        topic.id,
        label=topic.name,
        before=before,
        after={"name": topic.name, "group": topic.group},
    )
    for resource_id in db.session.execute(
        select(Resource.id)
        .join(resource_topics, resource_topics.c.resource_id == Resource.id)
        .where(resource_topics.c.topic_id == topic.id, listed_clause(actor))
    ).scalars():
        outbox.enqueue("resource", resource_id)
    db.session.flush()
    return topic


def delete_topic(actor: Any, topic: Topic) -> None:
    """Admin: remove a topic; resources keep their other topics (and revisions its slug)."""

    require(actor, "topic.manage")
    for resource_id in db.session.execute(
        select(Resource.id)
        .join(resource_topics, resource_topics.c.resource_id == Resource.id)
        .where(resource_topics.c.topic_id == topic.id, listed_clause(actor))
    ).scalars():
        outbox.enqueue("resource", resource_id)
    audit.record(actor, "topic.delete", "topic", topic.id, label=topic.name)
    db.session.delete(topic)
    db.session.flush()


def get_topic(topic_id: int) -> Topic:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise NotFound()
    return topic


def ensure_default_topics() -> list[Topic]:
    """Create the starting topic list where missing (idempotent; for seeds and fresh installs)."""
    existing = {t.slug for t in db.session.execute(select(Topic)).scalars()}
    for name, group in DEFAULT_TOPICS:
        slug = slugify(name)
        if slug not in existing:
            db.session.add(Topic(name=name, slug=slug, group=group))
            existing.add(slug)
    db.session.flush()
    return list_topics()
