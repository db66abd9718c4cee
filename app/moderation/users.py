"""Finding members for the moderators' sanctions page, and what has been decided about them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from ..accounts.models import User
from ..audit import AuditEvent
from ..errors import NotFound
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import require
from ..templating import Page

SANCTION_ACTIONS = ("user.suspend", "user.lift_suspension", "user.deactivate", "user.reactivate")


def get_user(actor: Any, user_id: int) -> User:
    require(actor, "moderation.review")
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def find_users(actor: Any, q: str = "", page: int = 1, per_page: int = 30) -> Page:
    """Users whose name or e-mail contains ``q``; without ``q``, those under a sanction now."""
    require(actor, "moderation.review")
    if q:
        needle = q.lower()
        condition = or_(
            func.lower(User.name).contains(needle, autoescape=True),
            func.lower(User.email).contains(needle, autoescape=True),
        )
    else:
        condition = or_(
            User.suspended_indefinitely.is_(True),
            User.suspended_until.is_not(None),
            User.deactivated_at.is_not(None),
        )
    total = db.session.execute(select(func.count(User.id)).where(condition)).scalar_one()
    query = (
        select(User)
        .where(condition)
        .order_by(User.name, User.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(db.session.execute(query).scalars()), total, page, per_page)


def organisations_of(user: User) -> list[Organisation]:
    return sorted((m.organisation for m in user.memberships), key=lambda o: o.name)


def sanction_history(actor: Any, user: User, limit: int = 20) -> list[AuditEvent]:
    require(actor, "moderation.view_log")
    query = (
        select(AuditEvent)
        .where(
            AuditEvent.target_type == "user",
            AuditEvent.target_id == user.id,
            AuditEvent.action.in_(SANCTION_ACTIONS),
        )
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())
