"""Follow and unfollow a topic or an organisation; what a member follows, for their home page.

The rows live in ``discussions.models.Subscription`` beside thread and category follows, so one
place answers "what does this member follow". Notices go through ``app.notifications.notify``,
which e-mails at once, in the daily digest or never, as the member chose in their settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..accounts.models import User
from ..discussions.models import Category, Subscription, Thread
from ..discussions.visibility import category_clause, thread_clause
from ..extensions import db
from ..library.models import Topic
from ..orgs.models import Organisation, OrgStatus
from ..permissions import is_signed_in, require

FOLLOWED_THREADS_SHOWN = 8


def _subscription(user: Any, *, topic: Topic | None = None, org: Organisation | None = None) -> Subscription | None:
    query = select(Subscription).where(Subscription.user_id == user.id)
    if topic is not None:
        query = query.where(Subscription.topic_id == topic.id)
    else:
        assert org is not None
        query = query.where(Subscription.organisation_id == org.id)
    return db.session.execute(query).scalar_one_or_none()


def is_following(user: Any, *, topic: Topic | None = None, org: Organisation | None = None) -> bool:
    if not is_signed_in(user):
        return False
    found = _subscription(user, topic=topic, org=org)
    return found is not None and not found.muted


def _set(user: User, following: bool, *, topic: Topic | None = None, org: Organisation | None = None) -> None:
    found = _subscription(user, topic=topic, org=org)
    if found is None:
        if not following:
            return
        found = Subscription(
            user_id=user.id,
            topic_id=topic.id if topic is not None else None,
            organisation_id=org.id if org is not None else None,
        )
        db.session.add(found)
    found.muted = not following
    db.session.flush()


def follow_topic(actor: User, topic: Topic) -> None:
    require(actor, "topic.follow", topic)
    _set(actor, True, topic=topic)


def unfollow_topic(actor: User, topic: Topic) -> None:
    require(actor, "topic.follow", topic)
    _set(actor, False, topic=topic)


def follow_organisation(actor: User, org: Organisation) -> None:
    require(actor, "org.view", org, hide=True)
    require(actor, "org.follow", org)
    _set(actor, True, org=org)


def unfollow_organisation(actor: User, org: Organisation) -> None:
    require(actor, "org.view", org, hide=True)
    require(actor, "org.follow", org)
    _set(actor, False, org=org)


@dataclass
class Followed:
    """What a member follows, each kind in one statement (the home page's query count stays flat)."""

    topics: list[Topic] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.topics or self.organisations or self.categories or self.threads)


def followed_by(user: User) -> Followed:
    """Topics, organisations, categories and the threads with the latest activity ``user`` follows
    (threads and categories only where they may still read them)."""
    mine = (Subscription.user_id == user.id) & Subscription.muted.is_(False)
    topics = db.session.scalars(
        select(Topic).join(Subscription, Subscription.topic_id == Topic.id).where(mine).order_by(Topic.name)
    )
    orgs = db.session.scalars(
        select(Organisation)
        .join(Subscription, Subscription.organisation_id == Organisation.id)
        .where(mine, Organisation.status == OrgStatus.APPROVED.value)
        .order_by(Organisation.name)
    )
    categories = db.session.scalars(
        select(Category)
        .join(Subscription, Subscription.category_id == Category.id)
        .where(mine, category_clause(user))
        .order_by(Category.position, Category.name)
    )
    threads = db.session.scalars(
        select(Thread)
        .join(Subscription, Subscription.thread_id == Thread.id)
        .join(Category, Category.id == Thread.category_id)
        .where(mine, thread_clause(user))
        .options(contains_eager(Thread.category))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(FOLLOWED_THREADS_SHOWN)
    )
    return Followed(list(topics), list(orgs), list(categories), list(threads))
