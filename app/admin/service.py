"""What only admins do to accounts and settings. Organisation decisions live in ``orgs.service``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..mail import site_path
from ..notifications.service import notify
from ..orgs.models import Organisation, OrgStatus
from ..orgs.validation import clean_text
from ..permissions import require
from ..site_settings import SETTINGS, get_setting, set_setting
from ..templating import Page

SETTING_RANGE = (0, 100_000)


def search_users(actor: User, q: str = "", page: int = 1, per_page: int = 30) -> Page:
    """Users whose name or e-mail contains ``q`` (case-insensitive), by name."""
    require(actor, "admin.access")
    conditions = []
    if q:
        needle = q.lower()
        conditions.append(
            or_(
                func.lower(User.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True),
            )
        )
    total = db.session.execute(select(func.count(User.id)).where(*conditions)).scalar_one()
    query = (
        select(User)
        .where(*conditions)
        .order_by(func.lower(User.name), User.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(db.session.execute(query).scalars()), total=total, page=page, per_page=per_page)


def get_user(actor: User, user_id: int) -> User:
    require(actor, "admin.access")
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def appoint_moderator(actor: User, user: User) -> User:
    require(actor, "user.appoint_moderator", user)
    if user.is_moderator:
        raise Conflict(f"{user.name} is already a moderator.")
    if user.deactivated_at is not None:
        raise Conflict("Reactivate the account before appointing it.")
    user.is_moderator = True
    audit.record(actor, "user.appoint_moderator", "user", user.id, label=user.name)
    db.session.flush()
    notify(
        user, "user.moderator", "You are now a moderator of the network", url=site_path("moderation.queue")
    )
    return user


def remove_moderator(actor: User, user: User) -> User:
    require(actor, "user.appoint_moderator", user)
    if not user.is_moderator:
        raise Conflict(f"{user.name} is not a moderator.")
    user.is_moderator = False
    audit.record(actor, "user.remove_moderator", "user", user.id, label=user.name)
    db.session.flush()
    notify(user, "user.moderator", "You are no longer a moderator of the network", email=False)
    return user


def deactivate_user(actor: User, user: User, reason: str = "") -> User:
    """Close an account: it cannot sign in, and every open session of it ends now."""
    require(actor, "user.deactivate", user)
    if user.deactivated_at is not None:
        raise Conflict(f"{user.name}'s account is already deactivated.")
    reason = clean_text(reason, multiline=True)[:2000]
    user.deactivated_at = utcnow()
    user.session_version += 1
    audit.record(actor, "user.deactivate", "user", user.id, label=user.name, reason=reason)
    db.session.flush()
    return user


def reactivate_user(actor: User, user: User) -> User:
    require(actor, "user.deactivate", user)
    if user.deactivated_at is None:
        raise Conflict(f"{user.name}'s account is active.")
    user.deactivated_at = None
    audit.record(actor, "user.reactivate", "user", user.id, label=user.name)
    db.session.flush()
    return user


def current_settings(actor: User) -> dict[str, Any]:
    require(actor, "admin.manage_settings")
    return {name: get_setting(name) for name in SETTINGS}


def update_settings(actor: User, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change site settings; every value must parse as its default's type. Audited with before/after."""
    require(actor, "admin.manage_settings")
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Any] = {}
    for name, (default, _) in SETTINGS.items():
        if name not in values:
            continue
        value, problem = _parse(values[name], default)
        if problem:
            errors[name] = [problem]
        else:
            parsed[name] = value
    if errors:
        raise ValidationError(fields=errors)
    before = {name: get_setting(name) for name in parsed}
    changed = {name: value for name, value in parsed.items() if before[name] != value}
    for name, value in changed.items():
        set_setting(name, value)
    if changed:
        audit.record(
            actor,
            "settings.update",
            "site_settings",
            None,
            before={n: before[n] for n in changed},
            after=changed,
        )
    return changed


def _parse(raw: Any, default: int | str | bool) -> tuple[Any, str | None]:
    if isinstance(default, bool):
        return raw in (True, "1", "on", "true", "yes", "y"), None
    if isinstance(default, int):
        try:
            number = int(str(raw).strip())
        except ValueError:
            return None, "Enter a whole number."
        low, high = SETTING_RANGE
        if not low <= number <= high:
            return None, f"Enter a number from {low} to {high}."
        return number, None
    text = clean_text(raw)
    if len(text) > 500:
        return None, "Use at most 500 characters."
    return text, None


def dashboard_counts(actor: User) -> dict[str, int]:
    require(actor, "admin.access")
    by_status = dict(
        db.session.execute(
            select(Organisation.status, func.count(Organisation.id)).group_by(Organisation.status)
        ).all()
    )
    users = db.session.execute(select(func.count(User.id))).scalar_one()
    moderators = db.session.execute(
        select(func.count(User.id)).where(User.is_moderator.is_(True))
    ).scalar_one()
    return {
        "pending": by_status.get(OrgStatus.APPLIED.value, 0),
        "approved": by_status.get(OrgStatus.APPROVED.value, 0),
        "suspended": by_status.get(OrgStatus.SUSPENDED.value, 0),
        "users": users,
        "moderators": moderators,
    }


def history(actor: User, target_type: str, target_id: int, limit: int = 50) -> list[audit.AuditEvent]:
    """The audit trail of one item, newest first."""
    require(actor, "admin.access")
    query = (
        select(audit.AuditEvent)
        .where(audit.AuditEvent.target_type == target_type, audit.AuditEvent.target_id == target_id)
        .options(selectinload(audit.AuditEvent.actor))
        .order_by(audit.AuditEvent.created_at.desc(), audit.AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())
