"""``/api/v1/resources``: the library read as the caller may see it, and drafts written through the
same service as the web form (validation, privacy guard, permissions, revisions)."""

from __future__ import annotations

from flask_login import current_user

from ..errors import NotFound, PermissionDenied, ValidationError
from ..library import queries
from ..library import service as library
from ..library.models import Resource
from ..library.pending_edits import PendingEdit, pending_edit_for
from ..orgs import service as orgs
from ..orgs.models import Organisation
from ..permissions import require
from . import representations as show
from . import schemas
from .models import TokenScope
from .operations import operation

TAG = "library"


@operation(
    "/resources",
    "GET",
    summary="Published resources the caller may see, newest first",
    tag=TAG,
    ok=(200, schemas.ResourceList),
    query=schemas.ResourceQuery,
)
def list_resources(query: schemas.ResourceQuery) -> schemas.ResourceList:
    """Visitors see public resources; members (a member's token) members-only ones too."""
    filters = queries.LibraryFilters(
        kind=query.kind.value if query.kind else "",
        topic=query.topic or "",
        platform=query.platform or "",
        tag=query.tag or "",
        org=query.org or "",
        sort=query.sort,
    )
    return show.resource_list(queries.list_resources(current_user, filters, page=query.page, per_page=query.per_page))


@operation(
    "/resources/{resource_id}",
    "GET",
    summary="One resource, in any status the caller may see (their organisation's drafts too)",
    tag=TAG,
    ok=(200, schemas.Resource),
)
def get_resource(resource_id: int) -> schemas.Resource:
    found = queries.get_resource(current_user, resource_id)
    return show.resource(found, pending_edit=pending_edit_for(found) is not None)


def _organisation_for(slug: str | None) -> Organisation:
    """The organisation a new resource belongs to: the one named, or the caller's only one."""
    require(current_user, "resource.create")
    if slug is None:
        mine = library.creatable_organisations(current_user)
        if len(mine) == 1:
            return mine[0]
        if not mine:
            raise PermissionDenied("Only members of an approved organisation may add resources.")
        slugs = ", ".join(org.slug for org in mine)
        raise ValidationError(fields={"organisation": [f"You belong to several organisations; name one of: {slugs}."]})
    try:
        return orgs.get_organisation(current_user, slug)
    except NotFound:
        raise ValidationError(fields={"organisation": ["No organisation has that slug."]}) from None


def _input(body: schemas.ResourceCreate) -> library.ResourceInput:
    return library.ResourceInput(
        title=body.title,
        summary=body.summary,
        body=body.body,
        kind=body.kind.value,
        visibility=body.visibility.value,
        topics=body.topics,
        tags=body.tags,
        external_url=body.external_url,
    )


@operation(
    "/resources",
    "POST",
    summary="Create a draft resource",
    tag=TAG,
    scope=TokenScope.WRITE,
    ok=(201, schemas.Created),
    body=schemas.ResourceCreate,
    description=(
        "Saved as a draft of the organisation (only its members see it), as the web form's “Save draft”. "
        "Text the privacy guard flags is refused (422, `findings`) unless `send_for_review` is true: it then "
        "waits for a moderator (status `pending`)."
    ),
)
def create_resource(body: schemas.ResourceCreate) -> tuple[schemas.Created, int]:
    organisation = _organisation_for(body.organisation)
    created = library.create_resource(
        current_user, organisation, _input(body), action=library.ACTION_DRAFT, send_anyway=body.send_for_review
    )
    return schemas.Created(id=created.id, url=show.resource_url(created), status=created.status), 201


def _merged(resource: Resource, body: schemas.ResourceUpdate) -> library.ResourceInput:
    """The fields sent, over the resource's current ones."""
    return library.ResourceInput(
        title=body.title if body.title is not None else resource.title,
        summary=body.summary if body.summary is not None else resource.summary,
        body=body.body if body.body is not None else resource.body_source,
        kind=body.kind.value if body.kind is not None else resource.kind,
        visibility=body.visibility.value if body.visibility is not None else resource.visibility,
        topics=body.topics if body.topics is not None else [topic.slug for topic in resource.topics],
        tags=body.tags if body.tags is not None else [tag.name for tag in resource.tags],
        external_url=body.external_url if body.external_url is not None else resource.external_url,
    )


@operation(
    "/resources/{resource_id}",
    "PATCH",
    summary="Change a resource (a draft, or any the caller may edit)",
    tag=TAG,
    scope=TokenScope.WRITE,
    ok=(200, schemas.Resource),
    body=schemas.ResourceUpdate,
    description=(
        "Every change is a revision, as on the edit page. An edit of a published resource by someone who "
        "may not publish directly waits for review (`pending_edit: true`); the published text stays."
    ),
)
def update_resource(resource_id: int, body: schemas.ResourceUpdate) -> schemas.Resource:
    found = queries.get_resource(current_user, resource_id)
    outcome = library.edit_resource(
        current_user, found, _merged(found, body), note=body.note, send_anyway=body.send_for_review
    )
    return show.resource(found, pending_edit=isinstance(outcome, PendingEdit))


@operation(
    "/resources/{resource_id}/submit",
    "POST",
    summary="Send a draft (or a returned resource) for review",
    tag=TAG,
    scope=TokenScope.WRITE,
    ok=(200, schemas.Resource),
)
def submit_resource(resource_id: int) -> schemas.Resource:
    found = queries.get_resource(current_user, resource_id)
    library.submit_resource(current_user, found)
    return show.resource(found)
