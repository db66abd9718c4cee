"""``flask seed demo`` step: a believable network of organisations and people, built idempotently.

The whole network is first planned from a fixed random seed (so every run plans the same people),
then created where missing: organisations by slug, users by e-mail, memberships by pair.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.passwords import hash_password
from ..db_types import utcnow
from ..extensions import db
from ..search import outbox
from ..text import slugify
from .channel_rules import handle_of
from .models import JoinRequest, MemberRole, Membership, Organisation, OrgStatus, Platform, SocialChannel
from .seed_data import (
    DESCRIPTIONS,
    MEMBER_ORGS,
    PENDING_ORGS,
    REJECTED_ORG,
    SUSPENDED_ORG,
    DemoOrg,
)
from .seed_people import FIRST_NAMES, JOB_TITLES, LAST_NAMES

SEED = 20240611
DEMO_PASSWORD = "demo-network-password"
ADMIN_EMAIL = "admin@smhn.example"
JOIN_MESSAGES = [
    "I joined the communications team last month and will be posting for us.",
    "I manage our Instagram and would like to share our campaign results.",
    "Could you add me? I am the new web editor.",
    "",
]


@dataclass
class PlannedUser:
    email: str
    name: str
    job_title: str
    verified: bool = True
    moderator: bool = False
    admin: bool = False
    days_ago: int = 0


@dataclass
class PlannedOrg:
    org: DemoOrg
    slug: str
    status: str
    reason: str
    applicant: str
    days_ago: float
    channels: dict[str, str]


@dataclass
class Plan:
    users: dict[str, PlannedUser] = field(default_factory=dict)
    orgs: list[PlannedOrg] = field(default_factory=list)
    memberships: list[tuple[str, str, str]] = field(default_factory=list)  # email, slug, role
    join_requests: list[tuple[str, str, str]] = field(default_factory=list)  # email, slug, message
    sign_ins: dict[str, str] = field(default_factory=dict)  # role description -> email


class _People:
    """Unique, believable names and addresses, drawn from one random generator."""

    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.rng, self.plan = rng, plan
        self.names: set[tuple[str, str]] = set()

    def add(self, domain: str, **options: object) -> str:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            if (first, last) not in self.names:
                break
        self.names.add((first, last))
        local = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
        email = f"{local}@{domain}"
        self.plan.users[email] = PlannedUser(
            email=email,
            name=f"{first} {last}",
            job_title=self.rng.choice(JOB_TITLES),
            days_ago=self.rng.randint(1, 700),
            **options,  # type: ignore[arg-type]
        )
        return email


def _channels(rng: random.Random, org: DemoOrg, slug: str) -> dict[str, str]:
    handle = slug.replace("-", "")[:22] + "demo"
    urls = {
        Platform.FACEBOOK: f"https://www.facebook.com/{handle}",
        Platform.X: f"https://x.com/{handle[:11]}demo",
        Platform.LINKEDIN: f"https://www.linkedin.com/company/{slug}-demo",
        Platform.YOUTUBE: f"https://www.youtube.com/@{handle}",
        Platform.INSTAGRAM: f"https://www.instagram.com/{handle}/",
        Platform.TIKTOK: f"https://www.tiktok.com/@{handle[:20]}",
        Platform.THREADS: f"https://www.threads.net/@{handle}",
        Platform.BLUESKY: f"https://bsky.app/profile/{org.domain}",
        Platform.BLOG: f"https://blog.{org.domain}/",
    }
    chosen = rng.sample(list(urls), k=rng.randint(2, 6))
    return {platform.value: urls[platform] for platform in chosen}


def build_plan(rng: random.Random) -> Plan:
    plan = Plan()
    people = _People(rng, plan)
    plan.users[ADMIN_EMAIL] = PlannedUser(
        ADMIN_EMAIL, "Morgan Reyes", "Network administrator", admin=True, days_ago=800
    )
    plan.sign_ins["admin"] = ADMIN_EMAIL

    members_by_org: dict[str, list[str]] = {}
    for index, demo in enumerate(MEMBER_ORGS):
        slug = slugify(demo.name, max_length=100)
        org_admin = people.add(demo.domain)
        plan.orgs.append(
            PlannedOrg(
                demo,
                slug,
                OrgStatus.APPROVED.value,
                "",
                org_admin,
                rng.randint(30, 720),
                _channels(rng, demo, slug),
            )
        )
        plan.memberships.append((org_admin, slug, MemberRole.ORG_ADMIN.value))
        if index % 3 == 0:
            plan.memberships.append((people.add(demo.domain), slug, MemberRole.ORG_ADMIN.value))
        members = [people.add(demo.domain) for _ in range(rng.randint(1, 3))]
        plan.memberships.extend((email, slug, MemberRole.MEMBER.value) for email in members)
        members_by_org[slug] = members
        plan.sign_ins.setdefault("organisation admin", org_admin)

    slugs = list(members_by_org)
    all_members = [email for slug in slugs for email in members_by_org[slug]]
    for email in rng.sample(all_members, 3):
        plan.users[email].moderator = True
        plan.sign_ins.setdefault("moderator", email)
    in_two = rng.sample([e for e in all_members if not plan.users[e].moderator], 4)
    for email in in_two:
        home = email.rpartition("@")[2]
        other = rng.choice([s for s in slugs if not any(m.endswith(home) for m in members_by_org[s])])
        plan.memberships.append((email, other, MemberRole.MEMBER.value))
    plan.sign_ins["member"] = next(e for e in all_members if not plan.users[e].moderator and e not in in_two)
    plan.sign_ins["member of two organisations"] = in_two[0]

    for slug in rng.sample(slugs, 6):
        demo = next(p.org for p in plan.orgs if p.slug == slug)
        outsider = people.add(demo.domain)
        plan.join_requests.append((outsider, slug, rng.choice(JOIN_MESSAGES)))
        plan.sign_ins.setdefault("outsider with a pending join request", outsider)
    plan.sign_ins["outsider (no organisation)"] = people.add("mailbox.example")
    plan.sign_ins["unverified e-mail"] = people.add(rng.choice(MEMBER_ORGS).domain, verified=False)

    for demo in PENDING_ORGS:
        slug = slugify(demo.name, max_length=100)
        applicant = people.add(demo.domain)
        plan.orgs.append(
            PlannedOrg(
                demo,
                slug,
                OrgStatus.APPLIED.value,
                "",
                applicant,
                rng.uniform(0.1, 3.5),  # applications wait hours to a few days, as in a looked-after queue
                _channels(rng, demo, slug),
            )
        )
        plan.sign_ins.setdefault("applicant with a pending application", applicant)
    for (demo, reason), status in ((REJECTED_ORG, OrgStatus.REJECTED), (SUSPENDED_ORG, OrgStatus.SUSPENDED)):
        slug = slugify(demo.name, max_length=100)
        applicant = people.add(demo.domain)
        plan.orgs.append(
            PlannedOrg(demo, slug, status.value, reason, applicant, rng.randint(40, 200), _channels(rng, demo, slug))
        )
        if status is OrgStatus.SUSPENDED:
            plan.memberships.append((applicant, slug, MemberRole.ORG_ADMIN.value))
    return plan


# --- Creating what is missing -----------------------------------------------------------


def seed_network() -> list[str]:
    """Create the demo network where missing; return the sign-in lines to print (development only)."""
    plan = build_plan(random.Random(SEED))
    users = _ensure_users(plan)
    orgs = _ensure_orgs(plan, users)
    _ensure_memberships(plan, users, orgs)
    _ensure_join_requests(plan, users, orgs)
    db.session.flush()
    approved = sum(1 for p in plan.orgs if p.status == OrgStatus.APPROVED.value)
    pending = sum(1 for p in plan.orgs if p.status == OrgStatus.APPLIED.value)
    lines = [
        f"Demo network: {approved} member organisations, {pending} pending applications, "
        f"{len(plan.users)} people, {len(plan.join_requests)} pending join requests.",
        "Demo sign-ins (development only; every demo account has the same password):",
    ]
    lines += [
        f"  {role:<40} {email}  password: {DEMO_PASSWORD}  (development only)" for role, email in plan.sign_ins.items()
    ]
    return lines


def _ensure_users(plan: Plan) -> dict[str, User]:
    existing = {u.email: u for u in db.session.execute(select(User).where(User.email.in_(list(plan.users)))).scalars()}
    missing = [p for email, p in plan.users.items() if email not in existing]
    if missing:
        password_hash = hash_password(DEMO_PASSWORD)  # once: a slow hash per user would take minutes
        now = utcnow()
        for p in missing:
            created = now - timedelta(days=p.days_ago)
            user = User(
                email=p.email,
                name=p.name,
                job_title=p.job_title,
                password_hash=password_hash,
                email_verified_at=created if p.verified else None,
                is_admin=p.admin,
                is_moderator=p.moderator,
                created_at=created,
            )
            db.session.add(user)
            existing[p.email] = user
        db.session.flush()
    return existing


def _ensure_orgs(plan: Plan, users: dict[str, User]) -> dict[str, Organisation]:
    slugs = [p.slug for p in plan.orgs]
    existing = {
        o.slug: o for o in db.session.execute(select(Organisation).where(Organisation.slug.in_(slugs))).scalars()
    }
    now = utcnow()
    admin = users[ADMIN_EMAIL]
    created_now: list[Organisation] = []
    for p in plan.orgs:
        if p.slug in existing:
            continue
        demo = p.org
        created = now - timedelta(days=p.days_ago)
        description = DESCRIPTIONS[demo.type][len(demo.name) % len(DESCRIPTIONS[demo.type])]
        org = Organisation(
            name=demo.name,
            slug=p.slug,
            type=demo.type,
            website=f"https://www.{demo.domain}/",
            country=demo.country,
            region=demo.region,
            city=demo.city,
            description=description.format(name=demo.name, focus=demo.focus, city=demo.city),
            email_domain=demo.domain,
            status=p.status,
            decision_reason=p.reason,
            applied_by_id=users[p.applicant].id,
            decided_by_id=None if p.status == OrgStatus.APPLIED.value else admin.id,
            decided_at=None if p.status == OrgStatus.APPLIED.value else created + timedelta(days=2),
            created_at=created,
            channels=[
                SocialChannel(platform=platform, url=url, handle=handle_of(platform, url))
                for platform, url in p.channels.items()
            ],
        )
        db.session.add(org)
        existing[p.slug] = org
        created_now.append(org)
    db.session.flush()
    for org in created_now:
        if org.is_approved:
            outbox.enqueue("organisation", org.id)
    return existing


def _ensure_memberships(plan: Plan, users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    """Each member joined some days after both their account and the organisation existed."""
    have = {tuple(row) for row in db.session.execute(select(Membership.user_id, Membership.organisation_id))}
    now = utcnow()
    for email, slug, role in plan.memberships:
        user, org = users[email], orgs[slug]
        key = (user.id, org.id)
        if key not in have:
            settled = max(user.created_at, org.created_at) + timedelta(days=(user.id * 7 + org.id * 3) % 30)
            joined = min(settled, now - timedelta(hours=1))
            db.session.add(Membership(user_id=key[0], organisation_id=key[1], role=role, created_at=joined))
            have.add(key)


def _ensure_join_requests(plan: Plan, users: dict[str, User], orgs: dict[str, Organisation]) -> None:
    have = {tuple(row) for row in db.session.execute(select(JoinRequest.user_id, JoinRequest.organisation_id))}
    for email, slug, message in plan.join_requests:
        key = (users[email].id, orgs[slug].id)
        if key not in have:
            db.session.add(JoinRequest(user_id=key[0], organisation_id=key[1], message=message))
            have.add(key)
