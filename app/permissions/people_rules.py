"""Permission rules: accounts, organisations and the staff areas."""

from __future__ import annotations

from typing import Any

from ..roles import (
    belongs_to,
    is_admin,
    is_member,
    is_moderator,
    is_org_admin,
    is_signed_in,
    is_verified,
)
from .registry import can, rule

# --- Accounts ---------------------------------------------------------------------------


@rule("user.view_profile")
def _view_profile(user: Any, profile: Any) -> bool:
    if profile is None or profile.deactivated_at is not None:
        return is_admin(user)
    if is_signed_in(user) and user.id == profile.id:
        return True
    return is_member(user) or is_moderator(user)


@rule("user.suspend")
def _suspend_user(user: Any, target: Any) -> bool:
    # Moderators may not suspend admins or each other: that would escalate privilege.
    if not is_moderator(user) or target is None or target.id == user.id:
        return False
    if target.is_admin:
        return False
    return is_admin(user) or not target.is_moderator


@rule("user.deactivate", "user.appoint_moderator")
def _admin_over_user(user: Any, target: Any) -> bool:
    return is_admin(user) and (target is None or target.id != user.id)


@rule("api_token.create")
def _create_api_token(user: Any, _: Any) -> bool:
    return is_verified(user)


@rule("api_token.revoke")
def _revoke_api_token(user: Any, token: Any) -> bool:
    """A token is its owner's alone: not even admins see or revoke another person's (they suspend)."""
    return is_signed_in(user) and token is not None and token.user_id == user.id


# --- Organisations ----------------------------------------------------------------------


@rule("org.apply")
def _apply_org(user: Any, _: Any) -> bool:
    return is_verified(user)


@rule("org.view")
def _view_org(user: Any, org: Any) -> bool:
    """Approved organisations are public; any other is seen by admins, its applicant and its own
    people (a suspended organisation's staff see why)."""
    if org.is_approved:
        return True
    if is_admin(user):
        return True
    if not is_signed_in(user):
        return False
    return org.applied_by_id == user.id or any(m.organisation_id == org.id for m in user.memberships)


@rule("org.edit", "org.manage_members")
def _manage_org(user: Any, org: Any) -> bool:
    return is_admin(user) or (org.is_approved and is_org_admin(user, org))


@rule("org.request_join")
def _request_join(user: Any, org: Any) -> bool:
    return is_verified(user) and org.is_approved and not belongs_to(user, org)


@rule("org.decide_application", "org.suspend")
def _decide_org(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("org.view_members")
def _view_org_members(user: Any, org: Any) -> bool:
    """Staff lists are for the network: members, moderators and admins, not visitors."""
    return can(user, "org.view", org) and (is_member(user) or is_moderator(user))


@rule("org.leave")
def _leave_org(user: Any, org: Any) -> bool:
    return is_signed_in(user) and any(m.organisation_id == org.id for m in user.memberships)


# --- Administration and moderation ------------------------------------------------------


@rule("admin.access", "admin.manage_settings")
def _admin_only(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("moderation.access")
def _moderators_only(user: Any, _: Any) -> bool:
    return is_moderator(user)
