"""Domain objects as the API's response models (``schemas``): what a reader may see, nothing more.

Join links of events, e-mail addresses, held posts' text and privacy findings never appear: the
permission checks that decide them on the pages decide them here (``can``).
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from ..discussions.models import Post, Thread
from ..discussions.queries import ThreadPage
from ..events.models import Event
from ..library.models import Resource
from ..orgs.models import Organisation
from ..templating import Page
from . import schemas


def organisation_ref(org: Organisation | None) -> schemas.OrganisationRef | None:
    return schemas.OrganisationRef(slug=org.slug, name=org.name) if org is not None else None


def person(user: Any) -> schemas.Person | None:
    return schemas.Person(id=user.id, name=user.name) if user is not None else None


def resource_url(resource: Resource) -> str:
    return url_for("library.detail", slug=resource.slug)


def _resource_fields(resource: Resource) -> dict[str, Any]:
    return {
        "id": resource.id,
        "slug": resource.slug,
        "title": resource.title,
        "summary": resource.summary,
        "kind": resource.kind,
        "visibility": resource.visibility,
        "status": resource.status,
        "url": resource_url(resource),
        "organisation": organisation_ref(resource.organisation),
        "topics": [topic.slug for topic in resource.topics],
        "published_at": resource.published_at,
        "updated_at": resource.updated_at,
    }


def resource_summary(resource: Resource) -> schemas.ResourceSummary:
    return schemas.ResourceSummary(**_resource_fields(resource))


def resource(resource: Resource, *, pending_edit: bool = False) -> schemas.Resource:
    return schemas.Resource(
        **_resource_fields(resource),
        body=resource.body_source,
        body_html=resource.body_html,
        tags=[tag.name for tag in resource.tags],
        external_url=resource.external_url,
        author=person(resource.author),
        pending_edit=pending_edit,
    )


def resource_list(page: Page) -> schemas.ResourceList:
    return schemas.ResourceList(
        total=page.total, page=page.page, per_page=page.per_page, items=[resource_summary(r) for r in page.items]
    )


def thread_url(thread: Thread) -> str:
    return url_for(
        "discussions.thread", category_slug=thread.category.slug, thread_id=thread.id, thread_slug=thread.slug
    )


def _thread_fields(thread: Thread) -> dict[str, Any]:
    return {
        "id": thread.id,
        "title": thread.title,
        "url": thread_url(thread),
        "category": thread.category.slug,
        "status": "hidden" if thread.hidden_at is not None else thread.status,
        "pinned": thread.pinned,
        "locked": thread.locked,
        "post_count": thread.post_count,
        "organisation": organisation_ref(thread.organisation),
        "author": person(thread.author),
        "created_at": thread.created_at,
        "last_activity_at": thread.last_activity_at,
    }


def thread_summary(thread: Thread) -> schemas.ThreadSummary:
    return schemas.ThreadSummary(**_thread_fields(thread))


def thread_list(page: Page) -> schemas.ThreadList:
    return schemas.ThreadList(
        total=page.total,
        page=page.page,
        per_page=page.per_page,
        items=[thread_summary(row.thread) for row in page.items],
    )


def post(post: Post, *, show_body: bool) -> schemas.Post:
    return schemas.Post(
        id=post.id,
        position=post.position,
        author=person(post.author),
        status="hidden" if post.hidden_at is not None else post.status,
        body_html=post.body_html if show_body else None,
        reply_to=post.reply_to_id,
        created_at=post.created_at,
        edited_at=post.edited_at,
    )


def thread(found: ThreadPage) -> schemas.Thread:
    page = found.page
    return schemas.Thread(
        **_thread_fields(found.thread),
        resource=found.resource.id if found.resource is not None else None,
        post_page=page.page,
        post_pages=page.pages,
        posts=[post(view.post, show_body=view.show_body) for view in page.items],
    )


def _organisation_fields(org: Organisation) -> dict[str, Any]:
    return {
        "slug": org.slug,
        "name": org.name,
        "type": org.type,
        "country": org.country,
        "region": org.region,
        "city": org.city,
        "website": org.website,
        "url": url_for("orgs.profile", slug=org.slug),
    }


def organisation_list(page: Page) -> schemas.OrganisationList:
    return schemas.OrganisationList(
        total=page.total,
        page=page.page,
        per_page=page.per_page,
        items=[schemas.OrganisationSummary(**_organisation_fields(org)) for org in page.items],
    )


def organisation(org: Organisation) -> schemas.Organisation:
    return schemas.Organisation(
        **_organisation_fields(org),
        description=org.description,
        channels=[schemas.Channel(platform=c.platform, url=c.url, handle=c.handle) for c in org.channels],
    )


def _event_fields(event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "summary": event.summary,
        "visibility": event.visibility,
        "format": event.format,
        "timezone": event.timezone,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "cancelled": event.cancelled_at is not None,
        "url": url_for("events.detail", slug=event.slug),
        "organisation": organisation_ref(event.organisation),
        "platforms": [value for value, _ in event.platforms],
    }


def event_list(page: Page) -> schemas.EventList:
    return schemas.EventList(
        total=page.total,
        page=page.page,
        per_page=page.per_page,
        items=[schemas.EventSummary(**_event_fields(event)) for event in page.items],
    )


def event(event: Event) -> schemas.Event:
    return schemas.Event(
        **_event_fields(event),
        description_html=event.description_html,
        venue=event.venue,
        capacity=event.capacity,
    )
