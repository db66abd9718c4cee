"""Demo content requests and follows: what members of the demo network ask for and follow.

Idempotent: does nothing once any request exists. Everything goes through the services (the
privacy guard, votes, notices), as members and moderators would do it.
"""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..follows import service as follows
from ..library.models import Resource, ResourceStatus, Topic, Visibility
from ..orgs.models import Membership, Organisation, OrgStatus
from . import service
from .models import ContentRequest

REQUESTS = (
    (
        "A consent form for filming patients on the ward",
        "We want short TikTok videos with our maternity team. Has anyone a consent form that covers "
        "patients who appear in the background, and how long you keep the footage?",
        "We adapted the one from our legal team last spring; happy to share once it is approved.",
    ),
    (
        "Examples of a social media policy for physicians who post in their own name",
        "Our medical staff committee asked what other hospitals allow. Policies, or a summary of the "
        "usual rules, welcome.",
        "",
    ),
    (
        "Templates for storm-season closure notices",
        "Clinic closures, shuttle changes, where to go instead. Ideally in English and Spanish.",
        "Ours are in a shared drive; I will tidy them for the library.",
    ),
    (
        "A dashboard to report social media results to the board",
        "Something simple: reach, engagement and the three posts that mattered, on one page.",
        "",
    ),
)


def _people() -> tuple[User | None, list[User], list[Organisation]]:
    moderator = db.session.scalars(select(User).where(User.is_moderator.is_(True)).order_by(User.id)).first()
    members = list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(
                Organisation.status == OrgStatus.APPROVED.value,
                User.is_moderator.is_(False),
                User.is_admin.is_(False),
                User.email_verified_at.is_not(None),
            )
            .order_by(User.email)
            .distinct()
            .limit(8)
        )
    )
    orgs = list(
        db.session.scalars(
            select(Organisation).where(Organisation.status == OrgStatus.APPROVED.value).order_by(Organisation.name)
        )
    )
    return moderator, members, orgs


def seed_requests() -> list[str]:
    if db.session.execute(select(ContentRequest.id).limit(1)).first() is not None:
        return ["Demo requests: already present; nothing added."]
    moderator, members, orgs = _people()
    if moderator is None or len(members) < 4:
        return ["Demo requests: not enough demo members yet; skipped."]
    made = []
    for n, (title, details, comment) in enumerate(REQUESTS):
        asker = members[n % len(members)]
        item = service.create_request(asker, title, details)
        for voter in members[n + 1 : n + 4]:
            if voter.id != asker.id:
                service.vote(voter, item)
        if comment:
            service.add_comment(members[(n + 2) % len(members)], item, comment)
        made.append(item)
    answer = db.session.scalars(
        select(Resource)
        .where(Resource.status == ResourceStatus.PUBLISHED, Resource.visibility == Visibility.PUBLIC)
        .order_by(Resource.id)
    ).first()
    if answer is not None:
        service.fulfil(moderator, made[1], f"/library/{answer.slug}")
    service.assign(moderator, made[2])
    topics = list(db.session.scalars(select(Topic).order_by(Topic.name).limit(3)))
    for n, member in enumerate(members[:4]):
        if topics:
            follows.follow_topic(member, topics[n % len(topics)])
        if len(orgs) > 1:
            follows.follow_organisation(member, orgs[(n + 1) % len(orgs)])
    db.session.flush()
    return [f"Demo requests: {len(made)} content requests, follows for {min(4, len(members))} members."]
