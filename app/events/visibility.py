"""Who sees an event or a course, each rule written once with its SQL filter beside it (the
shape of ``app.library.visibility``): ``permissions`` calls the predicates for ``event.view`` and
``course.view``; lists, the home page and feeds use the filters.

- Events: public ones everyone; members-only ones members of approved organisations and
  moderators (organisers always see their own).
- Courses: published public ones everyone; published members-only ones members and moderators;
  unpublished ones network staff only.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, true

from ..actors import Actor
from ..courses.models import Course
from ..roles import is_network_staff, reads_members_content
from .models import Event


def may_view_event(user: Actor, event: Event) -> bool:
    return event.visibility == "public" or reads_members_content(user)


def event_clause(user: Actor) -> ColumnElement[bool]:
    """``may_view_event`` as SQL."""
    return true() if reads_members_content(user) else Event.visibility == "public"


def may_view_course(user: Actor, course: Course) -> bool:
    if is_network_staff(user):
        return True
    return course.published_at is not None and (course.visibility == "public" or reads_members_content(user))


def course_clause(user: Actor) -> ColumnElement[bool]:
    """``may_view_course`` as SQL."""
    if is_network_staff(user):
        return true()
    published = Course.published_at.is_not(None)
    return published if reads_members_content(user) else published & (Course.visibility == "public")
