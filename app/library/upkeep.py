"""What follows a saved edit of a resource, beyond the edit itself: the review-by date starts
again, and organisations that adapted it (a template) hear that it changed."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..notifications.service import notify
from ..orgs.membership import org_admins
from .effects import resource_path
from .models import Resource, ResourceRevision
from .review_dates import renew


def after_edit(resource: Resource, revision: ResourceRevision) -> None:
    renew(resource)
    if resource.is_listed:
        tell_adapters(resource, revision)


def tell_adapters(upstream: Resource, revision: ResourceRevision) -> int:
    """After an edit of a template: each adapting organisation's admins and each copy's author hear of it."""
    copies = db.session.execute(select(Resource).where(Resource.upstream_id == upstream.id)).scalars()
    told = 0
    for copy in copies:
        people = {user.id: user for user in org_admins(copy.organisation)}
        if copy.author is not None and copy.author.deactivated_at is None:
            people[copy.author.id] = copy.author
        for person in people.values():
            notify(
                person,
                "resource.upstream_changed",
                f"The template “{upstream.title}” changed",
                f"{upstream.organisation.name} edited the template your organisation adapted as “{copy.title}” "
                f"(revision {revision.number}). Compare and take the changes you want.",
                f"{resource_path(copy)}/lineage",
            )
            told += 1
    return told
