"""Who is this user? The role tests every permission rule and visibility filter builds on.

Roles, from weakest to strongest: visitor (not signed in), signed-in user without an approved
organisation (sees what a visitor sees), member (belongs to an approved organisation, e-mail
verified, not suspended), organisation admin (of that organisation), moderator, admin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from .accounts.models import User
from .actors import Actor, SignedIn, SystemActor

if TYPE_CHECKING:
    from .orgs.models import Membership, Organisation


def is_signed_in(user: Actor) -> TypeGuard[SignedIn]:
    return isinstance(user, User | SystemActor) and user.is_authenticated and user.is_active


def is_verified(user: Actor) -> bool:
    return is_signed_in(user) and user.is_verified


def is_admin(user: Actor) -> bool:
    return is_signed_in(user) and bool(user.is_admin)


def is_moderator(user: Actor) -> bool:
    """Moderators and admins: admins can do everything a moderator can."""
    return is_signed_in(user) and bool(user.is_moderator or user.is_admin)


def approved_memberships(user: Actor) -> list[Membership]:
    if not is_signed_in(user) or not user.is_verified:
        return []
    return [m for m in user.memberships if m.organisation.is_approved]


def is_member(user: Actor) -> bool:
    """Belongs to at least one approved organisation (and is verified and not suspended)."""
    return bool(approved_memberships(user))


def member_org_ids(user: Actor) -> set[int]:
    return {m.organisation_id for m in approved_memberships(user)}


def belongs_to(user: Actor, org: Organisation | None) -> bool:
    return org is not None and org.id in member_org_ids(user)


def is_org_admin(user: Actor, org: Organisation | None) -> bool:
    if org is None:
        return False
    return any(m.organisation_id == org.id and m.is_org_admin for m in approved_memberships(user))


def reads_members_content(user: Actor) -> bool:
    """May read members-only resources, categories and search results: members and moderators."""
    return is_member(user) or is_moderator(user)


def wrote(user: Actor, author_id: int | None) -> bool:
    """``user`` is the signed-in author (``author_id`` None: nobody wrote it, e.g. an import)."""
    return is_signed_in(user) and author_id is not None and author_id == user.id
