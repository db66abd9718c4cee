"""Writing for the library: create and edit a resource, its workflow, restoring a revision."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..content import render_markdown
from ..errors import ValidationError
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..permissions import can, require
from ..unit_of_work import attempt
from . import curation, service
from .blueprint import act_and_redirect, bp, detail_url, resource_for
from .forms import ResourceForm
from .models import Resource


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


# --- Create and edit --------------------------------------------------------------------


def _form_page(template: str, form: ResourceForm, status: int = 200, **context: Any) -> tuple[str, int]:
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
    context: dict[str, Any] = {
        "organisations": organisations,
        "may_publish": can(current_user, "resource.publish_new", organisations),
        "privacy_findings": None,
        "preview_html": None,
    }
    if request.method == "GET":
        return _form_page("library/form.html", form, **context)
    action = request.form.get("action", service.ACTION_DRAFT)
    if not form.validate():
        return _form_page("library/form.html", form, FORM_ERROR_STATUS, **context)
    if action == "preview":
        return _form_page(
            "library/form.html", form, **{**context, "preview_html": render_markdown(form.body.data or "")}
        )
    if action not in service.ACTIONS:
        action = service.ACTION_DRAFT
    organisation = next(org for org in organisations if org.id == form.organisation.data)
    try:
        with attempt():
            resource = service.create_resource(
                current_user, organisation, _resource_input(form), action=action, send_anyway=form.send_for_review.data
            )
    except service.PrivacyCheckFailed as error:
        show_errors(form, error)
        return _form_page(
            "library/form.html", form, FORM_ERROR_STATUS, **{**context, "privacy_findings": error.findings}
        )
    except ValidationError as error:
        show_errors(form, error)
        return _form_page("library/form.html", form, FORM_ERROR_STATUS, **context)
    flash(_status_message(resource), "success")
    return redirect(detail_url(resource))


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
    resource = resource_for(slug)
    require(current_user, "resource.edit", resource)
    form = (
        ResourceForm(obj=None)
        if request.method == "POST"
        else ResourceForm(
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
    )
    del form.organisation
    form.set_topic_choices(curation.list_topics())
    context: dict[str, Any] = {"resource": resource, "privacy_findings": None, "preview_html": None}
    if request.method == "GET":
        return _form_page("library/edit.html", form, **context)
    if not form.validate():
        return _form_page("library/edit.html", form, FORM_ERROR_STATUS, **context)
    if request.form.get("action") == "preview":
        return _form_page(
            "library/edit.html", form, **{**context, "preview_html": render_markdown(form.body.data or "")}
        )
    try:
        with attempt():
            revision = service.edit_resource(
                current_user,
                resource,
                _resource_input(form),
                note=form.note.data or "",
                send_anyway=form.send_for_review.data,
            )
    except service.PrivacyCheckFailed as error:
        show_errors(form, error)
        return _form_page(
            "library/edit.html", form, FORM_ERROR_STATUS, **{**context, "privacy_findings": error.findings}
        )
    except ValidationError as error:
        show_errors(form, error)
        return _form_page("library/edit.html", form, FORM_ERROR_STATUS, **context)
    if revision is None:
        flash("Nothing changed.", "info")
    elif resource.privacy_flagged:
        flash(_status_message(resource), "warning")
    else:
        flash(f"Saved as revision {revision.number}.", "success")
    return redirect(detail_url(resource))


# --- Workflow actions (POST only) -------------------------------------------------------


@bp.post("/library/<slug>/submit")
@login_required
def submit(slug: str):
    return act_and_redirect(slug, lambda r: service.submit_resource(current_user, r), "Submitted for review.")


@bp.post("/library/<slug>/publish")
@login_required
def publish(slug: str):
    return act_and_redirect(slug, lambda r: service.publish_resource(current_user, r), "Published.")


@bp.post("/library/<slug>/archive")
@login_required
def archive(slug: str):
    return act_and_redirect(
        slug, lambda r: service.archive_resource(current_user, r), "Archived: it no longer appears in the library."
    )


@bp.post("/library/<slug>/unarchive")
@login_required
def unarchive(slug: str):
    resource = resource_for(slug)
    service.unarchive_resource(current_user, resource)
    flash(_status_message(resource), "success")
    return redirect(detail_url(resource))


@bp.post("/library/<slug>/delete")
@login_required
def delete(slug: str):
    resource = resource_for(slug)
    service.delete_resource(current_user, resource)
    flash("Deleted.", "success")
    return redirect(url_for("library.mine"))


@bp.post("/library/<slug>/revisions/<int:number>/restore")
@login_required
def restore_revision(slug: str, number: int):
    resource = resource_for(slug)
    try:
        with attempt():
            revision = service.restore_revision(current_user, resource, number)
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("library.revisions", slug=resource.slug))
    if revision is None:
        flash("That revision is the same as the current content.", "info")
    else:
        flash(f"Revision {number} restored as revision {revision.number}.", "success")
    return redirect(detail_url(resource))
