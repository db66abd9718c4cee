"""Network news: posting and editing (network staff), appointing network staff (admins), and
reading the latest posts."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..audit import record
from ..content import render_markdown
from ..db_types import utcnow
from ..errors import NotFound, ValidationError
from ..events.privacy_check import refuse_patient_details
from ..extensions import db
from ..page_cache import content_changed
from ..permissions import require
from ..slugs import unique_slug
from .models import NewsPost


def _validate(title: str, body: str, summary: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = ["Give the post a title."]
    if not body.strip():
        errors["body"] = ["Write the post."]
    if errors:
        raise ValidationError(fields=errors)
    refuse_patient_details({"title": title, "summary": summary, "body": body})


def create_post(actor: User, title: str, body: str, summary: str = "", *, slug: str | None = None) -> NewsPost:
    require(actor, "news.post")
    _validate(title, body, summary)
    slug = unique_slug(slug or title, select(NewsPost.slug), max_length=100, fallback="news")
    post = NewsPost(
        slug=slug,
        title=title.strip()[:200],
        summary=summary.strip()[:500],
        body_source=body,
        body_html=render_markdown(body),
        author_id=actor.id,
    )
    db.session.add(post)
    db.session.flush()
    record(actor, "news.post", "news", post.id, label=post.title)
    content_changed()
    return post


def update_post(actor: User, post: NewsPost, title: str, body: str, summary: str = "") -> NewsPost:
    require(actor, "news.edit", post)
    _validate(title, body, summary)
    post.title, post.summary = title.strip()[:200], summary.strip()[:500]
    post.body_source, post.body_html = body, render_markdown(body)
    post.updated_at = utcnow()
    record(actor, "news.edit", "news", post.id, label=post.title)
    content_changed()
    return post


def latest(limit: int = 20) -> list[NewsPost]:
    return list(
        db.session.execute(
            select(NewsPost)
            .where(NewsPost.published_at <= utcnow())
            .order_by(NewsPost.published_at.desc())
            .limit(limit)
        ).scalars()
    )


def get_post(slug: str) -> NewsPost:
    post = db.session.execute(select(NewsPost).where(NewsPost.slug == slug)).scalar_one_or_none()
    if post is None:
        raise NotFound()
    return post


def set_network_staff(actor: User, user: User, appointed: bool) -> User:
    """Admins appoint (or remove) network staff: they post news and run network-hosted events."""
    require(actor, "network_staff.appoint", user)
    user.is_network_staff = appointed
    record(actor, "user.network_staff" if appointed else "user.network_staff_removed", "user", user.id, label=user.name)
    return user


def appoint_network_staff(actor: User, email: str) -> User:
    """Appoint the member with this e-mail address; a clear error when there is none."""
    user = db.session.execute(select(User).where(User.email == email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise ValidationError(fields={"email": ["No member has that e-mail address."]})
    return set_network_staff(actor, user, True)


def remove_network_staff(actor: User, user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return set_network_staff(actor, user, False)


def network_staff() -> list[User]:
    return list(db.session.execute(select(User).where(User.is_network_staff.is_(True)).order_by(User.name)).scalars())
