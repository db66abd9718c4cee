"""PLACEHOLDER start of the organisations service (issue 2)."""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from .models import Organisation, OrgStatus


def newest_organisations(limit: int = 6) -> list[Organisation]:
    query = (
        select(Organisation)
        .where(Organisation.status == OrgStatus.APPROVED.value)
        .order_by(Organisation.decided_at.desc(), Organisation.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())
