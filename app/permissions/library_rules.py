"""Permission rules: the shared library."""

from __future__ import annotations

from typing import Any

from ..library import visibility as library_visibility
from ..library.models import ResourceStatus
from ..library.trust import is_trusted_author
from ..roles import (
    belongs_to,
    is_admin,
    is_member,
    is_moderator,
    is_org_admin,
    is_verified,
    wrote,
)
from .registry import can, rule

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
