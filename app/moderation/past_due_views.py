"""The moderators' list of resources whose review date has passed."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from ..library import review_dates
from ..templating import page_number
from .blueprint import bp


@bp.get("/moderation/past-due")
def past_due():
    page = review_dates.past_due(current_user, page=page_number(request.args.get("page")))
    return render_template("library/past_due.html", page=page)
