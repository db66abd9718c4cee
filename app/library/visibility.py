"""Who sees a resource (docs/SECURITY.md 18-19), each rule written once with its SQL filter beside it.

Like invenio's permission generators, every rule has two faces: a predicate for one resource
(``permissions`` calls it for the ``resource.view`` rule) and a filter for lists, counts and feeds
(``queries`` uses it). ``tests/test_visibility_rules.py`` checks that the two agree for every kind
of viewer over resources in every state.

- Moderators see everything.
- A hidden resource: its author only.
- Published: public ones everyone; members-only ones members of any approved organisation.
- Drafts, pending, returned and archived: the owning organisation's members, and the author
  while a member.
- Listed (the library, feeds, search): published, not hidden, not merged, and visible.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, true

from ..actors import Actor
from ..roles import belongs_to, is_member, is_moderator, is_signed_in, member_org_ids, reads_members_content, wrote
from .models import Resource, ResourceStatus, Visibility


def may_view(user: Actor, resource: Resource) -> bool:
    """May ``user`` open ``resource`` (any status)?"""
    if is_moderator(user):
        return True
    if resource.hidden_at is not None:
        return wrote(user, resource.author_id)
    if resource.status == ResourceStatus.PUBLISHED:
        return resource.visibility == Visibility.PUBLIC or is_member(user)
    return belongs_to(user, resource.organisation) or (wrote(user, resource.author_id) and is_member(user))


def viewable_clause(user: Actor) -> ColumnElement[bool]:
    """``may_view`` as SQL: everything ``user`` may open, in any status."""
    if is_moderator(user):
        return true()
    member = is_member(user)
    published = and_(
        Resource.status == ResourceStatus.PUBLISHED,
        Resource.visibility == Visibility.PUBLIC if not member else true(),
    )
    visible = [published]
    org_ids = member_org_ids(user)
    if org_ids:
        visible.append(Resource.organisation_id.in_(org_ids))
    if member and is_signed_in(user) and user.id is not None:
        visible.append(Resource.author_id == user.id)
    not_hidden = and_(Resource.hidden_at.is_(None), or_(*visible))
    if is_signed_in(user) and user.id is not None:
        return or_(not_hidden, and_(Resource.hidden_at.is_not(None), Resource.author_id == user.id))
    return not_hidden


def is_listed_for(user: Actor, resource: Resource) -> bool:
    """Shown to ``user`` in the library's lists, counts and feeds."""
    return resource.is_listed and (resource.visibility == Visibility.PUBLIC or reads_members_content(user))


def listed_clause(user: Actor) -> ColumnElement[bool]:
    """``is_listed_for`` as SQL."""
    clause = and_(
        Resource.status == ResourceStatus.PUBLISHED,
        Resource.hidden_at.is_(None),
        Resource.merged_into_id.is_(None),
    )
    if not reads_members_content(user):
        clause = and_(clause, Resource.visibility == Visibility.PUBLIC)
    return clause


def search_audience(resource: Resource) -> str | None:
    """The audience a resource is indexed for ("public" or "members"), or None: not indexed."""
    if not resource.is_listed:
        return None
    return Visibility.PUBLIC.value if resource.visibility == Visibility.PUBLIC else Visibility.MEMBERS.value


def search_audiences(user: Actor) -> tuple[str, ...]:
    """The audiences ``user`` searches: ``is_listed_for`` as an index filter."""
    if reads_members_content(user):
        return (Visibility.PUBLIC.value, Visibility.MEMBERS.value)
    return (Visibility.PUBLIC.value,)


__all__ = [
    "is_listed_for",
    "listed_clause",
    "may_view",
    "search_audience",
    "search_audiences",
    "viewable_clause",
]
