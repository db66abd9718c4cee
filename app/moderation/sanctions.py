"""Sanctions on accounts: suspend for a while or indefinitely, lift; admins deactivate and reactivate.

Suspending or deactivating ends every session of the user at once (``end_all_sessions`` bumps the
session version); the member sees the reason when they next try to sign in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..accounts.models import User
from ..accounts.service import end_all_sessions
from ..admin.service import deactivate_user as deactivate
from ..admin.service import reactivate_user as reactivate
from ..db_types import utcnow
from ..errors import ValidationError
from ..notifications.service import notify
from ..permissions import require
from .actions import log_moderator_action, record_action

REASON_MAX = 2000
# Choices offered by the suspension form, in days; None means indefinitely.
SUSPENSION_PERIODS: tuple[tuple[str, int | None, str], ...] = (
    ("1", 1, "1 day"),
    ("3", 3, "3 days"),
    ("7", 7, "1 week"),
    ("30", 30, "30 days"),
    ("90", 90, "90 days"),
    ("indefinite", None, "Indefinitely"),
)


def _state(user: User) -> dict[str, object]:
    return {
        "suspended_until": user.suspended_until.isoformat() if user.suspended_until else None,
        "suspended_indefinitely": bool(user.suspended_indefinitely),
        "deactivated": user.deactivated_at is not None,
    }


def clean_reason(reason: str | None, *, required: bool = True, field: str = "reason") -> str:
    text = (reason or "").strip()
    if required and not text:
        raise ValidationError("Please give a reason.", {field: ["Please give a reason; the member will see it."]})
    if len(text) > REASON_MAX:
        raise ValidationError("The reason is too long.", {field: [f"At most {REASON_MAX} characters."]})
    return text


def until_for_period(period: str) -> datetime | None:
    """The end of a suspension chosen from ``SUSPENSION_PERIODS`` (None: indefinitely)."""
    for value, days, _label in SUSPENSION_PERIODS:
        if value == period:
            return None if days is None else utcnow() + timedelta(days=days)
    raise ValidationError("Please choose how long.", {"period": ["Please choose how long the suspension lasts."]})


def suspend_user(actor: User, user: User, until: datetime | None, reason: str) -> User:
    """Suspend ``user`` until ``until`` (None: indefinitely) and end all of their sessions.

    :raise PermissionDenied: the actor may not suspend this user (see ``user.suspend``).
    :raise ValidationError: no reason, or an end in the past.
    """
    require(actor, "user.suspend", user)
    reason = clean_reason(reason)
    if until is not None and until <= utcnow():
        raise ValidationError("The suspension must end in the future.", {"period": ["Choose a later end."]})
    before = _state(user)
    user.suspended_until = until
    user.suspended_indefinitely = until is None
    user.suspension_reason = reason
    end_all_sessions(user)
    record_action(
        actor,
        "user.suspend",
        "user",
        user.id,
        label=user.name,
        reason=reason,
        before=before,
        after=_state(user),
    )
    ending = "until further notice" if until is None else f"until {until:%d %B %Y, %H:%M} UTC"
    notify(
        user,
        "account.suspended",
        "Your account has been suspended",
        f"Your account is suspended {ending}.\n\nReason: {reason}",
    )
    return user


def lift_suspension(actor: User, user: User, reason: str = "") -> User:
    require(actor, "user.suspend", user)
    reason = clean_reason(reason, required=False)
    before = _state(user)
    user.suspended_until = None
    user.suspended_indefinitely = False
    user.suspension_reason = ""
    record_action(
        actor,
        "user.lift_suspension",
        "user",
        user.id,
        label=user.name,
        reason=reason,
        before=before,
        after=_state(user),
    )
    notify(user, "account.unsuspended", "Your suspension has been lifted", reason)
    return user


def deactivate_user(actor: User, user: User, reason: str) -> User:
    """Admins only: the account can no longer sign in at all, and every session ends.

    The admin area's service does it; the sanctions page offers it beside suspension.
    """

    deactivate(actor, user, clean_reason(reason))
    log_moderator_action("user.deactivate", "user", user.id)
    return user


def reactivate_user(actor: User, user: User, reason: str = "") -> User:
    reactivate(actor, user)
    log_moderator_action("user.reactivate", "user", user.id)
    return user
