"""Network staff, appointed by admins at ``/admin/network-staff``: they post network news and run
the network's own events."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..errors import ValidationError
from ..form_errors import form_status, show_errors
from ..news import service
from ..news.forms import StaffForm
from ..permissions import require
from .blueprint import bp


@bp.route("/network-staff", methods=["GET", "POST"])
def network_staff():
    require(current_user, "network_staff.appoint")
    form = StaffForm()
    if form.validate_on_submit():
        try:
            user = service.appoint_network_staff(current_user, form.email.data or "")
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash(f"{user.name} is now network staff.", "success")
            return redirect(url_for("admin.network_staff"))
    return render_template("admin/network_staff.html", form=form, staff=service.network_staff()), form_status(form)


@bp.post("/network-staff/<int:user_id>/remove")
def remove_network_staff(user_id: int):
    user = service.remove_network_staff(current_user, user_id)
    flash(f"{user.name} is no longer network staff.", "success")
    return redirect(url_for("admin.network_staff"))
