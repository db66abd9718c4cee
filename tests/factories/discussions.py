"""Builders for discussion tests: categories, threads and replies made through the service."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.discussions import service
from app.discussions.models import Category
from app.extensions import db


def categories() -> dict[str, Category]:
    """The seven default categories, by slug ("platforms" is public, "crisis-communication" members-only)."""
    return {c.slug: c for c in service.ensure_default_categories()}


def category(slug: str) -> Category:
    return db.session.execute(select(Category).where(Category.slug == slug)).scalar_one()


def start_thread(
    author: Any,
    where: Category,
    title: str = "How do you answer vaccine myths on TikTok?",
    body: str = "We keep seeing the same **myths**.",
    **kwargs: Any,
):
    thread = service.create_thread(author, where, title, body, **kwargs)
    db.session.commit()
    return thread


def reply(author: Any, thread: Any, body: str = "We pin a short explainer video.", **kwargs: Any):
    post = service.reply_to_thread(author, thread, body, **kwargs)
    db.session.commit()
    return post
