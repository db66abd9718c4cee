"""The event and course rules have two faces, ``can()`` and the SQL filter of the lists: for every
kind of viewer both must pick the same items (docs/SECURITY.md 18)."""

from __future__ import annotations

from typing import Any

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.courses.models import Course
from app.events.models import Event
from app.events.visibility import course_clause, event_clause
from app.extensions import db
from app.news import service as news
from app.permissions import can

from .helpers import make_course, make_event

VIEWERS = ("visitor", "outsider", "member", "other_member", "org_admin", "moderator", "admin", "network_staff")


def _viewer(roles: Any, name: str) -> Any:
    if name == "visitor":
        return AnonymousUserMixin()
    if name == "network_staff":
        return news.set_network_staff(roles.admin, roles.other_member, True)
    return getattr(roles, name)


@pytest.mark.parametrize("name", VIEWERS)
def test_lists_and_can_agree_on_events_and_courses(roles, name):
    make_event(roles.admin, title="Public webinar")
    make_event(roles.admin, title="Members meet-up", visibility="members")
    make_course(roles.admin, title="Public course")
    make_course(roles.admin, title="Members course", visibility="members")
    make_course(roles.admin, title="Unpublished course", publish=False)
    viewer = _viewer(roles, name)
    db.session.flush()
    for model, clause, action in ((Event, event_clause, "event.view"), (Course, course_clause, "course.view")):
        every = db.session.execute(select(model)).scalars().all()
        listed = set(db.session.execute(select(model.id).where(clause(viewer))).scalars())
        allowed = {item.id for item in every if can(viewer, action, item)}
        assert listed == allowed, (name, model.__name__)
