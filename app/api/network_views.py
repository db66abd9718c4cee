"""``/api/v1/organisations`` and ``/api/v1/events``: the member directory and the events, as the
caller may see them (the same lookups and visibility rules as the pages)."""

from __future__ import annotations

import re

from flask_login import current_user

from ..errors import NotFound
from ..events import queries as events
from ..orgs import service as orgs
from . import representations as show
from . import schemas
from .operations import SLUG_PATTERN, operation

_SLUG = re.compile(SLUG_PATTERN)


def checked_slug(slug: str) -> str:
    """A slug the site could have made, or 404 (odd bytes never reach the database)."""
    if len(slug) > 120 or not _SLUG.match(slug):
        raise NotFound()
    return slug


@operation(
    "/organisations",
    "GET",
    summary="Member organisations (approved), by name",
    tag="directory",
    ok=(200, schemas.OrganisationList),
    query=schemas.OrganisationQuery,
)
def list_organisations(query: schemas.OrganisationQuery) -> schemas.OrganisationList:
    filters = orgs.DirectoryFilters(q=query.q.strip(), type=query.type, country=query.country)
    return show.organisation_list(orgs.directory_page(filters, query.page, query.per_page))


@operation(
    "/organisations/{slug}",
    "GET",
    summary="One organisation with its social channels",
    tag="directory",
    ok=(200, schemas.Organisation),
)
def get_organisation(slug: str) -> schemas.Organisation:
    return show.organisation(orgs.get_organisation(current_user, checked_slug(slug)))


@operation(
    "/events",
    "GET",
    summary="Upcoming (soonest first) or past (latest first) events the caller may see",
    tag="events",
    ok=(200, schemas.EventList),
    query=schemas.EventQuery,
)
def list_events(query: schemas.EventQuery) -> schemas.EventList:
    return show.event_list(
        events.listed(current_user, query.when, page=query.page, per_page=query.per_page, platform=query.platform)
    )


@operation(
    "/events/{slug}",
    "GET",
    summary="One event (join links are for registrants, on the site only)",
    tag="events",
    ok=(200, schemas.Event),
)
def get_event(slug: str) -> schemas.Event:
    return show.event(events.get_event(current_user, checked_slug(slug)))
