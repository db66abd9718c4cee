"""The library's pages: thin views that parse a form, call a service, commit, and redirect.

The blueprint has no URL prefix because two of its pages live outside ``/library``:
attachment downloads at ``/files/<id>/<name>`` and the admins' topic list at ``/admin/topics``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from .. import uploads
from ..content import render_markdown
from ..db_types import utcnow
from ..discussions.service import threads_for_resource
from ..errors import ValidationError
from ..extensions import db
from ..permissions import can, require
from ..search.service import more_like_this
from ..templating import page_number
from . import curation, engagement, queries, service
from .diff import diff_revisions
from .feeds import CONTENT_TYPE as ATOM_TYPE
from .feeds import resource_feed
from .forms import (
    AttachmentForm,
    CollectionForm,
    CollectionItemForm,
    ItemNoteForm,
    ReasonForm,
    ResourceForm,
    TopicForm,
)
from .models import KIND_LABELS, VISIBILITY_LABELS, Resource

bp = Blueprint("library", __name__)

PER_PAGE = 20


# --- Helpers ----------------------------------------------------------------------------


def _resource(slug: str) -> Resource:
    """The resource at ``slug`` for the current user (following old slugs). 404 if not visible."""
    return queries.lookup(current_user, slug).resource


def _detail_url(resource: Resource) -> str:
    return url_for("library.detail", slug=resource.slug)


def _show_errors(form: Any, error: ValidationError) -> None:
    for name, messages in error.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, *messages]


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


def _resource_input(form: ResourceForm) -> service.ResourceInput:
    return service.ResourceInput(
        title=form.title.data or "",
        summary=form.summary.data or "",
        body=form.body.data or "",
        kind=form.kind.data or "",
        visibility=form.visibility.data or "",
        topics=list(form.topics.data or []),
        tags=service.parse_tags(form.tags.data or ""),
        external_url=form.external_url.data or "",
    )


# --- Browsing ---------------------------------------------------------------------------


@bp.get("/library")
@bp.get("/library/")
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


@bp.get("/library/mine")
@login_required
def mine():
    return render_template("library/mine.html", resources=queries.my_organisation_work(current_user))


@bp.get("/library/bookmarks")
@login_required
def bookmarks():
    page = engagement.list_bookmarks(current_user, page=page_number(request.args.get("page")), per_page=PER_PAGE)
    return render_template("library/bookmarks.html", page=page)


@bp.get("/library/<slug>")
def detail(slug: str):
    found = queries.lookup(current_user, slug)
    resource = found.resource
    if found.redirect or slug != resource.slug:
        return redirect(_detail_url(resource), code=301)
    related = queries.related_resources(current_user, resource)
    html = render_template(
        "library/detail.html",
        resource=resource,
        related=related,
        more_like_this=more_like_this(current_user, resource.id, exclude={r.id for r in related}),
        revision_count=service.count_revisions(resource),
        bookmarked=engagement.is_bookmarked(current_user, resource),
        voted=engagement.has_voted(current_user, resource),
        attachment_form=AttachmentForm() if can(current_user, "resource.attach", resource) else None,
        return_form=ReasonForm(prefix="return"),
        hide_form=ReasonForm(prefix="hide"),
        resource_threads=threads_for_resource(current_user, resource),
    )
    # Counted after rendering, so the page's own reads are not disturbed by the commit.
    if engagement.record_view(current_user, resource, _visitor_key()):
        db.session.commit()
    return html


# --- Create and edit --------------------------------------------------------------------


def _form_page(template: str, form: ResourceForm, status: int = 200, **context: Any):
    return render_template(template, form=form, **context), status


@bp.route("/library/new", methods=["GET", "POST"])
@login_required
def create():
    require(current_user, "resource.create")
    organisations = service.creatable_organisations(current_user)
    if not organisations:
        abort(403)
    form = ResourceForm()
    form.organisation.choices = [SelectChoice(org.id, org.name) for org in organisations]
    if request.method == "GET" or len(organisations) == 1 or "organisation" not in request.form:
        form.organisation.data = organisations[0].id
    form.set_topic_choices(curation.list_topics())
    context = {
        "organisations": organisations,
        "may_publish": can(current_user, "resource.publish_new", organisations),
        "privacy_findings": None,
        "preview_html": None,
    }
    if request.method == "GET":
        return _form_page("library/form.html", form, **context)
    action = request.form.get("action", service.ACTION_DRAFT)
    if not form.validate():
        return _form_page("library/form.html", form, 422, **context)
    if action == "preview":
        return _form_page("library/form.html", form, **{**context, "preview_html": render_markdown(form.body.data or "")})
    if action not in service.ACTIONS:
        action = service.ACTION_DRAFT
    organisation = next(org for org in organisations if org.id == form.organisation.data)
    try:
        resource = service.create_resource(
            current_user, organisation, _resource_input(form), action=action, send_anyway=form.send_for_review.data
        )
    except service.PrivacyCheckFailed as error:
        db.session.rollback()
        _show_errors(form, error)
        return _form_page("library/form.html", form, 422, **{**context, "privacy_findings": error.findings})
    except ValidationError as error:
        db.session.rollback()
        _show_errors(form, error)
        return _form_page("library/form.html", form, 422, **context)
    db.session.commit()
    flash(_status_message(resource), "success")
    return redirect(_detail_url(resource))


def _status_message(resource: Resource) -> str:
    if resource.privacy_flagged:
        return "Saved. It waits for a moderator because the privacy check flagged part of it."
    return {
        "draft": "Draft saved. Only your organisation can see it.",
        "pending": "Submitted for review. A moderator will look at it soon.",
        "published": "Published.",
    }.get(resource.status, "Saved.")


@bp.route("/library/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    resource = _resource(slug)
    require(current_user, "resource.edit", resource)
    form = ResourceForm(obj=None) if request.method == "POST" else ResourceForm(
        data={
            "title": resource.title,
            "summary": resource.summary,
            "body": resource.body_source,
            "kind": resource.kind,
            "topics": [t.slug for t in resource.topics],
            "tags": ", ".join(t.name for t in resource.tags),
            "visibility": resource.visibility,
            "external_url": resource.external_url,
        }
    )
    del form.organisation
    form.set_topic_choices(curation.list_topics())
    context = {"resource": resource, "privacy_findings": None, "preview_html": None}
    if request.method == "GET":
        return _form_page("library/edit.html", form, **context)
    if not form.validate():
        return _form_page("library/edit.html", form, 422, **context)
    if request.form.get("action") == "preview":
        return _form_page("library/edit.html", form, **{**context, "preview_html": render_markdown(form.body.data or "")})
    try:
        revision = service.edit_resource(
            current_user, resource, _resource_input(form), note=form.note.data or "", send_anyway=form.send_for_review.data
        )
    except service.PrivacyCheckFailed as error:
        db.session.rollback()
        _show_errors(form, error)
        return _form_page("library/edit.html", form, 422, **{**context, "privacy_findings": error.findings})
    except ValidationError as error:
        db.session.rollback()
        _show_errors(form, error)
        return _form_page("library/edit.html", form, 422, **context)
    db.session.commit()
    if revision is None:
        flash("Nothing changed.", "info")
    elif resource.privacy_flagged:
        flash(_status_message(resource), "warning")
    else:
        flash(f"Saved as revision {revision.number}.", "success")
    return redirect(_detail_url(resource))


# --- Workflow actions (POST only) -------------------------------------------------------


def _act(slug: str, action, message: str):
    resource = _resource(slug)
    action(resource)
    db.session.commit()
    flash(message, "success")
    return redirect(_detail_url(resource))


@bp.post("/library/<slug>/submit")
@login_required
def submit(slug: str):
    return _act(slug, lambda r: service.submit_resource(current_user, r), "Submitted for review.")


@bp.post("/library/<slug>/publish")
@login_required
def publish(slug: str):
    return _act(slug, lambda r: service.publish_resource(current_user, r), "Published.")


@bp.post("/library/<slug>/archive")
@login_required
def archive(slug: str):
    return _act(slug, lambda r: service.archive_resource(current_user, r), "Archived: it no longer appears in the library.")


@bp.post("/library/<slug>/unarchive")
@login_required
def unarchive(slug: str):
    resource = _resource(slug)
    service.unarchive_resource(current_user, resource)
    db.session.commit()
    flash(_status_message(resource), "success")
    return redirect(_detail_url(resource))


@bp.post("/library/<slug>/delete")
@login_required
def delete(slug: str):
    resource = _resource(slug)
    service.delete_resource(current_user, resource)
    db.session.commit()
    flash("Deleted.", "success")
    return redirect(url_for("library.mine"))


@bp.post("/library/<slug>/approve")
@login_required
def approve(slug: str):
    return _act(slug, lambda r: service.approve_resource(current_user, r), "Approved and published; the author has been told.")


@bp.post("/library/<slug>/return")
@login_required
def return_(slug: str):
    resource = _resource(slug)
    form = ReasonForm(prefix="return")
    form.validate()
    service.return_resource(current_user, resource, form.reason.data or "")
    db.session.commit()
    flash("Returned to the author with your reason.", "success")
    return redirect(_detail_url(resource))


@bp.post("/library/<slug>/feature")
@login_required
def feature(slug: str):
    featured = request.form.get("featured") == "1"
    return _act(
        slug,
        lambda r: service.feature_resource(current_user, r, featured),
        "Featured on the home page." if featured else "No longer featured.",
    )


@bp.post("/library/<slug>/hide")
@login_required
def hide(slug: str):
    resource = _resource(slug)
    form = ReasonForm(prefix="hide")
    form.validate()
    service.hide_resource(current_user, resource, form.reason.data or "")
    db.session.commit()
    flash("Hidden. Only moderators and the author can see it.", "success")
    return redirect(_detail_url(resource))


@bp.post("/library/<slug>/restore")
@login_required
def restore(slug: str):
    return _act(slug, lambda r: service.restore_resource(current_user, r), "Restored.")


@bp.post("/library/<slug>/bookmark")
@login_required
def bookmark(slug: str):
    resource = _resource(slug)
    if request.form.get("remove") == "1":
        engagement.remove_bookmark(current_user, resource)
        message = "Bookmark removed."
    else:
        engagement.add_bookmark(current_user, resource)
        message = "Bookmarked. Find it under My bookmarks."
    db.session.commit()
    flash(message, "success")
    return redirect(_detail_url(resource))


@bp.post("/library/<slug>/helpful")
@login_required
def helpful(slug: str):
    resource = _resource(slug)
    if request.form.get("remove") == "1":
        engagement.withdraw_helpful(current_user, resource)
        message = "Your helpful vote was withdrawn."
    else:
        engagement.vote_helpful(current_user, resource)
        message = "Thank you: marked as helpful."
    db.session.commit()
    flash(message, "success")
    return redirect(_detail_url(resource))


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
    resource = _resource(slug)
    a, b = page_number(request.args.get("a")), page_number(request.args.get("b"))
    return redirect(url_for("library.revision_diff", slug=resource.slug, a=min(a, b), b=max(a, b)))


@bp.get("/library/<slug>/revisions/<int:a>/diff/<int:b>")
@login_required
def revision_diff(slug: str, a: int, b: int):
    resource = _resource(slug)
    old = service.get_revision(current_user, resource, a)
    new = service.get_revision(current_user, resource, b)
    topic_names = {t.slug: t.name for t in curation.list_topics()}
    return render_template(
        "library/diff.html", resource=resource, old=old, new=new, fields=diff_revisions(old, new, topic_names)
    )


@bp.post("/library/<slug>/revisions/<int:number>/restore")
@login_required
def restore_revision(slug: str, number: int):
    resource = _resource(slug)
    try:
        revision = service.restore_revision(current_user, resource, number)
    except ValidationError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("library.revisions", slug=resource.slug))
    db.session.commit()
    if revision is None:
        flash("That revision is the same as the current content.", "info")
    else:
        flash(f"Revision {number} restored as revision {revision.number}.", "success")
    return redirect(_detail_url(resource))


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
    return _atom(f"{site}: {topic.name}", "library.topic_feed", {"slug": topic.slug}, queries.feed_resources(topic=topic))


@bp.get("/library/orgs/<slug>/feed.atom")
def org_feed(slug: str):
    org = queries.approved_org_by_slug(slug)
    site = current_app.config["SITE_NAME"]
    return _atom(f"{site}: {org.name}", "library.org_feed", {"slug": org.slug}, queries.feed_resources(org=org))


# --- Collections ------------------------------------------------------------------------


@bp.get("/library/collections")
def collections():
    return render_template(
        "library/collections.html",
        collections=curation.list_collections(current_user),
        form=CollectionForm() if can(current_user, "collection.manage") else None,
    )


@bp.post("/library/collections")
@login_required
def create_collection():
    require(current_user, "collection.manage")
    form = CollectionForm()
    form.validate()
    try:
        collection = curation.create_collection(current_user, form.title.data or "", form.description.data or "")
    except ValidationError as error:
        db.session.rollback()
        _show_errors(form, error)
        return render_template(
            "library/collections.html", collections=curation.list_collections(current_user), form=form
        ), 422
    db.session.commit()
    flash("Collection created. Add resources to it below.", "success")
    return redirect(url_for("library.collection", slug=collection.slug))


@bp.get("/library/collections/<slug>")
def collection(slug: str):
    item = curation.get_collection(slug)
    manage = can(current_user, "collection.manage")
    add_form = edit_form = None
    if manage:
        add_form = CollectionItemForm()
        add_form.resource.choices = _collection_choices(item)
        edit_form = CollectionForm(data={"title": item.title, "description": item.description})
    return render_template(
        "library/collection.html",
        collection=item,
        items=curation.collection_items(current_user, item),
        manage=manage,
        add_form=add_form,
        edit_form=edit_form,
        find_query=request.args.get("q", "")[:100],
    )


def _collection_choices(collection) -> list[tuple[int, str]]:
    present = {i.resource_id for i in collection.items}
    return [
        SelectChoice(r.id, r.title)
        for r in curation.resource_choices(current_user, request.args.get("q", ""), limit=200)
        if r.id not in present
    ]


@bp.post("/library/collections/<slug>/edit")
@login_required
def edit_collection(slug: str):
    require(current_user, "collection.manage")
    item = curation.get_collection(slug)
    form = CollectionForm()
    form.validate()
    try:
        curation.edit_collection(current_user, item, form.title.data or "", form.description.data or "")
    except ValidationError as error:
        db.session.rollback()
        flash(error.message + " " + " ".join(m for ms in error.fields.values() for m in ms), "error")
        return redirect(url_for("library.collection", slug=slug))
    db.session.commit()
    flash("Collection saved.", "success")
    return redirect(url_for("library.collection", slug=item.slug))


@bp.post("/library/collections/<slug>/delete")
@login_required
def delete_collection(slug: str):
    require(current_user, "collection.manage")
    curation.delete_collection(current_user, curation.get_collection(slug))
    db.session.commit()
    flash("Collection deleted.", "success")
    return redirect(url_for("library.collections"))


@bp.post("/library/collections/<slug>/items")
@login_required
def add_collection_item(slug: str):
    require(current_user, "collection.manage")
    item = curation.get_collection(slug)
    form = CollectionItemForm()
    form.resource.choices = _collection_choices(item)
    if not form.validate():
        flash("Choose a published resource to add.", "error")
        return redirect(url_for("library.collection", slug=slug))
    resource = queries.get_resource(current_user, form.resource.data)
    curation.add_to_collection(current_user, item, resource, form.note.data or "")
    db.session.commit()
    flash("Added to the collection.", "success")
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/note")
@login_required
def collection_item_note(slug: str, item_id: int):
    require(current_user, "collection.manage")
    form = ItemNoteForm()
    form.validate()
    curation.set_item_note(current_user, curation.get_collection(slug), item_id, form.note.data or "")
    db.session.commit()
    flash("Note saved.", "success")
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/move")
@login_required
def move_collection_item(slug: str, item_id: int):
    require(current_user, "collection.manage")
    curation.move_item(current_user, curation.get_collection(slug), item_id, request.form.get("direction", ""))
    db.session.commit()
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/remove")
@login_required
def remove_collection_item(slug: str, item_id: int):
    require(current_user, "collection.manage")
    curation.remove_from_collection(current_user, curation.get_collection(slug), item_id)
    db.session.commit()
    flash("Removed from the collection.", "success")
    return redirect(url_for("library.collection", slug=slug))


# --- Topics (admins; /admin is also guarded by app.staff_guard) ------------------------


@bp.route("/admin/topics", methods=["GET", "POST"])
@login_required
def topics_admin():
    require(current_user, "topic.manage")
    form = TopicForm()
    status = 200
    if request.method == "POST":
        form.validate()
        try:
            topic = curation.create_topic(current_user, form.name.data or "", form.group.data or "")
        except ValidationError as error:
            db.session.rollback()
            _show_errors(form, error)
            status = 422
        else:
            db.session.commit()
            flash(f"Topic “{topic.name}” added.", "success")
            return redirect(url_for("library.topics_admin"))
    topics = curation.list_topics()
    return render_template(
        "library/topics_admin.html",
        form=form,
        topics=topics,
        usage=curation.topic_usage(),
        edit_forms={t.id: TopicForm(prefix=f"t{t.id}", data={"name": t.name, "group": t.group}) for t in topics},
    ), status


@bp.post("/admin/topics/<int:topic_id>/edit")
@login_required
def edit_topic(topic_id: int):
    require(current_user, "topic.manage")
    topic = curation.get_topic(topic_id)
    form = TopicForm(prefix=f"t{topic_id}")
    form.validate()
    try:
        curation.update_topic(current_user, topic, form.name.data or "", form.group.data or "")
    except ValidationError as error:
        db.session.rollback()
        flash(" ".join(m for ms in error.fields.values() for m in ms) or error.message, "error")
        return redirect(url_for("library.topics_admin"))
    db.session.commit()
    flash("Topic saved.", "success")
    return redirect(url_for("library.topics_admin"))


@bp.post("/admin/topics/<int:topic_id>/delete")
@login_required
def delete_topic(topic_id: int):
    require(current_user, "topic.manage")
    curation.delete_topic(current_user, curation.get_topic(topic_id))
    db.session.commit()
    flash("Topic deleted.", "success")
    return redirect(url_for("library.topics_admin"))


# --- Attachments ------------------------------------------------------------------------


@bp.post("/library/<slug>/attachments")
@login_required
def upload(slug: str):
    resource = _resource(slug)
    require(current_user, "resource.attach", resource)
    form = AttachmentForm()
    if not form.validate():
        flash(" ".join(form.file.errors) or "Choose a file to upload.", "error")
        return redirect(_detail_url(resource))
    if _upload_size(form.file.data) > uploads.MAX_UPLOAD_BYTES:
        abort(413)
    try:
        attachment = service.add_attachment(current_user, resource, form.file.data)
    except ValidationError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(_detail_url(resource))
    db.session.commit()
    flash(f"“{attachment.original_name}” attached.", "success")
    return redirect(_detail_url(resource))


def _upload_size(file_storage: Any) -> int:
    stream = file_storage.stream
    position = stream.tell()
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(position)
    return size


@bp.post("/library/<slug>/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(slug: str, attachment_id: int):
    resource = _resource(slug)
    service.remove_attachment(current_user, resource, attachment_id)
    db.session.commit()
    flash("File removed.", "success")
    return redirect(_detail_url(resource))


@bp.get("/files/<int:attachment_id>/<path:filename>")
def download(attachment_id: int, filename: str):
    """Serve an attachment to someone who may see its resource (else 404, like a missing file)."""
    attachment = service.get_attachment(current_user, attachment_id)
    return uploads.download_response(attachment)
