"""Content for moderation tests: resources, threads, posts and reporters, made through the services."""

from __future__ import annotations

from typing import Any

from app.discussions import service as discussions
from app.discussions.models import Category
from app.extensions import db
from app.library import service as library
from app.library.service import ResourceInput

from . import add_member, make_user


def resource(
    author: Any,
    org: Any,
    title: str = "Crisis playbook for hospital social media",
    *,
    action: str = "publish",
    body: str = "Steps for the first hour of a crisis.",
    send_anyway: bool = False,
) -> Any:
    """A resource by ``author`` for ``org``; ``action`` "publish" publishes only if the author may."""
    made = library.create_resource(
        author,
        org,
        ResourceInput(title=title, summary="How to respond.", body=body),
        action=action,
        send_anyway=send_anyway,
    )
    db.session.flush()
    return made


def published_resource(org: Any, author: Any | None = None, title: str = "A published guide") -> Any:
    """Published by an organisation admin of ``org`` (who may publish without review)."""
    author = author or make_user(name="Pat Publisher")
    add_member(org, author, role="org_admin")
    return resource(author, org, title, action="publish")


def category(name: str = "Crisis communication", visibility: str = "public") -> Category:
    found = db.session.query(Category).filter_by(name=name).one_or_none()
    if found is not None:
        return found
    made = Category(name=name, slug=name.lower().replace(" ", "-"), visibility=visibility, position=10)
    db.session.add(made)
    db.session.flush()
    return made


def thread(
    author: Any,
    title: str = "How do you handle angry comments?",
    body: str = "We get many at night.",
    *,
    send_for_review: bool = False,
) -> Any:
    return discussions.create_thread(author, category(), title, body, send_for_review=send_for_review)


def opening_post(thread_: Any) -> Any:
    from app.discussions.models import Post

    return db.session.query(Post).filter_by(thread_id=thread_.id, position=1).one()


def reply(author: Any, thread_: Any, body: str = "We answer within the hour.", *, send_for_review: bool = False) -> Any:
    return discussions.reply_to_thread(author, thread_, body, send_for_review=send_for_review)


def members(org: Any, count: int) -> list[Any]:
    made = [make_user(name=f"Reporter {i}") for i in range(count)]
    for user in made:
        add_member(org, user)
    return made
