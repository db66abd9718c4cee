"""The admins' pages: applications, organisations, users and site settings.

The blueprint's guard (``blueprint.py``) answers members (403) and visitors (sign-in) before any
of these run; the services check each action again. The library's topics (``topic_views``) and
the discussion categories (``category_views``) join the same blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import ValidationError
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..orgs import service as orgs
from ..orgs.models import OrgStatus
from ..orgs.validation import clean_text
from ..templating import page_number
from ..unit_of_work import attempt
from ..worker import schedule
from . import category_views, network_staff_views, service, topic_views  # noqa: F401  (their routes join the blueprint)
from .blueprint import bp
from .forms import DecisionForm, settings_form

__all__ = ["bp"]

ORG_STATUSES = {s.value for s in OrgStatus}


def _actor() -> Any:
    return current_user._get_current_object()


@bp.get("")
def index():
    return render_template(
        "admin/index.html", counts=service.dashboard_counts(_actor()), scheduled_tasks=schedule.task_status()
    )


# --- Organisations ----------------------------------------------------------------------


@bp.get("/organisations")
def organisations():
    status = request.args.get("status", "")
    status = status if status in ORG_STATUSES else ""
    q = clean_text(request.args.get("q", ""))[:100]
    page = orgs.admin_organisations(_actor(), status=status, q=q, page=page_number(request.args.get("page")))
    return render_template("admin/organisations.html", page=page, status=status, q=q, statuses=OrgStatus)


def _organisation_page(org_id: int, form: DecisionForm | None = None, status: int = 200):
    actor = _actor()
    org = orgs.get_organisation_for_admin(actor, org_id)
    return render_template(
        "admin/organisation.html",
        org=org,
        form=form or DecisionForm(formdata=None),
        history=service.history(actor, "organisation", org.id),
        applicant=org.applied_by,
    ), status


@bp.get("/organisations/<int:org_id>")
def organisation(org_id: int):
    return _organisation_page(org_id)


def _decide(org_id: int, decide, done: str):
    org = orgs.get_organisation_for_admin(_actor(), org_id)
    form = DecisionForm()
    try:
        with attempt():
            decide(_actor(), org, form.reason.data or "")
    except ValidationError as error:
        form.reason.errors = error.fields.get("reason", [error.message])
        return _organisation_page(org_id, form, FORM_ERROR_STATUS)
    flash(done.format(name=org.name), "success")
    return redirect(url_for("admin.organisation", org_id=org.id))


@bp.post("/organisations/<int:org_id>/approve")
def approve(org_id: int):
    return _decide(org_id, orgs.approve_application, "{name} is approved; the applicant has been told.")


@bp.post("/organisations/<int:org_id>/reject")
def reject(org_id: int):
    return _decide(
        org_id, orgs.reject_application, "The application of {name} is rejected; the applicant has been told."
    )


@bp.post("/organisations/<int:org_id>/suspend")
def suspend(org_id: int):
    return _decide(org_id, orgs.suspend_organisation, "{name} is suspended.")


@bp.post("/organisations/<int:org_id>/reinstate")
def reinstate(org_id: int):
    return _decide(org_id, orgs.reinstate_organisation, "{name} is reinstated.")


# --- Users ------------------------------------------------------------------------------


@bp.get("/users")
def users():
    q = clean_text(request.args.get("q", ""))[:100]
    page = service.search_users(_actor(), q=q, page=page_number(request.args.get("page")))
    return render_template("admin/users.html", page=page, q=q, me=_actor())


def _act_on_user(user_id: int, act, done: str, *args: Any):
    user = service.get_user(_actor(), user_id)
    act(_actor(), user, *args)
    flash(done.format(name=user.name), "success")
    return redirect(url_for("admin.users", q=clean_text(request.form.get("q", ""))[:100] or None))


@bp.post("/users/<int:user_id>/moderator")
def appoint_moderator(user_id: int):
    return _act_on_user(user_id, service.appoint_moderator, "{name} is now a moderator.")


@bp.post("/users/<int:user_id>/moderator/remove")
def remove_moderator(user_id: int):
    return _act_on_user(user_id, service.remove_moderator, "{name} is no longer a moderator.")


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int):
    reason = request.form.get("reason", "")
    return _act_on_user(user_id, service.deactivate_user, "{name}'s account is deactivated.", reason)


@bp.post("/users/<int:user_id>/reactivate")
def reactivate(user_id: int):
    return _act_on_user(user_id, service.reactivate_user, "{name}'s account is active again.")


# --- Settings ---------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    actor = _actor()
    current = service.current_settings(actor)
    if request.method == "GET":
        return render_template("admin/settings.html", form=settings_form(current))
    form = settings_form(current, request.form)
    if form.validate():
        try:
            with attempt():
                changed = service.update_settings(actor, {name: form[name].data for name in current})
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("Settings saved." if changed else "Nothing changed.", "success")
            return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form), FORM_ERROR_STATUS
