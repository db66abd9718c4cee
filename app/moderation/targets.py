"""The items members can flag — resources, threads and posts — seen through one small interface.

Each kind of item lives in its own domain (library, discussions), which owns its rules for who
sees it and how it is hidden and restored. This module only finds the item, describes it for
the queue, and calls the owning domain's service to hide or restore it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..content import excerpt
from ..discussions.models import Post, Thread
from ..discussions.service import hide_post, hide_thread, restore_post, restore_thread
from ..discussions.subscriptions import post_path
from ..extensions import db
from ..library.models import Resource
from ..library.service import hide_resource, resource_path, restore_resource
from ..notifications.service import notify
from ..orgs.models import Organisation
from ..permissions import can
from .models import TargetType

TARGET_LABELS = {"resource": "Resource", "thread": "Thread", "post": "Post"}


@dataclass(frozen=True)
class TargetView:
    """What the queue shows about a flagged item."""

    type: str
    id: int
    title: str
    url: str
    excerpt: str
    author: User | None
    organisation: Organisation | None
    is_hidden: bool

    @property
    def type_label(self) -> str:
        return TARGET_LABELS.get(self.type, self.type)


class _ResourceTarget:
    view_action = "resource.view"

    @staticmethod
    def model() -> Any:
        return Resource

    @classmethod
    def load_many(cls, ids: Iterable[int]) -> dict[int, Any]:
        Resource = cls.model()
        query = (
            select(Resource)
            .where(Resource.id.in_(list(ids)))
            .options(selectinload(Resource.author), selectinload(Resource.organisation))
        )
        return {r.id: r for r in db.session.execute(query).scalars()}

    @staticmethod
    def describe(item: Any) -> TargetView:
        return TargetView(
            "resource",
            item.id,
            item.title,
            resource_path(item),
            item.summary or excerpt(item.body_source),
            item.author,
            item.organisation,
            item.hidden_at is not None,
        )

    @staticmethod
    def hide(actor: User | None, item: Any, reason: str, automatic: bool) -> None:
        hide_resource(actor, item, reason, automatic=automatic)

    @staticmethod
    def restore(actor: User, item: Any) -> None:
        restore_resource(actor, item)
        if item.author is not None:
            notify(
                item.author,
                "resource.restored",
                f"Your resource “{item.title}” is visible again",
                "It was hidden while a moderator reviewed it; the moderator has restored it.",
                resource_path(item),
            )


class _ThreadTarget:
    view_action = "thread.view"

    @staticmethod
    def model() -> Any:
        return Thread

    @classmethod
    def load_many(cls, ids: Iterable[int]) -> dict[int, Any]:
        Thread = cls.model()
        query = (
            select(Thread)
            .where(Thread.id.in_(list(ids)))
            .options(selectinload(Thread.author), selectinload(Thread.organisation), selectinload(Thread.category))
        )
        return {t.id: t for t in db.session.execute(query).scalars()}

    @classmethod
    def describe(cls, item: Any) -> TargetView:
        return cls.describe_many([item])[item.id]

    @staticmethod
    def describe_many(items: Iterable[Any]) -> dict[int, TargetView]:
        """Every thread with its opening post's excerpt, read in one query for all of them."""
        threads = list(items)
        rows = db.session.execute(
            select(Post.thread_id, Post.body_source).where(
                Post.thread_id.in_([t.id for t in threads]), Post.position == 1
            )
        )
        openings = {thread_id: body for thread_id, body in rows}
        return {
            item.id: TargetView(
                "thread",
                item.id,
                item.title,
                f"/discussions/threads/{item.id}",
                excerpt(openings.get(item.id) or ""),
                item.author,
                item.organisation,
                item.hidden_at is not None,
            )
            for item in threads
        }

    @staticmethod
    def hide(actor: User | None, item: Any, reason: str, automatic: bool) -> None:
        hide_thread(actor, item, reason, automatic=automatic)

    @staticmethod
    def restore(actor: User, item: Any) -> None:
        restore_thread(actor, item)


class _PostTarget:
    # Reporting a post needs its text to be readable, not just its place in the thread.
    view_action = "post.read"

    @staticmethod
    def model() -> Any:
        return Post

    @classmethod
    def load_many(cls, ids: Iterable[int]) -> dict[int, Any]:
        Post = cls.model()
        query = (
            select(Post)
            .where(Post.id.in_(list(ids)))
            .options(
                selectinload(Post.author),
                selectinload(Post.organisation),
                selectinload(Post.thread).selectinload(Thread.category),
            )
        )
        return {p.id: p for p in db.session.execute(query).scalars()}

    @staticmethod
    def describe(item: Any) -> TargetView:
        return TargetView(
            "post",
            item.id,
            f"Post in “{item.thread.title}”",
            post_path(item.id),
            excerpt(item.body_source, 600),
            item.author,
            item.organisation,
            item.hidden_at is not None,
        )

    @staticmethod
    def hide(actor: User | None, item: Any, reason: str, automatic: bool) -> None:
        hide_post(actor, item, reason, automatic=automatic)

    @staticmethod
    def restore(actor: User, item: Any) -> None:
        restore_post(actor, item)


_TARGETS: dict[str, Any] = {
    TargetType.RESOURCE.value: _ResourceTarget,
    TargetType.THREAD.value: _ThreadTarget,
    TargetType.POST.value: _PostTarget,
}


def _adapter(target_type: str) -> Any:
    try:
        return _TARGETS[target_type]
    except KeyError:
        raise ValueError(f"unknown flag target type {target_type!r}") from None


def load(target_type: str, target_id: int) -> Any | None:
    return _adapter(target_type).load_many([target_id]).get(target_id)


def load_many(target_type: str, ids: Iterable[int]) -> dict[int, Any]:
    return _adapter(target_type).load_many(ids)


def view_action(target_type: str) -> str:
    return _adapter(target_type).view_action


def can_view(user: Any, target_type: str, item: Any) -> bool:
    return can(user, view_action(target_type), item)


def describe(target_type: str, item: Any) -> TargetView:
    return _adapter(target_type).describe(item)


def describe_many(target_type: str, items: Iterable[Any]) -> dict[int, TargetView]:
    """Views of several items of one type by id, in a fixed number of queries."""
    adapter = _adapter(target_type)
    if hasattr(adapter, "describe_many"):
        return adapter.describe_many(items)
    return {item.id: adapter.describe(item) for item in items}


def hide(actor: User | None, target_type: str, item: Any, reason: str, *, automatic: bool = False) -> None:
    _adapter(target_type).hide(actor, item, reason, automatic)


def restore(actor: User, target_type: str, item: Any) -> None:
    _adapter(target_type).restore(actor, item)


def is_hidden(item: Any) -> bool:
    return getattr(item, "hidden_at", None) is not None
