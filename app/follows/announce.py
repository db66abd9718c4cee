"""Telling followers of a topic or an organisation about a resource published for the first time.

Publishing queues one job (``announce_new_resource``); the worker notifies each follower who may
read the resource, once, however many of its topics they follow. The author hears nothing here
(they are told by the review workflow), nor do followers who unfollowed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from .. import jobs
from ..accounts.models import User
from ..discussions.models import Subscription
from ..extensions import db
from ..jobs import job_kind
from ..library.models import Resource
from ..notifications.service import notify
from ..permissions import can
from ..sharing import shorten

ANNOUNCE_JOB = "follows.announce_resource"


def _followed_by_anyone(resource: Resource) -> Any:
    return or_(
        Subscription.organisation_id == resource.organisation_id,
        Subscription.topic_id.in_([topic.id for topic in resource.topics]),
    )


def announce_new_resource(resource: Resource) -> None:
    """Queue the announcement in the publishing transaction (a rollback queues nothing), when
    anyone follows the resource's organisation or one of its topics (no job for nobody)."""
    db.session.flush()
    anyone = db.session.execute(
        select(Subscription.id).where(Subscription.muted.is_(False), _followed_by_anyone(resource)).limit(1)
    ).first()
    if anyone is not None:
        jobs.enqueue(ANNOUNCE_JOB, {"resource_id": resource.id})


@job_kind(ANNOUNCE_JOB)
def _announce(payload: dict[str, Any]) -> None:
    resource = db.session.get(Resource, int(payload["resource_id"]))
    if resource is None or not resource.is_listed:
        return  # deleted, archived or hidden since: nothing to announce
    reasons = db.session.execute(
        select(Subscription.user_id, Subscription.topic_id).where(
            Subscription.muted.is_(False), _followed_by_anyone(resource)
        )
    ).all()
    followers = {row.user_id for row in reasons} - {resource.author_id}
    if not followers:
        return
    by_topic = {topic.id: topic.name for topic in resource.topics}
    users = db.session.scalars(
        select(User).where(User.id.in_(followers)).options(selectinload(User.memberships)).order_by(User.id)
    )
    for user in users:
        if not user.is_active or not can(user, "resource.view", resource):
            continue
        topics = sorted({by_topic[row.topic_id] for row in reasons if row.user_id == user.id and row.topic_id})
        where = f"on {', '.join(topics)}" if topics else f"from {resource.organisation.name}"
        notify(
            user,
            "follows.new_resource",
            f"New in the library {where}: “{resource.title}”",
            shorten(resource.summary, 280),
            f"/library/{resource.slug}",
        )
