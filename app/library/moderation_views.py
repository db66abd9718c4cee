"""Moderators' actions on a resource: approve, return, feature, hide, restore."""

from __future__ import annotations

from flask import flash, redirect, request
from flask_login import current_user, login_required

from . import service
from .blueprint import act_and_redirect, bp, detail_url, resource_for
from .forms import ReasonForm


@bp.post("/library/<slug>/approve")
@login_required
def approve(slug: str):
    return act_and_redirect(
        slug, lambda r: service.approve_resource(current_user, r), "Approved and published; the author has been told."
    )


@bp.post("/library/<slug>/return")
@login_required
def return_(slug: str):
    resource = resource_for(slug)
    form = ReasonForm(prefix="return")
    form.validate()
    service.return_resource(current_user, resource, form.reason.data or "")
    flash("Returned to the author with your reason.", "success")
    return redirect(detail_url(resource))


@bp.post("/library/<slug>/feature")
@login_required
def feature(slug: str):
    featured = request.form.get("featured") == "1"
    return act_and_redirect(
        slug,
        lambda r: service.feature_resource(current_user, r, featured),
        "Featured on the home page." if featured else "No longer featured.",
    )


@bp.post("/library/<slug>/hide")
@login_required
def hide(slug: str):
    resource = resource_for(slug)
    form = ReasonForm(prefix="hide")
    form.validate()
    service.hide_resource(current_user, resource, form.reason.data or "")
    flash("Hidden. Only moderators and the author can see it.", "success")
    return redirect(detail_url(resource))


@bp.post("/library/<slug>/restore")
@login_required
def restore(slug: str):
    return act_and_redirect(slug, lambda r: service.restore_resource(current_user, r), "Restored.")
