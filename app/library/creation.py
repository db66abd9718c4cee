"""Creating a resource: the one path the web form, ``flask library import`` and the API share.

``create_resource`` saves one resource through the ORM and then runs the workflow step asked
for; ``bulk.insert_resources`` writes a batch of already validated resources in a handful of
statements with the same validation (``validation.validate``), slugs and tags (``naming``),
revision snapshot and permission rules, so both leave the same rows behind.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..content import render_markdown
from ..errors import Conflict
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import can, require
from .models import Resource, ResourceStatus
from .naming import resource_slug, tags_named
from .privacy_check import check_privacy, hold_for_privacy
from .revisions import add_revision
from .validation import CleanResource, ResourceInput, external_id_of, validate
from .workflow import publish_resource, submit_resource


class CreateAction(enum.StrEnum):
    """What a caller asks ``create_resource`` to do after saving."""

    DRAFT = "draft"
    SUBMIT = "submit"
    PUBLISH = "publish"


ACTION_DRAFT = CreateAction.DRAFT.value
ACTION_SUBMIT = CreateAction.SUBMIT.value
ACTION_PUBLISH = CreateAction.PUBLISH.value
ACTIONS = tuple(action.value for action in CreateAction)


def creatable_organisations(actor: User) -> list[Organisation]:
    """The approved organisations ``actor`` may create resources for (their own)."""
    return sorted(
        (m.organisation for m in actor.memberships if can(actor, "resource.create", m.organisation)),
        key=lambda org: org.name.lower(),
    )


def apply_fields(resource: Resource, clean: CleanResource) -> None:
    """Copy validated fields onto ``resource``, rendering and sanitizing the body once, here."""
    resource.title = clean.title
    resource.summary = clean.summary
    resource.body_source = clean.body
    resource.body_html = render_markdown(clean.body)
    resource.kind = clean.kind
    resource.visibility = clean.visibility
    resource.external_url = clean.external_url
    resource.topics = clean.topics
    resource.tags = tags_named(clean.tags)


def create_resource(
    actor: User,
    organisation: Organisation,
    data: ResourceInput,
    *,
    action: str = ACTION_DRAFT,
    send_anyway: bool = False,
    external_id: str | None = None,
    published_at: datetime | None = None,
    note: str = "Created",
) -> Resource:
    """Save a new resource for ``organisation`` with ``actor`` as author; returns it flushed.

    ``action``: "draft" keeps it private to the organisation; "submit" sends it for review;
    "publish" publishes it when ``actor`` may publish directly and otherwise submits it.
    ``send_anyway``: the author's answer to the privacy guard (see ``PrivacyCheckFailed``); a
    flagged resource is saved as pending with ``privacy_flagged=True`` whatever the action.
    ``external_id`` and ``published_at`` are for the importer.

    :raise PermissionDenied: ``actor`` may not create for ``organisation``.
    :raise ValidationError: bad fields, or ``PrivacyCheckFailed``.
    :raise Conflict: a resource with that ``external_id`` exists.
    """
    require(actor, "resource.create", organisation)
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    clean = validate(data)
    findings = check_privacy(clean, send_anyway)
    external_id = external_id_of(external_id)
    if external_id and db.session.execute(select(Resource.id).where(Resource.external_id == external_id)).first():
        raise Conflict(f"A resource with external id {external_id!r} already exists.")
    resource = Resource(
        organisation=organisation,
        author_id=actor.id,
        status=ResourceStatus.DRAFT,
        slug=resource_slug(clean.title),
        external_id=external_id,
    )
    db.session.add(resource)
    apply_fields(resource, clean)
    db.session.flush()
    add_revision(actor, resource, note)
    if findings:
        hold_for_privacy(resource, findings)
    elif action == ACTION_SUBMIT:
        submit_resource(actor, resource)
    elif action == ACTION_PUBLISH:
        if can(actor, "resource.publish", resource):
            publish_resource(actor, resource, published_at=published_at)
        else:
            submit_resource(actor, resource)
    db.session.flush()
    return resource
