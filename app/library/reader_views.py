"""What readers do with resources: bookmark them (and list the bookmarks), mark them helpful."""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_login import current_user, login_required

from ..templating import page_number
from . import engagement
from .blueprint import PER_PAGE, bp, detail_url, resource_for


@bp.get("/library/bookmarks")
@login_required
def bookmarks():
    page = engagement.list_bookmarks(current_user, page=page_number(request.args.get("page")), per_page=PER_PAGE)
    return render_template("library/bookmarks.html", page=page)


@bp.post("/library/<slug>/bookmark")
@login_required
def bookmark(slug: str):
    resource = resource_for(slug)
    if request.form.get("remove") == "1":
        engagement.remove_bookmark(current_user, resource)
        message = "Bookmark removed."
    else:
        engagement.add_bookmark(current_user, resource)
        message = "Bookmarked. Find it under My bookmarks."
    flash(message, "success")
    return redirect(detail_url(resource))


@bp.post("/library/<slug>/helpful")
@login_required
def helpful(slug: str):
    resource = resource_for(slug)
    if request.form.get("remove") == "1":
        engagement.withdraw_helpful(current_user, resource)
        message = "Your helpful vote was withdrawn."
    else:
        engagement.vote_helpful(current_user, resource)
        message = "Thank you: marked as helpful."
    flash(message, "success")
    return redirect(detail_url(resource))
