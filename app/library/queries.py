"""Reading the library: lists, look-ups, related items and feeds, each filtered by who is looking.

Every list, count and feed goes through ``listed_clause`` or ``viewable_clause``, the SQL faces
of the rules in ``visibility``, so a visitor never sees members-only or unpublished items
anywhere. Lists load what their pages show in a fixed number of statements (no query per row).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from ..orgs.models import Organisation
from ..page_cache import remembered
from ..permissions import member_org_ids, require, require_visible
from ..read_replica import read_session
from ..roles import reads_members_content
from ..templating import Page
from .models import (
    KIND_LABELS,
    Resource,
    ResourceKind,
    ResourceSlug,
    ResourceStatus,
    Tag,
    Topic,
    TopicGroup,
    Visibility,
    resource_tags,
    resource_topics,
)
from .visibility import listed_clause, viewable_clause

PUBLISHED = ResourceStatus.PUBLISHED.value
SORTS = ("newest", "helpful")


def _card_options() -> list[Any]:
    """What a resource card shows: organisation, author and topics, loaded with the list.

    An author's memberships (loaded with every user by default) are left for when they are read.
    """
    return [
        joinedload(Resource.organisation),
        joinedload(Resource.author).lazyload(User.memberships),
        selectinload(Resource.topics),
    ]


@dataclass(frozen=True)
class LibraryFilters:
    kind: str = ""
    topic: str = ""  # topic slug (a subject)
    platform: str = ""  # a platform: the slug of a topic in the "platform" group
    tag: str = ""  # tag slug
    org: str = ""  # organisation slug
    visibility: str = ""
    sort: str = "newest"

    @classmethod
    def from_args(cls, args: Any) -> LibraryFilters:
        def arg(name: str, allowed: tuple[str, ...] | None = None) -> str:
            value = str(args.get(name, "") or "")[:120].strip()
            if allowed is not None and value not in allowed:
                return ""
            return value

        return cls(
            kind=arg("kind", tuple(k.value for k in ResourceKind)),
            topic=arg("topic"),
            platform=arg("platform"),
            tag=arg("tag"),
            org=arg("org"),
            visibility=arg("visibility", tuple(v.value for v in Visibility)),
            sort=arg("sort", SORTS) or "newest",
        )

    @property
    def active(self) -> bool:
        return any((self.kind, self.topic, self.platform, self.tag, self.org, self.visibility))


def list_resources(viewer: Any, filters: LibraryFilters, *, page: int = 1, per_page: int = 20) -> Page:
    """One page of the library as ``viewer`` sees it, with the total for the same filters."""
    conditions = [listed_clause(viewer)]
    if filters.kind:
        conditions.append(Resource.kind == filters.kind)
    if filters.visibility:
        conditions.append(Resource.visibility == filters.visibility)
    for slug in (filters.topic, filters.platform):
        if slug:
            conditions.append(
                Resource.id.in_(
                    select(resource_topics.c.resource_id)
                    .join(Topic, Topic.id == resource_topics.c.topic_id)
                    .where(Topic.slug == slug)
                )
            )
    if filters.tag:
        conditions.append(
            Resource.id.in_(
                select(resource_tags.c.resource_id)
                .join(Tag, Tag.id == resource_tags.c.tag_id)
                .where(Tag.slug == filters.tag)
            )
        )
    if filters.org:
        conditions.append(Resource.organisation_id.in_(select(Organisation.id).where(Organisation.slug == filters.org)))
    where = and_(*conditions)
    # Filtering, counting and sorting read the replica when DATABASE_READ_URL is set; the page's
    # own rows then come from the request's session by primary key (objects the view may touch).
    reader = read_session()
    # The count is the same for the viewer's whole audience: kept until content changes.
    audience = "members" if reads_members_content(viewer) else "public"
    counted = (filters.kind, filters.topic, filters.platform, filters.tag, filters.org, filters.visibility)
    total = remembered(
        f"library-total:{audience}:{'|'.join(counted)}",
        lambda: reader.execute(select(func.count()).select_from(Resource).where(where)).scalar_one(),
    )
    order: list[Any] = (
        [Resource.helpful_count.desc(), Resource.published_at.desc(), Resource.id.desc()]
        if filters.sort == "helpful"
        else [Resource.published_at.desc(), Resource.id.desc()]
    )
    ids = list(
        reader.execute(
            select(Resource.id).where(where).order_by(*order).limit(per_page).offset((page - 1) * per_page)
        ).scalars()
    )
    found = {
        resource.id: resource
        for resource in db.session.execute(select(Resource).where(Resource.id.in_(ids)).options(*_card_options()))
        .unique()
        .scalars()
    }
    items = [found[resource_id] for resource_id in ids if resource_id in found]
    return Page(items=items, total=total, page=page, per_page=per_page)


@dataclass(frozen=True)
class Choice:
    """One option of a listing filter."""

    slug: str
    name: str


def filter_choices(viewer: Any) -> dict[str, list[Choice]]:
    """Topics and organisations to filter by (organisations with at least one listed resource).

    The same for everyone of the viewer's audience until content changes (``page_cache.remembered``).
    """
    audience = "members" if reads_members_content(viewer) else "public"
    return remembered(f"library-choices:{audience}", lambda: _filter_choices(viewer))


def _filter_choices(viewer: Any) -> dict[str, list[Choice]]:
    topics = db.session.execute(select(Topic.slug, Topic.name, Topic.group).order_by(Topic.group, Topic.name)).all()
    orgs = db.session.execute(
        select(Organisation.slug, Organisation.name)
        .where(Organisation.id.in_(select(Resource.organisation_id).where(listed_clause(viewer))))
        .order_by(Organisation.name)
    ).all()
    platform = TopicGroup.PLATFORM.value
    return {
        "topics": [Choice(slug, name) for slug, name, group in topics if group != platform],
        "platforms": [Choice(slug, name) for slug, name, group in topics if group == platform],
        "organisations": [Choice(slug, name) for slug, name in orgs],
    }


def latest_resources(viewer: Any, limit: int = 6) -> list[Resource]:
    query = (
        select(Resource)
        .where(listed_clause(viewer))
        .options(*_card_options())
        .order_by(Resource.published_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())


def latest_from_organisations(viewer: Any, org_ids: list[int], limit: int = 5) -> list[Resource]:
    """The newest listed resources of these organisations that ``viewer`` may see."""
    if not org_ids:
        return []
    query = (
        select(Resource)
        .where(listed_clause(viewer), Resource.organisation_id.in_(org_ids))
        .options(*_card_options())
        .order_by(Resource.published_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())


def my_unpublished(viewer: Any, limit: int = 8) -> list[Resource]:
    """``viewer``'s own drafts, resources waiting for review and those returned to them."""
    query = (
        select(Resource)
        .where(
            Resource.author_id == viewer.id,
            Resource.status.in_((ResourceStatus.DRAFT, ResourceStatus.PENDING, ResourceStatus.RETURNED)),
            Resource.merged_into_id.is_(None),
            viewable_clause(viewer),
        )
        .options(joinedload(Resource.organisation))
        .order_by(Resource.updated_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())


def featured_resources(viewer: Any, limit: int = 6) -> list[Resource]:
    query = (
        select(Resource)
        .where(listed_clause(viewer), Resource.featured.is_(True))
        .options(*_card_options())
        .order_by(Resource.published_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())


@dataclass(frozen=True)
class Lookup:
    """A resource found by a slug; ``redirect`` is set when the URL should move (301) to it."""

    resource: Resource
    redirect: bool


def lookup(viewer: Any, slug: str) -> Lookup:
    """The resource at ``/library/<slug>`` for ``viewer``, following old slugs and merges.

    :raise NotFound: missing, or not visible to ``viewer`` (the same answer either way). A
        redirect is only answered when the viewer may see where it leads, so old slugs of
        private items reveal nothing.
    """
    resource = (
        db.session.execute(select(Resource).where(Resource.slug == slug).options(*_detail_options()))
        .unique()
        .scalar_one_or_none()
    )
    moved = False
    if resource is None:
        resource_id = db.session.execute(
            select(ResourceSlug.resource_id).where(ResourceSlug.slug == slug)
        ).scalar_one_or_none()
        if resource_id is None:
            raise NotFound()
        resource = (
            db.session.execute(select(Resource).where(Resource.id == resource_id).options(*_detail_options()))
            .unique()
            .scalar_one()
        )
        moved = True
    seen = set()
    while resource.merged_into_id is not None and resource.id not in seen:
        seen.add(resource.id)
        resource = (
            db.session.execute(
                select(Resource).where(Resource.id == resource.merged_into_id).options(*_detail_options())
            )
            .unique()
            .scalar_one()
        )
        moved = True
    require(viewer, "resource.view", resource, hide=True)
    return Lookup(resource, moved)


def _detail_options() -> list[Any]:
    return [
        joinedload(Resource.organisation),
        joinedload(Resource.author).lazyload(User.memberships),
        selectinload(Resource.topics),
        selectinload(Resource.tags),
        selectinload(Resource.attachments),
    ]


def get_resource(viewer: Any, resource_id: int) -> Resource:
    """By id, for ``viewer``. :raise NotFound: missing or not visible."""
    resource = db.session.get(Resource, resource_id)
    return require_visible(viewer, "resource.view", resource)


@dataclass(frozen=True)
class RelatedItem:
    """A line of "Related resources": plain values, kept in the cache for the viewer's audience."""

    id: int
    slug: str
    title: str
    kind: str
    org_name: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def related_resources(viewer: Any, resource: Resource, limit: int = 5) -> list[RelatedItem]:
    """Listed resources sharing the most topics with ``resource``, newest first among equals.

    The same for everyone of the viewer's audience until content changes (``page_cache.remembered``).
    """
    topic_ids = [t.id for t in resource.topics]
    if not topic_ids:
        return []
    audience = "members" if reads_members_content(viewer) else "public"
    return remembered(
        f"related:{resource.id}:{limit}:{audience}", lambda: _related_rows(viewer, resource.id, topic_ids, limit)
    )


def _related_rows(viewer: Any, resource_id: int, topic_ids: list[int], limit: int) -> list[RelatedItem]:
    shared = (
        select(resource_topics.c.resource_id, func.count().label("shared"))
        .where(resource_topics.c.topic_id.in_(topic_ids), resource_topics.c.resource_id != resource_id)
        .group_by(resource_topics.c.resource_id)
        .subquery()
    )
    query = (
        select(Resource.id, Resource.slug, Resource.title, Resource.kind, Organisation.name)
        .join(shared, shared.c.resource_id == Resource.id)
        .join(Organisation, Organisation.id == Resource.organisation_id)
        .where(listed_clause(viewer))
        .order_by(shared.c.shared.desc(), Resource.published_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return [RelatedItem(*row) for row in db.session.execute(query)]


def feed_resources(*, topic: Topic | None = None, org: Organisation | None = None, limit: int = 50) -> list[Resource]:
    """Public, published resources for Atom feeds: what a visitor sees, whoever asks."""
    conditions = [listed_clause(None)]
    if topic is not None:
        conditions.append(
            Resource.id.in_(select(resource_topics.c.resource_id).where(resource_topics.c.topic_id == topic.id))
        )
    if org is not None:
        conditions.append(Resource.organisation_id == org.id)
    query = (
        select(Resource)
        .where(*conditions)
        .options(joinedload(Resource.organisation), joinedload(Resource.author), selectinload(Resource.topics))
        .order_by(Resource.published_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())


def topic_by_slug(slug: str) -> Topic:
    topic = db.session.execute(select(Topic).where(Topic.slug == slug)).scalar_one_or_none()
    if topic is None:
        raise NotFound()
    return topic


def approved_org_by_slug(slug: str) -> Organisation:
    org = db.session.execute(select(Organisation).where(Organisation.slug == slug)).scalar_one_or_none()
    if org is None or not org.is_approved:
        raise NotFound()
    return org


def my_organisation_work(viewer: Any, limit: int = 50) -> list[Resource]:
    """Drafts, pending, returned and archived resources of the viewer's organisations."""
    org_ids = member_org_ids(viewer)
    if not org_ids:
        return []
    query = (
        select(Resource)
        .where(
            Resource.organisation_id.in_(org_ids),
            or_(Resource.status != PUBLISHED, Resource.hidden_at.is_not(None)),
            Resource.merged_into_id.is_(None),
            viewable_clause(viewer),
        )
        .options(joinedload(Resource.organisation), joinedload(Resource.author))
        .order_by(Resource.updated_at.desc(), Resource.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).unique().scalars())
