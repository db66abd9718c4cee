"""Permission rules: learning: events, courses, news and experts; content requests."""

from __future__ import annotations

from typing import Any

from ..events import visibility as event_visibility
from ..roles import (
    approved_memberships,
    is_admin,
    is_moderator,
    is_network_staff,
    is_org_admin,
    is_verified,
    reads_members_content,
)
from .registry import rule

# --- Learning: events, courses, news, experts (issue 13) -----------------------------------
# Who sees an event or a course: ``app.events.visibility`` (each rule beside its SQL filter).
# Network staff (admins and the people they appoint) run network-hosted events and post news; an
# organisation's admins run its events. The join link is for registrants and organisers.


@rule("event.view")
def _view_event(user: Any, event: Any) -> bool:
    return event is not None and (event_visibility.may_view_event(user, event) or _manage_event(user, event))


@rule("event.create")
def _create_event(user: Any, org: Any) -> bool:
    """``org`` None: may the user create events at all (network staff, or for an organisation)?"""
    if org is None:
        return is_network_staff(user) or any(m.is_org_admin for m in approved_memberships(user))
    return org.is_approved and (is_org_admin(user, org) or is_admin(user))


@rule("event.manage")
def _manage_event(user: Any, event: Any) -> bool:
    """Edit, cancel, the agenda, the recording, attendees (list, CSV, attendance, messages)."""
    if is_admin(user):
        return True
    if event.organisation_id is None:
        return is_network_staff(user)
    return is_org_admin(user, event.organisation)


@rule("event.register")
def _register_for_event(user: Any, event: Any) -> bool:
    return is_verified(user) and _view_event(user, event) and event.cancelled_at is None


@rule("course.view")
def _view_course(user: Any, course: Any) -> bool:
    return course is not None and event_visibility.may_view_course(user, course)


@rule("course.enrol")
def _enrol_in_course(user: Any, course: Any) -> bool:
    return is_verified(user) and _view_course(user, course)


@rule("course.staff_progress")
def _see_staff_progress(user: Any, org: Any) -> bool:
    return is_admin(user) or is_org_admin(user, org)


@rule("course.build")
def _build_course(user: Any, _: Any) -> bool:
    return is_network_staff(user)


@rule("news.post", "news.edit")
def _post_news(user: Any, _: Any) -> bool:
    return is_network_staff(user)


@rule("network_staff.appoint")
def _appoint_network_staff(user: Any, target: Any) -> bool:
    return is_admin(user) and (target is None or target.id != user.id)


@rule("experts.find")
def _find_experts(user: Any, _: Any) -> bool:
    """Profiles are the network's: the same people who may open them."""
    return reads_members_content(user)


# --- Content requests (issue 15) ------------------------------------------------------------
# Requests are the network's own conversation: members (and staff) read, ask, vote and comment;
# moderators assign, decline and fulfil.


@rule("request.view")
def _view_request(user: Any, _: Any) -> bool:
    return reads_members_content(user)


@rule("request.create", "request.comment")
def _ask(user: Any, _: Any) -> bool:
    return is_verified(user) and reads_members_content(user)


@rule("request.vote")
def _vote_request(user: Any, request: Any) -> bool:
    """One's own request already counts as asked for; closed ones take no more votes."""
    return _ask(user, request) and request.is_open and request.author_id != user.id


@rule("request.moderate")
def _moderate_request(user: Any, _: Any) -> bool:
    return is_moderator(user)
