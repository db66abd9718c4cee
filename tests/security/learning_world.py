"""The learning part of the permission matrix's world: events, courses, news (issue 13).

Kept beside ``test_permission_matrix.py`` so that file only spreads these values into ``World``
and lists the rows.
"""

from __future__ import annotations

from typing import Any

from app.courses import service as courses
from app.events import service as events
from app.events.blueprint import calendar_token
from app.news import service as news

from ..events.helpers import make_course, make_event
from ..factories.library import make_resource


def build_learning(roles: Any) -> dict[str, Any]:
    event = make_event(roles.org_admin, roles.org, title="Org A storm webinar", capacity=50)
    members_event = make_event(roles.admin, title="Network members meet-up", visibility="members")
    registration = events.register(roles.member, event)
    # By org A's admin: another approved submission would make the member a trusted author.
    recording = make_resource(
        roles.org_admin, title="Storm webinar recording", kind="webinar", publisher=roles.moderator
    )
    course = make_course(roles.admin, title="Open video course", lessons=1, quiz=False)
    members_course = make_course(roles.admin, title="Members masterclass", lessons=1, quiz=False, visibility="members")
    courses.enrol(roles.member, course)
    finished = make_course(roles.admin, title="Finished course", lessons=1, quiz=False)
    courses.enrol(roles.member, finished)
    enrolment = courses.complete_lesson(roles.member, finished, finished.lessons[0])
    post = news.create_post(roles.admin, "Network news title", "News body.")
    return {
        "event": event.slug,
        "members_event": members_event.slug,
        "event_registration_id": registration.id,
        "recording": recording.slug,
        "course": course.slug,
        "members_course": members_course.slug,
        "certificate_code": enrolment.certificate_code,
        "news_post": post.slug,
        "calendar_token": calendar_token(roles.member),
    }


EVENT_EDIT = {
    "title": "Org A storm webinar",
    "kind": "webinar",
    "timezone": "UTC",
    "starts_at": "2031-01-01T10:00",
    "ends_at": "2031-01-01T11:00",
    "format": "online",
    "visibility": "public",
}
SESSION = {
    "session-title": "Opening",
    "session-starts_at": "2031-01-01T10:00",
    "session-ends_at": "2031-01-01T10:30",
}
MESSAGE = {"message-subject": "Slides", "message-body": "Here they are."}
NEWS_EDIT = {"title": "Network news title", "body": "Changed body."}
