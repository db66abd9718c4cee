"""Find an expert, and the member's own expertise and time-zone setting."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import ValidationError
from ..form_errors import show_errors
from ..permissions import require
from . import service
from .forms import LearningSettingsForm

bp = Blueprint("experts", __name__)


@bp.get("/experts")
@login_required
def find():
    require(current_user, "experts.find")
    text = (request.args.get("q") or "")[:100]
    return render_template(
        "experts/find.html",
        query=text,
        people=service.find_experts(current_user, text) if text.strip() else [],
        suggested=service.SUGGESTED,
    )


@bp.route("/account/expertise", methods=["GET", "POST"])
@login_required
def settings():
    form = LearningSettingsForm()
    if request.method == "GET":
        form.expertise.data = ", ".join(service.expertise_of(current_user))
        form.timezone.data = current_user.timezone or ""
        return render_template("experts/settings.html", form=form, suggested=service.SUGGESTED)
    if form.validate():
        try:
            service.update_learning_settings(
                current_user, service.parse_areas(form.expertise.data or ""), form.timezone.data or ""
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("Your expertise and time zone are saved.", "success")
            return redirect(url_for("experts.settings"))
    return render_template("experts/settings.html", form=form, suggested=service.SUGGESTED), 422
