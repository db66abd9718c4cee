"""Every rule of who may do what, in one place: ``can(user, action, target)``.

Services call :func:`require` before they change or return anything; templates ask through the
``can`` global (``{% if can("resource.edit", resource) %}``), so no rule is written twice.
Rules take the acting user (a ``User`` or Flask-Login's anonymous user) and the target object.

Roles, from weakest to strongest: visitor (not signed in), signed-in user without an approved
organisation (sees what a visitor sees), member (belongs to an approved organisation, e-mail
verified, not suspended), organisation admin (of that organisation), moderator, admin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from flask_login import current_user
from werkzeug.local import LocalProxy

from .discussions import visibility as discussion_visibility
from .discussions.models import PostStatus
from .errors import NotFound, PermissionDenied
from .events import visibility as event_visibility
from .library import visibility as library_visibility
from .library.models import ResourceStatus
from .library.trust import is_trusted_author
from .roles import (
    approved_memberships,
    belongs_to,
    is_admin,
    is_member,
    is_moderator,
    is_network_staff,
    is_org_admin,
    is_signed_in,
    is_verified,
    member_org_ids,
    reads_members_content,
    wrote,
)

__all__ = [
    "approved_memberships",
    "belongs_to",
    "can",
    "is_admin",
    "is_member",
    "is_moderator",
    "is_org_admin",
    "is_signed_in",
    "is_verified",
    "member_org_ids",
    "require",
    "require_visible",
    "rule",
]

T = TypeVar("T")
Rule = Callable[[Any, Any], bool]
RULES: dict[str, Rule] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        for action in actions:
            if action in RULES:
                raise RuntimeError(f"permission rule {action!r} defined twice")
            RULES[action] = func
        return func

    return register


def can(user: Any, action: str, target: Any = None) -> bool:
    try:
        check = RULES[action]
    except KeyError:
        raise KeyError(f"no permission rule named {action!r}") from None
    if isinstance(user, LocalProxy):  # ``current_user``: resolved once, not on every attribute a rule reads
        user = user._get_current_object()
    return bool(check(user, target))


def require(user: Any, action: str, target: Any = None, *, hide: bool = False) -> None:
    """Raise unless ``user`` may do ``action`` on ``target``.

    ``hide=True`` answers ``NotFound`` instead of ``PermissionDenied`` so a private item is
    indistinguishable from a missing one (docs/SECURITY.md 19).
    """
    if not can(user, action, target):
        if hide:
            raise NotFound()
        raise PermissionDenied()


def require_visible(user: Any, action: str, target: T | None) -> T:
    """``target`` when ``user`` may do ``action`` on it.

    :raise NotFound: ``target`` is None, or private to others (the same answer, docs/SECURITY.md 19).
    """
    if target is None or not can(user, action, target):
        raise NotFound()
    return target


# --- Accounts ---------------------------------------------------------------------------


@rule("user.view_profile")
def _view_profile(user: Any, profile: Any) -> bool:
    if profile is None or profile.deactivated_at is not None:
        return is_admin(user)
    if is_signed_in(user) and user.id == profile.id:
        return True
    return is_member(user) or is_moderator(user)


@rule("user.suspend")
def _suspend_user(user: Any, target: Any) -> bool:
    # Moderators may not suspend admins or each other: that would escalate privilege.
    if not is_moderator(user) or target is None or target.id == user.id:
        return False
    if target.is_admin:
        return False
    return is_admin(user) or not target.is_moderator


@rule("user.deactivate", "user.appoint_moderator")
def _admin_over_user(user: Any, target: Any) -> bool:
    return is_admin(user) and (target is None or target.id != user.id)


# --- Organisations ----------------------------------------------------------------------


@rule("org.apply")
def _apply_org(user: Any, _: Any) -> bool:
    return is_verified(user)


@rule("org.view")
def _view_org(user: Any, org: Any) -> bool:
    """Approved organisations are public; any other is seen by admins, its applicant and its own
    people (a suspended organisation's staff see why)."""
    if org.is_approved:
        return True
    if is_admin(user):
        return True
    if not is_signed_in(user):
        return False
    return org.applied_by_id == user.id or any(m.organisation_id == org.id for m in user.memberships)


@rule("org.edit", "org.manage_members")
def _manage_org(user: Any, org: Any) -> bool:
    return is_admin(user) or (org.is_approved and is_org_admin(user, org))


@rule("org.request_join")
def _request_join(user: Any, org: Any) -> bool:
    return is_verified(user) and org.is_approved and not belongs_to(user, org)


@rule("org.decide_application", "org.suspend")
def _decide_org(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("org.view_members")
def _view_org_members(user: Any, org: Any) -> bool:
    """Staff lists are for the network: members, moderators and admins, not visitors."""
    return can(user, "org.view", org) and (is_member(user) or is_moderator(user))


@rule("org.leave")
def _leave_org(user: Any, org: Any) -> bool:
    return is_signed_in(user) and any(m.organisation_id == org.id for m in user.memberships)


# --- Administration and moderation ------------------------------------------------------


@rule("admin.access", "admin.manage_settings")
def _admin_only(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("moderation.access")
def _moderators_only(user: Any, _: Any) -> bool:
    return is_moderator(user)


# --- Library (issue: the shared library) ------------------------------------------------
# Who sees a resource (docs/SECURITY.md 18-19) is ``app.library.visibility``: each rule there is
# written once, with the SQL filter that lists use beside it.


def _is_author(user: Any, resource: Any) -> bool:
    return wrote(user, resource.author_id)


@rule("resource.view")
def _view_resource(user: Any, resource: Any) -> bool:
    return resource is not None and library_visibility.may_view(user, resource)


@rule("resource.create")
def _create_resource(user: Any, org: Any) -> bool:
    """``org`` None: may the user create for any organisation? Else for that one."""
    if org is None:
        return is_member(user) or is_admin(user)
    return org.is_approved and (belongs_to(user, org) or is_admin(user))


@rule("resource.edit", "resource.attach")
def _edit_resource(user: Any, resource: Any) -> bool:
    if is_moderator(user):
        return True
    if resource.merged_into_id is not None:
        return False
    if _is_author(user, resource) and belongs_to(user, resource.organisation):
        return True
    return is_org_admin(user, resource.organisation)


@rule("resource.view_history")
def _view_history(user: Any, resource: Any) -> bool:
    """Old revisions may hold text since removed: only the owning organisation and moderators."""
    return can(user, "resource.view", resource) and (
        is_moderator(user) or _edit_resource(user, resource) or belongs_to(user, resource.organisation)
    )


@rule("resource.submit")
def _submit_resource(user: Any, resource: Any) -> bool:
    return (
        resource.status in (ResourceStatus.DRAFT, ResourceStatus.RETURNED)
        and resource.hidden_at is None
        and _edit_resource(user, resource)
    )


@rule("resource.publish")
def _publish_resource(user: Any, resource: Any) -> bool:
    """Publish without review: org admins, moderators, and trusted members (see library.service).

    A resource the privacy guard flagged always waits for a moderator.
    """
    if resource.hidden_at is not None or resource.merged_into_id is not None:
        return False
    if is_moderator(user):
        return True
    if resource.privacy_flagged or not _edit_resource(user, resource):
        return False
    if is_org_admin(user, resource.organisation):
        return True
    return _is_author(user, resource) and is_trusted_author(user)


@rule("resource.edit_live")
def _edit_live(user: Any, resource: Any) -> bool:
    """May an edit of a published resource go live without review? Those who may publish it directly."""
    return _publish_resource(user, resource)


@rule("resource.publish_new")
def _publish_new_resource(user: Any, organisations: Any) -> bool:
    """May a new resource for one of ``organisations`` skip review (the same people as above)?"""
    if is_moderator(user) or any(is_org_admin(user, org) for org in organisations):
        return True
    return is_member(user) and is_trusted_author(user)


@rule("resource.archive")
def _archive_resource(user: Any, resource: Any) -> bool:
    return resource.status == ResourceStatus.PUBLISHED and _edit_resource(user, resource)


@rule("resource.unarchive")
def _unarchive_resource(user: Any, resource: Any) -> bool:
    return (
        resource.status == ResourceStatus.ARCHIVED
        and resource.merged_into_id is None
        and _edit_resource(user, resource)
    )


@rule("resource.delete")
def _delete_resource(user: Any, resource: Any) -> bool:
    """Authors may delete what was never published; moderators anything."""
    if is_moderator(user):
        return True
    return resource.published_at is None and _edit_resource(user, resource)


@rule("resource.bookmark")
def _bookmark_resource(user: Any, resource: Any) -> bool:
    return is_verified(user) and can(user, "resource.view", resource)


@rule("resource.vote")
def _vote_resource(user: Any, resource: Any) -> bool:
    return (
        is_member(user)
        and resource.is_listed
        and not _is_author(user, resource)
        and can(user, "resource.view", resource)
    )


@rule(
    "resource.review",
    "resource.feature",
    "resource.curate",
    "resource.merge",
    "resource.hide",
    "collection.manage",
)
def _moderate_library(user: Any, _: Any) -> bool:
    return is_moderator(user)


@rule("resource.confirm_review")
def _confirm_review(user: Any, resource: Any) -> bool:
    """Whoever may edit a published resource (author, org admins, moderators) may say it is still accurate."""
    return resource.is_listed and _edit_resource(user, resource)


@rule("resource.adapt")
def _adapt_resource(user: Any, resource: Any) -> bool:
    """Adapt a published policy or template for one's own organisation (which must be approved).

    ``resource`` is the upstream; an adaptation of one's own organisation's template is allowed
    (a department's variant), but not of a copy: lineage is one level deep.
    """
    return (
        is_member(user)
        and resource.is_listed
        and resource.kind == "policy_template"
        and resource.upstream_id is None
        and can(user, "resource.view", resource)
    )


@rule("topic.manage")
def _manage_topics(user: Any, _: Any) -> bool:
    return is_admin(user)


# --- Discussions (issue: discussions) ---------------------------------------------------
# Public categories: everyone reads, members post. Members-only categories: members of approved
# organisations (and moderators) only; everyone else gets 404 as if they did not exist. A held,
# rejected or hidden thread or post is seen by its author and moderators; a hidden or deleted
# post still shows its place ("removed") to the thread's readers. ``app.discussions.visibility``
# is the same rule as SQL for lists.


def _takes_part(user: Any) -> bool:
    return reads_members_content(user)


def _wrote(user: Any, item: Any) -> bool:
    return wrote(user, item.author_id)


def _reads_category(user: Any, category: Any) -> bool:
    return category is not None and discussion_visibility.may_read_category(user, category)


@rule("category.view")
def _view_category(user: Any, category: Any) -> bool:
    return _reads_category(user, category)


@rule("category.post")
def _post_in_category(user: Any, category: Any) -> bool:
    """Start a thread in ``category``; ``None`` asks whether the user may start threads at all."""
    return _takes_part(user) and (category is None or _reads_category(user, category))


@rule("category.follow")
def _follow_category(user: Any, category: Any) -> bool:
    return is_verified(user) and _reads_category(user, category)


@rule("category.manage")
def _manage_categories(user: Any, _: Any) -> bool:
    return is_admin(user)


@rule("thread.view")
def _view_thread(user: Any, thread: Any) -> bool:
    return thread is not None and discussion_visibility.may_view_thread(user, thread)


@rule("thread.reply")
def _reply_to_thread(user: Any, thread: Any) -> bool:
    if not (_takes_part(user) and _view_thread(user, thread)):
        return False
    if not thread.is_listed:
        return False
    return not thread.locked or is_moderator(user)


@rule("thread.follow")
def _follow_thread(user: Any, thread: Any) -> bool:
    return is_verified(user) and _view_thread(user, thread)


@rule("thread.moderate")
def _moderate_thread(user: Any, thread: Any) -> bool:
    """Pin, lock, move, hide and restore."""
    return is_moderator(user) and _view_thread(user, thread)


@rule("post.view")
def _view_post(user: Any, post: Any) -> bool:
    """The post's place in the thread; whether its text shows is ``post.read``."""
    return post is not None and discussion_visibility.may_view_post(user, post)


@rule("post.read")
def _read_post(user: Any, post: Any) -> bool:
    if not _view_post(user, post):
        return False
    if is_moderator(user):
        return True
    if post.deleted_at is not None:
        return False
    return post.hidden_at is None or _wrote(user, post)


@rule("post.edit")
def _edit_post(user: Any, post: Any) -> bool:
    if not (_wrote(user, post) and _takes_part(user) and _view_post(user, post)):
        return False
    if post.deleted_at is not None or post.status == PostStatus.REJECTED:
        return False
    return not post.thread.locked or is_moderator(user)


@rule("post.delete")
def _delete_post(user: Any, post: Any) -> bool:
    """Authors remove their own words whatever their membership; moderators any post."""
    if post.deleted_at is not None or not _view_post(user, post):
        return False
    return _wrote(user, post) or is_moderator(user)


@rule("post.view_history")
def _view_post_history(user: Any, post: Any) -> bool:
    return _view_post(user, post) and (is_moderator(user) or _wrote(user, post))


@rule("post.quote")
def _quote_post(user: Any, post: Any) -> bool:
    return post.is_listed and _reply_to_thread(user, post.thread)


@rule("post.moderate")
def _moderate_post(user: Any, post: Any) -> bool:
    """Hide, restore, approve or reject a held post."""
    return is_moderator(user) and _view_post(user, post)


# --- Moderation and curation (issue: moderation) ----------------------------------------
# Members report items; only moderators (and admins) act on reports, read the audit log and
# the dashboard. Which item a member may see is the item's own rule ("resource.view", …).


@rule("flag.create")
def _flag_item(user: Any, item: Any) -> bool:
    """Members report what they can see; reporting one's own item makes no sense."""
    if not (is_member(user) or is_moderator(user)):
        return False
    return item is None or getattr(item, "author_id", None) != user.id


@rule("moderation.review", "moderation.view_log", "moderation.dashboard", "flag.resolve")
def _moderate(user: Any, _: Any) -> bool:
    return is_moderator(user)


# --- Search (issue: search) -------------------------------------------------------------
# Search never shows what its reader could not open: members-only documents only to those who
# may read members-only resources and categories (members of approved organisations, moderators).


@rule("search.members_content")
def _search_members_content(user: Any, _: Any) -> bool:
    return reads_members_content(user)


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


def register_template_helper(app: Flask) -> None:
    @app.context_processor
    def inject_can() -> dict[str, Any]:
        def template_can(action: str, target: Any = None) -> bool:
            return can(current_user, action, target)

        return {"can": template_can}
