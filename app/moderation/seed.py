"""Demo reports for ``flask seed demo``: a few members flag posts and resources, so the review queue
has something to show (one post reaches the threshold and is hidden until reviewed)."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..db_types import utcnow
from ..discussions.models import Post, PostStatus
from ..errors import DomainError
from ..extensions import db
from ..library.models import Resource, ResourceStatus
from ..orgs.models import Membership, Organisation, OrgStatus
from .models import Flag
from .service import flag_item

# (target type, reason, note, how many members report it)
REPORTS = (
    ("post", "spam", "Selling followers in a reply.", 3),
    ("post", "misinformation", "Says flu shots cause the flu.", 1),
    ("post", "harassment", "Personal attack on another member.", 2),
    ("resource", "patient_privacy", "The screenshot shows a patient's name.", 1),
    ("resource", "other", "The link in the summary is broken.", 1),
)


def _candidates(target_type: str, limit: int = 200) -> list:
    if target_type == "post":
        query = select(Post).where(
            Post.status == PostStatus.PUBLISHED, Post.hidden_at.is_(None), Post.deleted_at.is_(None)
        )
        return list(db.session.execute(query.order_by(Post.id).limit(limit)).scalars())

    resources = select(Resource).where(
        Resource.status == ResourceStatus.PUBLISHED, Resource.hidden_at.is_(None), Resource.merged_into_id.is_(None)
    )
    return list(db.session.execute(resources.order_by(Resource.id).limit(limit)).scalars())


def _members(limit: int = 200) -> list[User]:
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Organisation.status == OrgStatus.APPROVED.value,
            User.is_moderator.is_(False),
            User.is_admin.is_(False),
        )
        .distinct()
        .order_by(User.id)
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())


def seed_moderation() -> list[str]:
    """Idempotent: does nothing when reports already exist."""
    if db.session.execute(select(Flag.id).limit(1)).first() is not None:
        return ["Moderation demo: reports already present."]
    rng = random.Random(6)
    members = _members()
    made = 0
    for target_type, reason, note, reporters in REPORTS:
        items = _candidates(target_type)
        if not items or not members:
            continue
        item = rng.choice(items)
        for reporter in rng.sample(members, min(len(members), reporters * 3)):
            if reporters <= 0:
                break
            try:
                with db.session.begin_nested():
                    flag = flag_item(reporter, target_type, item.id, reason, note)
            except DomainError:
                continue
            flag.created_at = utcnow() - timedelta(hours=rng.uniform(1, 72))  # reported in the last days
            made += 1
            reporters -= 1
    db.session.flush()
    return [f"Moderation demo: {made} reports from members waiting in the review queue."]
