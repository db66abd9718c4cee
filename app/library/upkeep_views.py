"""Keeping resources current: adapting a template, comparing with it and taking its changes,
and "still accurate" (the moderators' list of past-due resources is on the moderation blueprint).

A blueprint nested in ``library`` (endpoints ``library.upkeep.*``); views parse, call a service
and redirect; the request's unit of work commits.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import NotFound
from ..extensions import db
from ..orgs.models import Organisation
from . import adaptation, queries, review_dates
from .models import Resource

bp = Blueprint("upkeep", __name__)


def _resource(slug: str) -> Resource:
    return queries.lookup(current_user, slug).resource


def _organisation_from_form() -> Organisation | None:
    raw = request.form.get("organisation", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise NotFound()
    org = db.session.get(Organisation, int(raw))
    if org is None:
        raise NotFound()
    return org


@bp.post("/library/<slug>/adapt")
@login_required
def adapt(slug: str):
    upstream = _resource(slug)
    copy = adaptation.adapt(current_user, upstream, _organisation_from_form())
    flash(
        "Adapted for your organisation as a draft. Edit it to fit, then publish it; "
        "you will be told when the template changes.",
        "success",
    )
    return redirect(url_for("library.edit", slug=copy.slug))


@bp.get("/library/<slug>/lineage")
def lineage(slug: str):
    copy = _resource(slug)
    found = adaptation.lineage(current_user, copy)
    return render_template("library/lineage.html", lineage=found)


@bp.post("/library/<slug>/lineage/take")
@login_required
def take_upstream(slug: str):
    copy = _resource(slug)
    found = adaptation.take_upstream_changes(current_user, copy)
    if not found.upstream_changed:
        flash("Nothing to take: the template has not changed since.", "info")
    elif found.conflicts:
        flash(
            f"Took the template's changes. {found.conflicts} part(s) changed on both sides kept your wording: "
            "compare them below and edit if needed.",
            "warning",
        )
    else:
        flash("Took the template's changes.", "success")
    return redirect(url_for("library.upkeep.lineage", slug=copy.slug))


@bp.post("/library/<slug>/still-accurate")
@login_required
def still_accurate(slug: str):
    resource = _resource(slug)
    review_dates.confirm_still_accurate(current_user, resource)
    due = f" Next review by {resource.review_by:%-d %B %Y}." if resource.review_by else ""
    flash(f"Marked as still accurate.{due}", "success")
    return redirect(url_for("library.detail", slug=resource.slug))

