"""``flask seed demo`` step: about 300 believable library resources, through the library's services.

Runs after the network step and uses its organisations and people: organisation admins publish
directly, members submit and a moderator approves or returns; some resources stay drafts or
wait for review (one is held by the privacy guard), some were edited since (revisions), some
carry generated PDF and Word files (through ``app.uploads``), some are archived. Members mark
resources helpful and bookmark them; a moderator features a few and builds collections.

Idempotent: each planned resource has a stable ``external_id`` (``demo-001`` …) and is created
only when missing; everything that hangs off a resource is added only when it is created.
Dates are spread over the last two years afterwards, so the library reads like a real one: nothing
in the future, and what waits for review was sent in the last few days.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from werkzeug.datastructures import FileStorage

from ..accounts.models import User
from ..db_types import utcnow
from ..extensions import db
from ..orgs.models import Membership, Organisation, OrgStatus
from ..seed.documents import docx_document, pdf_document
from . import curation, engagement, service
from .demo_text import ITEM_NOTES, DemoWriter, PlannedResource
from .models import Attachment, Collection, Resource, ResourceRevision, ResourceStatus
from .pending_edits import PendingEdit
from .seed_data import COLLECTIONS, EDIT_NOTES, EDIT_SECTIONS, RETURN_REASONS

SEED = 20240301
COUNT = 300
PRIVACY_EXAMPLE = 5  # this one is held by the privacy guard, to show the review queue at work
PRIVACY_TEXT = (
    "\n\n## Notes from the shoot (remove before publishing)\n\nThe mother in the second photo, "
    "MRN 00482913, agreed on the day; check that the signed form is on file before this goes out."
)


def key_for(n: int) -> str:
    return f"demo-{n + 1:03d}"


@dataclass
class People:
    organisations: list[Organisation]
    admins: dict[int, list[User]]  # organisation id -> its admins
    members: dict[int, list[User]]  # organisation id -> its other members
    moderator: User | None
    everyone: list[User] = field(default_factory=list)  # every member, for votes and bookmarks


def _usable(user: User) -> bool:
    return user.is_active and user.is_verified and not user.is_admin


def load_people() -> People:
    organisations = list(
        db.session.execute(
            select(Organisation).where(Organisation.status == OrgStatus.APPROVED.value).order_by(Organisation.slug)
        ).scalars()
    )
    admins: dict[int, list[User]] = {org.id: [] for org in organisations}
    members: dict[int, list[User]] = {org.id: [] for org in organisations}
    rows = db.session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id.in_(list(admins)))
        .order_by(Membership.organisation_id, User.email)
    ).all()
    for membership, user in rows:
        if _usable(user) and not user.is_moderator:
            (admins if membership.is_org_admin else members)[membership.organisation_id].append(user)
    moderator = (
        db.session.execute(
            select(User).where(User.is_moderator.is_(True), User.deactivated_at.is_(None)).order_by(User.email)
        )
        .scalars()
        .first()
        or db.session.execute(
            select(User).where(User.is_admin.is_(True), User.deactivated_at.is_(None)).order_by(User.email)
        )
        .scalars()
        .first()
    )
    staffed = [org for org in organisations if admins[org.id] or members[org.id]]
    everyone = sorted(
        {u.id: u for org in staffed for u in admins[org.id] + members[org.id]}.values(), key=lambda u: u.id
    )
    return People(staffed, admins, members, moderator if moderator and moderator.is_active else None, everyone)


@dataclass
class Created:
    resource: Resource
    plan: PlannedResource
    author: User
    rng: random.Random
    edits: int = 0


class LibrarySeeder:
    def __init__(self, people: People) -> None:
        self.people = people
        self.writer = DemoWriter(SEED)
        self.counts = {"attachments": 0, "revisions": 0, "votes": 0}

    def run(self, count: int = COUNT) -> list[Created]:
        existing = set(
            db.session.execute(select(Resource.external_id).where(Resource.external_id.like("demo-%"))).scalars()
        )
        titles: set[str] = set()
        created = []
        for n in range(count):
            plan = self.writer.resource(n, key_for(n), titles)
            if plan.key in existing:
                continue
            created.append(self._create(n, plan))
        for item in created:
            self._edit(item)
            self._attach(item)
        db.session.flush()
        self._engage(created)
        self._feature(created)
        self._collect()
        self._backdate(created)
        return created

    # --- Creating -------------------------------------------------------------------------

    def _create(self, n: int, plan: PlannedResource) -> Created:
        rng = random.Random(f"{SEED}:people:{n}")
        people = self.people
        org = rng.choice(people.organisations)
        admins, members = people.admins[org.id], people.members[org.id]
        roll = rng.random()
        status = (
            "published"
            if roll < 0.78
            else "pending"
            if roll < 0.86
            else "draft"
            if roll < 0.93
            else "returned"
            if roll < 0.96
            else "archived"
        )
        reviewed = status in ("returned",) or (status == "published" and rng.random() < 0.2)
        if n == PRIVACY_EXAMPLE:
            status, reviewed = "pending", False
        if reviewed and people.moderator is not None and members:
            author = rng.choice(members)
        else:
            reviewed = False
            author = rng.choice(admins if status in ("published", "archived") and admins else members or admins)
        body = plan.body + (PRIVACY_TEXT if n == PRIVACY_EXAMPLE else "")
        data = service.ResourceInput(
            title=plan.title,
            summary=plan.summary,
            body=body,
            kind=plan.kind,
            visibility=plan.visibility,
            topics=plan.topics,
            tags=plan.tags,
            external_url=plan.url,
        )
        action = (
            "publish"
            if status in ("published", "archived") and not reviewed
            else ("draft" if status == "draft" else "submit")
        )
        resource = service.create_resource(
            author, org, data, action=action, send_anyway=n == PRIVACY_EXAMPLE, external_id=plan.key
        )
        if reviewed and resource.status == ResourceStatus.PENDING and people.moderator is not None:
            if status == ResourceStatus.RETURNED:
                service.return_resource(people.moderator, resource, rng.choice(RETURN_REASONS))
            else:
                service.approve_resource(people.moderator, resource)
        if status == "archived" and resource.status == "published":
            service.archive_resource(author, resource)
        return Created(resource, plan, author, rng)

    def _edit(self, item: Created) -> None:
        if item.resource.status not in ("published", "returned", "draft") or item.rng.random() > 0.14:
            return
        body = item.resource.body_source
        for _ in range(item.rng.randint(1, 2)):
            body = body + "\n\n" + item.rng.choice(EDIT_SECTIONS)
            data = service.ResourceInput(
                title=item.resource.title,
                summary=item.resource.summary,
                body=body,
                kind=item.resource.kind,
                visibility=item.resource.visibility,
                topics=[t.slug for t in item.resource.topics],
                tags=[t.name for t in item.resource.tags],
                external_url=item.resource.external_url,
            )
            if service.edit_resource(item.author, item.resource, data, note=item.rng.choice(EDIT_NOTES)):
                item.edits += 1
                self.counts["revisions"] += 1

    def _attach(self, item: Created) -> None:
        for planned in item.plan.files:
            make = pdf_document if planned.kind == "pdf" else docx_document
            upload = FileStorage(io.BytesIO(make(planned.title, planned.paragraphs)), filename=planned.name)
            service.add_attachment(item.author, item.resource, upload)
            self.counts["attachments"] += 1

    # --- What members and moderators do -----------------------------------------------------

    def _engage(self, created: list[Created]) -> None:
        everyone = self.people.everyone
        for item in created:
            resource = item.resource
            if not resource.is_listed:
                continue
            others = [user for user in everyone if user.id != item.author.id]
            for user in item.rng.sample(others, min(len(others), item.rng.randint(0, 8))):
                self.counts["votes"] += engagement.vote_helpful(user, resource)
            for user in item.rng.sample(others, min(len(others), item.rng.randint(0, 3))):
                engagement.add_bookmark(user, resource)

    def _feature(self, created: list[Created]) -> None:
        moderator = self.people.moderator
        if moderator is None:
            return
        candidates = [c.resource for c in created if c.resource.is_listed and c.resource.is_public]
        for resource in candidates[:: max(1, len(candidates) // 6)][:6]:
            service.feature_resource(moderator, resource, True)

    def _collect(self) -> None:
        moderator = self.people.moderator
        if moderator is None:
            return
        titles = set(db.session.execute(select(Collection.title)).scalars())
        for number, (title, description, subjects) in enumerate(COLLECTIONS):
            if title in titles:
                continue
            collection = curation.create_collection(moderator, title, description)
            rows = db.session.execute(
                select(Resource)
                .where(
                    Resource.external_id.like("demo-%"),
                    Resource.status == "published",
                    Resource.visibility == "public",
                    Resource.hidden_at.is_(None),
                )
                .order_by(Resource.external_id)
            ).scalars()
            chosen = [r for r in rows if any(t.slug in subjects for t in r.topics)][:6]
            for position, resource in enumerate(chosen):
                curation.add_to_collection(
                    moderator, collection, resource, ITEM_NOTES[(number + position) % len(ITEM_NOTES)]
                )

    # --- Dates ------------------------------------------------------------------------------

    def _backdate(self, created: list[Created]) -> None:
        """Spread the new resources over the last two years (the services stamped them all now)."""
        now = utcnow()

        def past(moment: datetime) -> datetime:
            return min(moment, now - timedelta(minutes=5))

        for item in created:
            resource, rng = item.resource, item.rng
            if resource.status == ResourceStatus.PENDING:  # sent in the last few days, not last year
                submitted = now - timedelta(hours=rng.uniform(1.5, 96))
                born = submitted - timedelta(hours=rng.uniform(0.2, 48))
            else:
                born = now - timedelta(days=rng.randint(3, 720), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
                submitted = past(born + timedelta(hours=rng.randint(1, 30)))
            published = past(born + timedelta(hours=rng.randint(1, 72))) if resource.published_at else None
            edited = past(born + timedelta(days=rng.randint(2, 40)) * item.edits)
            values: dict[str, Any] = {"created_at": born, "updated_at": max(born, edited, published or born)}
            if resource.is_listed:  # views before the counter existed
                values["view_count"] = resource.helpful_count * rng.randint(4, 25) + rng.randint(0, 60)
            if published:
                values["published_at"] = published
            if resource.submitted_at:
                values["submitted_at"] = submitted
            if resource.archived_at:
                values["archived_at"] = past((published or born) + timedelta(days=rng.randint(30, 200)))
                values["updated_at"] = max(values["updated_at"], values["archived_at"])
            if resource.approved_at:
                values["approved_at"] = published or born
            db.session.execute(update(Resource).where(Resource.id == resource.id).values(**values))
            revisions = (
                db.session.execute(
                    select(ResourceRevision.id)
                    .where(ResourceRevision.resource_id == resource.id)
                    .order_by(ResourceRevision.number)
                )
                .scalars()
                .all()
            )
            for index, revision_id in enumerate(revisions):
                stamp = born if index == 0 else past(born + timedelta(days=rng.randint(2, 40)) * index)
                db.session.execute(
                    update(ResourceRevision).where(ResourceRevision.id == revision_id).values(created_at=stamp)
                )
            db.session.execute(update(Attachment).where(Attachment.resource_id == resource.id).values(created_at=born))
            db.session.execute(  # an edit waiting for review was sent in the last few days
                update(PendingEdit)
                .where(PendingEdit.resource_id == resource.id)
                .values(created_at=now - timedelta(hours=rng.uniform(1, 80)))
            )


def seed_library() -> list[str]:
    """Create the demo library where missing; returns a line to print."""
    curation.ensure_default_topics()
    people = load_people()
    if not people.organisations:
        return ["Demo library: no approved organisations with members yet; skipped."]
    seeder = LibrarySeeder(people)
    created = seeder.run()
    db.session.flush()
    if not created:
        return ["Demo library: already present; nothing added."]
    statuses: dict[str, int] = {}
    for item in created:
        statuses[item.resource.status] = statuses.get(item.resource.status, 0) + 1
    detail = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items(), key=lambda kv: -kv[1]))
    return [
        f"Demo library: {len(created)} resources ({detail}), {seeder.counts['revisions']} later revisions, "
        f"{seeder.counts['attachments']} attached files, {seeder.counts['votes']} helpful votes."
    ]
