"""What a signed-in person sees at ``/``: their own work, their organisation, what they follow,
their events and courses. Each section is one or two statements whatever the data size (the
home page's query count is tested flat)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content_requests import service as content_requests
from ..courses import queries as courses_queries
from ..discussions import service as discussions
from ..events import queries as events_queries
from ..follows import service as follows
from ..library import queries as library_queries
from ..news import service as news_service
from ..permissions import approved_memberships, member_org_ids

SHOWN = 5


@dataclass
class MemberHome:
    organisations: list[Any]
    my_work: list[Any]
    org_resources: list[Any]
    org_threads: list[Any]
    followed: follows.Followed
    registrations: list[Any]
    enrolments: list[Any]
    my_requests: list[Any]
    latest_threads: list[Any]
    next_events: list[Any]
    news_posts: list[Any]
    can_share: bool = False


def member_home(user: Any) -> MemberHome:
    org_ids = sorted(member_org_ids(user))
    return MemberHome(
        organisations=[m.organisation for m in approved_memberships(user)],
        my_work=library_queries.my_unpublished(user, limit=8),
        org_resources=library_queries.latest_from_organisations(user, org_ids, limit=SHOWN),
        org_threads=discussions.organisation_threads(user, org_ids, per_page=SHOWN).items if org_ids else [],
        followed=follows.followed_by(user),
        registrations=events_queries.my_registrations(user)[:SHOWN],
        enrolments=courses_queries.my_enrolments(user)[:SHOWN],
        my_requests=content_requests.requests_of(user),
        latest_threads=discussions.latest_thread_lines(user, limit=5),
        next_events=events_queries.next_events(user, limit=3),
        news_posts=news_service.latest(3),
        can_share=bool(org_ids),
    )
