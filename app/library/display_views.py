"""Reading the library: the listing, a resource's page, its revisions, and the Atom feeds."""

from __future__ import annotations

import hashlib

from flask import Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..db_types import utcnow
from ..discussions.service import threads_for_resource
from ..events.queries import recorded_event_for
from ..follows import service as follows
from ..page_cache import remember, visitor_page
from ..permissions import can
from ..search.service import more_like_this
from ..sharing import page_meta, public_meta
from ..templating import page_number
from . import curation, engagement, queries, service, upkeep_panel
from .blueprint import PER_PAGE, bp, detail_url, resource_for
from .diff import diff_revisions
from .feeds import CONTENT_TYPE as ATOM_TYPE
from .feeds import resource_feed
from .forms import (
    AttachmentForm,
    ReasonForm,
)
from .models import KIND_LABELS, VISIBILITY_LABELS, Resource


def _visitor_key() -> str:
    """A keyed, daily-changing hash of address and browser: counts a visitor once a day
    without storing who they are."""
    raw = "|".join(
        (
            current_app.config["SECRET_KEY"],
            utcnow().date().isoformat(),
            request.remote_addr or "",
            request.headers.get("User-Agent", "")[:300],
        )
    )
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:40]


# --- Browsing ---------------------------------------------------------------------------


@bp.get("/library")
@bp.get("/library/")
@visitor_page()
def index():
    filters = queries.LibraryFilters.from_args(request.args)
    page = queries.list_resources(current_user, filters, page=page_number(request.args.get("page")), per_page=PER_PAGE)
    return render_template(
        "library/index.html",
        page=page,
        filters=filters,
        kinds=list(KIND_LABELS.items()),
        visibilities=list(VISIBILITY_LABELS.items()),
        choices=queries.filter_choices(current_user),
        can_create=current_user.is_authenticated and bool(service.creatable_organisations(current_user)),
    )


@bp.get("/library/topics/<slug>")
def topic(slug: str):
    found = queries.topic_by_slug(slug)
    filters = queries.LibraryFilters(**{("platform" if found.group == "platform" else "topic"): found.slug})
    page = queries.list_resources(current_user, filters, page=page_number(request.args.get("page")), per_page=PER_PAGE)
    description = f"Guides, toolkits and case studies on {found.name} shared by the network's member organisations."
    return render_template(
        "library/topic.html",
        topic=found,
        page=page,
        following=follows.is_following(current_user, topic=found),
        page_meta=page_meta(found.name, description, "library.topic", kind="website", slug=found.slug),
    )


@bp.get("/library/mine")
@login_required
def mine():
    return render_template("library/mine.html", resources=queries.my_organisation_work(current_user))


def _count_cached_view(meta: dict) -> None:
    engagement.record_visitor_view(meta["resource_id"], _visitor_key())


@bp.get("/library/<slug>")
@visitor_page(on_hit=_count_cached_view)
def detail(slug: str):
    found = queries.lookup(current_user, slug)
    resource = found.resource
    if found.redirect or slug != resource.slug:
        return redirect(detail_url(resource), code=301)
    related = queries.related_resources(current_user, resource)
    reviewer = can(current_user, "resource.review", resource)
    html = render_template(
        "library/detail.html",
        resource=resource,
        related=related,
        more_like_this=more_like_this(current_user, resource.id, exclude={r.id for r in related}),
        revision_count=service.count_revisions(resource),
        bookmarked=engagement.is_bookmarked(current_user, resource),
        voted=engagement.has_voted(current_user, resource),
        attachment_form=AttachmentForm() if can(current_user, "resource.attach", resource) else None,
        return_form=ReasonForm(prefix="return") if reviewer else None,
        hide_form=ReasonForm(prefix="hide") if reviewer else None,
        resource_threads=threads_for_resource(current_user, resource),
        upkeep=upkeep_panel.panel(current_user, resource),
        recorded_event=recorded_event_for(current_user, resource.id),
        page_meta=public_meta(
            "resource.view", resource, resource.title, resource.summary, "library.detail", slug=resource.slug
        ),
    )
    if engagement.record_view(current_user, resource, _visitor_key()):
        remember(resource_id=resource.id)
    return html


# --- Revisions --------------------------------------------------------------------------


@bp.get("/library/<slug>/revisions")
@login_required
def revisions(slug: str):
    found = queries.lookup(current_user, slug)
    if found.redirect:
        return redirect(url_for("library.revisions", slug=found.resource.slug), code=301)
    resource = found.resource
    return render_template(
        "library/revisions.html", resource=resource, revisions=service.list_revisions(current_user, resource)
    )


@bp.get("/library/<slug>/revisions/compare")
@login_required
def compare_revisions(slug: str):
    resource = resource_for(slug)
    a, b = page_number(request.args.get("a")), page_number(request.args.get("b"))
    return redirect(url_for("library.revision_diff", slug=resource.slug, a=min(a, b), b=max(a, b)))


@bp.get("/library/<slug>/revisions/<int:a>/diff/<int:b>")
@login_required
def revision_diff(slug: str, a: int, b: int):
    resource = resource_for(slug)
    old = service.get_revision(current_user, resource, a)
    new = service.get_revision(current_user, resource, b)
    topic_names = {t.slug: t.name for t in curation.list_topics()}
    return render_template(
        "library/diff.html", resource=resource, old=old, new=new, fields=diff_revisions(old, new, topic_names)
    )


# --- Feeds ------------------------------------------------------------------------------


def _atom(title: str, endpoint: str, values: dict[str, str], resources: list[Resource]) -> Response:
    return Response(resource_feed(title, endpoint, values, resources), content_type=ATOM_TYPE)


@bp.get("/library/feed.atom")
def feed():
    site = current_app.config["SITE_NAME"]
    return _atom(f"{site}: library", "library.feed", {}, queries.feed_resources())


@bp.get("/library/topics/<slug>/feed.atom")
def topic_feed(slug: str):
    topic = queries.topic_by_slug(slug)
    site = current_app.config["SITE_NAME"]
    return _atom(
        f"{site}: {topic.name}", "library.topic_feed", {"slug": topic.slug}, queries.feed_resources(topic=topic)
    )


@bp.get("/library/orgs/<slug>/feed.atom")
def org_feed(slug: str):
    org = queries.approved_org_by_slug(slug)
    site = current_app.config["SITE_NAME"]
    return _atom(f"{site}: {org.name}", "library.org_feed", {"slug": org.slug}, queries.feed_resources(org=org))
