"""The follow buttons: POST only, each back to the page it was pressed on."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required

from ..library import queries as library_queries
from ..orgs import service as orgs_service
from . import service

bp = Blueprint("follows", __name__)


@bp.post("/library/topics/<slug>/follow")
@login_required
def follow_topic(slug: str):
    topic = library_queries.topic_by_slug(slug)
    service.follow_topic(current_user, topic)
    flash(f"You follow {topic.name}: new resources on it will notify you.", "success")
    return redirect(url_for("library.topic", slug=topic.slug))


@bp.post("/library/topics/<slug>/unfollow")
@login_required
def unfollow_topic(slug: str):
    topic = library_queries.topic_by_slug(slug)
    service.unfollow_topic(current_user, topic)
    flash(f"You no longer follow {topic.name}.", "success")
    return redirect(url_for("library.topic", slug=topic.slug))


@bp.post("/orgs/<slug>/follow")
@login_required
def follow_organisation(slug: str):
    org = orgs_service.get_organisation(current_user, slug)
    service.follow_organisation(current_user, org)
    flash(f"You follow {org.name}: its new resources will notify you.", "success")
    return redirect(url_for("orgs.profile", slug=org.slug))


@bp.post("/orgs/<slug>/unfollow")
@login_required
def unfollow_organisation(slug: str):
    org = orgs_service.get_organisation(current_user, slug)
    service.unfollow_organisation(current_user, org)
    flash(f"You no longer follow {org.name}.", "success")
    return redirect(url_for("orgs.profile", slug=org.slug))
