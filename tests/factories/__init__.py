"""The tests' one factories package: builders for test data, made through the services as users make it.

Here: people and organisations. By domain: ``factories.library`` (topics, resources in any
status), ``factories.discussions`` (categories, threads, replies), ``factories.moderation``
(items to report, reporters). Call them inside an app context; they flush, the test commits if
it needs to.
"""

from __future__ import annotations

import itertools

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.db_types import utcnow
from app.extensions import db
from app.orgs.models import MemberRole, Membership, Organisation, OrgStatus, OrgType

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_user(
    email: str | None = None,
    name: str | None = None,
    *,
    password: str = PASSWORD,
    verified: bool = True,
    admin: bool = False,
    moderator: bool = False,
) -> User:
    n = next(_counter)
    user = User(
        email=email or f"user{n}@example.org",
        name=name or f"Test User {n}",
        password_hash=hash_password(password),
        email_verified_at=utcnow() if verified else None,
        is_admin=admin,
        is_moderator=moderator,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_org(
    name: str | None = None,
    *,
    status: str = OrgStatus.APPROVED.value,
    org_type: str = OrgType.HOSPITAL.value,
    admin: User | None = None,
    members: tuple[User, ...] = (),
    **fields: object,
) -> Organisation:
    n = next(_counter)
    name = name or f"Test Hospital {n}"
    org = Organisation(
        name=name,
        slug=fields.pop("slug", None) or f"test-org-{n}",
        type=org_type,
        status=status,
        decided_at=utcnow() if status != OrgStatus.APPLIED.value else None,
        applied_by_id=admin.id if admin else None,
        **fields,
    )
    db.session.add(org)
    db.session.flush()
    if admin is not None:
        add_member(org, admin, role=MemberRole.ORG_ADMIN.value)
    for member in members:
        add_member(org, member)
    return org


def add_member(org: Organisation, user: User, role: str = MemberRole.MEMBER.value) -> Membership:
    membership = Membership(organisation_id=org.id, user_id=user.id, role=role)
    db.session.add(membership)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    return membership
