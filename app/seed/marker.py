"""The mark the demo seed leaves in the database, so production refuses a demo database (issue 11.8).

The demo's accounts share a published password; a database that ever held them must never serve
the public. The mark is a row in ``site_settings`` that no admin form lists or changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..site_settings import SiteSetting

DEMO_MARK = "seeded_by_demo"


def mark_demo_database() -> None:
    if db.session.get(SiteSetting, DEMO_MARK) is None:
        db.session.add(SiteSetting(name=DEMO_MARK, value="1"))
        db.session.flush()


def is_demo_database() -> bool:
    """True when the demo seed ran here; False also when there is no schema yet (before ``db upgrade``)."""
    try:
        found = db.session.execute(select(SiteSetting.value).where(SiteSetting.name == DEMO_MARK)).first()
    except SQLAlchemyError:
        db.session.rollback()
        return False
    finally:
        db.session.remove()
    return found is not None
