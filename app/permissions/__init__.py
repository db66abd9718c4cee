"""Every rule of who may do what, in one package: ``can(user, action, target)``.

Services call :func:`require` before they change or return anything; templates ask through the
``can`` global (``{% if can("resource.edit", resource) %}``), so no rule is written twice.
Rules take the acting user (a ``User`` or Flask-Login's anonymous user) and the target object.

Roles, from weakest to strongest: visitor (not signed in), signed-in user without an approved
organisation (sees what a visitor sees), member (belongs to an approved organisation, e-mail
verified, not suspended), organisation admin (of that organisation), moderator, admin.
"""

from __future__ import annotations

from ..roles import (
    approved_memberships,
    belongs_to,
    is_admin,
    is_member,
    is_moderator,
    is_org_admin,
    is_signed_in,
    is_verified,
    member_org_ids,
)
from . import discussion_rules, learning_rules, library_rules, moderation_rules, people_rules  # noqa: F401
from .registry import can, register_template_helper, require, require_visible, rule

__all__ = [
    "approved_memberships",
    "belongs_to",
    "can",
    "is_admin",
    "is_member",
    "is_moderator",
    "is_org_admin",
    "is_signed_in",
    "is_verified",
    "member_org_ids",
    "register_template_helper",
    "require",
    "require_visible",
    "rule",
]
