"""Trusted authors publish without review: enough earlier submissions approved by a moderator."""

from __future__ import annotations

from sqlalchemy import func, select

from ..accounts.models import User
from ..actors import SignedIn
from ..extensions import db
from ..site_settings import get_setting
from .models import Resource


def is_trusted_author(user: SignedIn) -> bool:
    """Has at least ``trust_threshold`` earlier submissions approved by a moderator."""
    if not isinstance(user, User):
        return False
    approved = db.session.execute(
        select(func.count(Resource.id)).where(Resource.author_id == user.id, Resource.approved_at.is_not(None))
    ).scalar_one()
    return approved >= int(get_setting("trust_threshold"))
