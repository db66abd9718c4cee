"""What readers do with a resource: bookmark it, mark it helpful (one vote each), view it.

Inserts that may race (two clicks, two tabs) use the database's "insert, or do nothing if it
exists" so the unique constraints decide and nothing raises.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload, selectinload

from .. import telemetry
from ..db_setup import rows_affected
from ..db_types import utcnow
from ..extensions import db
from ..permissions import is_signed_in, require
from ..templating import Page
from .models import Bookmark, HelpfulVote, Resource, ResourceView
from .visibility import viewable_clause


def _insert_if_absent(model: Any, **values: Any) -> bool:
    """Insert one row unless a unique constraint says it exists; True when inserted."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model.__table__).values(**values).on_conflict_do_nothing().returning(model.__table__.c.id)
    return db.session.execute(statement).first() is not None


# --- Bookmarks --------------------------------------------------------------------------


def add_bookmark(user: Any, resource: Resource) -> bool:
    """Bookmark ``resource`` (idempotent). :raise NotFound: the user may not see it."""
    require(user, "resource.view", resource, hide=True)
    require(user, "resource.bookmark", resource)
    return _insert_if_absent(Bookmark, user_id=user.id, resource_id=resource.id, created_at=utcnow())


def remove_bookmark(user: Any, resource: Resource) -> bool:
    require(user, "resource.view", resource, hide=True)
    result = db.session.execute(
        delete(Bookmark).where(Bookmark.user_id == user.id, Bookmark.resource_id == resource.id)
    )
    return rows_affected(result) == 1


def is_bookmarked(user: Any, resource: Resource) -> bool:
    if not is_signed_in(user):
        return False
    return (
        db.session.execute(
            select(Bookmark.id).where(Bookmark.user_id == user.id, Bookmark.resource_id == resource.id)
        ).first()
        is not None
    )


def list_bookmarks(user: Any, *, page: int = 1, per_page: int = 20) -> Page:
    """The user's bookmarks they may still see, newest bookmark first (resources on the page)."""
    where = (Bookmark.user_id == user.id) & viewable_clause(user)
    total = db.session.execute(
        select(func.count(Bookmark.id)).join(Resource, Resource.id == Bookmark.resource_id).where(where)
    ).scalar_one()
    query = (
        select(Resource)
        .join(Bookmark, Bookmark.resource_id == Resource.id)
        .where(where)
        .options(joinedload(Resource.organisation), joinedload(Resource.author), selectinload(Resource.topics))
        .order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    items = list(db.session.execute(query).unique().scalars())
    return Page(items=items, total=total, page=page, per_page=per_page)


# --- Helpful votes ----------------------------------------------------------------------


def vote_helpful(user: Any, resource: Resource) -> bool:
    """One helpful vote per member per resource; a second vote changes nothing. Not on one's own."""
    require(user, "resource.view", resource, hide=True)
    require(user, "resource.vote", resource)
    added = _insert_if_absent(HelpfulVote, user_id=user.id, resource_id=resource.id, created_at=utcnow())
    if added:
        _bump(resource, Resource.helpful_count, +1)
    return added


def withdraw_helpful(user: Any, resource: Resource) -> bool:
    require(user, "resource.view", resource, hide=True)
    result = db.session.execute(
        delete(HelpfulVote).where(HelpfulVote.user_id == user.id, HelpfulVote.resource_id == resource.id)
    )
    if rows_affected(result) == 1:
        _bump(resource, Resource.helpful_count, -1)
        return True
    return False


def has_voted(user: Any, resource: Resource) -> bool:
    if not is_signed_in(user):
        return False
    return (
        db.session.execute(
            select(HelpfulVote.id).where(HelpfulVote.user_id == user.id, HelpfulVote.resource_id == resource.id)
        ).first()
        is not None
    )


def _bump(resource: Resource, column: Any, by: int) -> None:
    """Change a counter in SQL (concurrent requests add up) and refresh the loaded value.

    A reader's vote is not an edit: the resource's "updated" date stays as it was."""
    db.session.execute(
        update(Resource)
        .where(Resource.id == resource.id)
        .values({column: column + by, Resource.updated_at: Resource.updated_at})
        .execution_options(synchronize_session=False)
    )
    db.session.expire(resource, [column.key])


# --- Views ------------------------------------------------------------------------------


def record_view(viewer: Any, resource: Resource, visitor_key: str) -> bool:
    """Count a view once per viewer per resource per day; the author's own views never count.

    ``visitor_key`` identifies an anonymous reader without storing who they are (the view
    passes a keyed hash of address and browser); signed-in readers are counted by user id.
    Only listed resources count. The count is written later, outside the page's transaction
    (``app/telemetry.py``); returns whether a view was handed over to be counted.
    """
    if not resource.is_listed:
        return False
    if is_signed_in(viewer):
        if viewer.id == resource.author_id:
            return False
        key = f"u:{viewer.id}"
    else:
        key = f"a:{visitor_key}"[:64]
    _hand_over_view(resource.id, key)
    return True


def record_visitor_view(resource_id: int, visitor_key: str) -> None:
    """A visitor's view of a listed resource whose page came from the page cache."""
    _hand_over_view(resource_id, f"a:{visitor_key}"[:64])


def _hand_over_view(resource_id: int, viewer_key: str) -> None:
    day = utcnow().date()
    telemetry.record(lambda: _count_view(resource_id, viewer_key, day))


def _count_view(resource_id: int, viewer_key: str, day: date) -> None:
    """The telemetry write: one row per viewer and day, and the counter only when it is new."""
    if _insert_if_absent(ResourceView, resource_id=resource_id, viewer_key=viewer_key, day=day, created_at=utcnow()):
        db.session.execute(
            update(Resource)
            .where(Resource.id == resource_id)
            .values(view_count=Resource.view_count + 1, updated_at=Resource.updated_at)
            .execution_options(synchronize_session=False)
        )
