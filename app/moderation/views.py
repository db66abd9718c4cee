"""The moderators' pages: review queue, decisions, sanctions, audit log, dashboard.

Every page of this blueprint is for moderators and admins: its guard (``app/staff_guard.py``)
refuses others before any lookup, and each service checks again. The members' flag form posts
to ``/flags``, on its own blueprint (``flag_views``).
"""

from __future__ import annotations

from typing import Any

from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from wtforms import SelectChoice

from ..accounts.redirects import safe_next_url
from ..errors import Conflict, ValidationError
from ..form_errors import FORM_ERROR_STATUS, error_text, show_errors
from ..permissions import can
from ..templating import page_number
from ..text import plural
from ..unit_of_work import attempt
from . import auditlog, bulk, curation, dashboard, flag_views, past_due_views, queue, sanctions, service, users  # noqa: F401
from .blueprint import bp
from .forms import (
    AuditFilterForm,
    BulkDecisionForm,
    CurateForm,
    MergeForm,
    QueueFilterForm,
    ReasonForm,
    SuspendForm,
    UserSearchForm,
)
from .models import FLAG_REASON_LABELS

blueprints = (bp, flag_views.bp)
DONE = {
    "approve": "Approved",
    "return": "Returned",
    "hide": "Hidden",
    "dismiss": "Reports dismissed",
    "uphold": "Hidden",
}


def _actor() -> Any:
    return current_user._get_current_object()


def _back(default: str) -> Any:
    return redirect(safe_next_url(request.form.get("next")) or default)


@bp.app_context_processor
def moderation_globals() -> dict[str, Any]:
    """``nav_queue_count`` for moderators' navigation, and the flag form's reasons for every page."""
    values: dict[str, Any] = {"flag_reasons": [(r, label) for r, label in FLAG_REASON_LABELS.items()]}
    if current_user.is_authenticated and can(current_user, "moderation.review"):
        try:
            values["nav_queue_count"] = queue.queue_size(current_user)
        except SQLAlchemyError:
            current_app.logger.warning("could not count the review queue", exc_info=True)
    return values


# --- The review queue -------------------------------------------------------------------


@bp.get("/moderation", endpoint="queue")
def queue_page():
    form = QueueFilterForm(request.args)
    wanted = queue.QueueFilter(
        form.kind.data or "",
        form.status.data or "",
        form.reason.data or "",
        form.organisation_id(),
        form.sort.data or "",
    ).cleaned()
    actor = _actor()
    result = queue.queue_page(actor, wanted, page_number(request.args.get("page")))
    form.org.choices = [SelectChoice("", "Any organisation")] + [
        SelectChoice(str(org_id), name) for org_id, name in result.organisations
    ]
    page = result.page
    return render_template(
        "moderation/queue.html",
        page=page,
        form=form,
        wanted=wanted,
        kind=wanted.kind,
        status=wanted.status,
        here=url_for("moderation.queue", **queue_args(wanted, page.page)),
        counts=queue.queue_counts(actor),
        kinds=queue.KINDS,
        suspend_form=SuspendForm(),
        bulk_form=BulkDecisionForm(),
        can_suspend={e.key: bool(e.author and can(actor, "user.suspend", e.author)) for e in page.items},
    )


def queue_args(wanted: queue.QueueFilter, page: int = 1) -> dict[str, Any]:
    """The queue's address for ``wanted``, leaving out the defaults."""
    args = {
        "kind": wanted.kind,
        "status": wanted.status if wanted.status != "open" else "",
        "reason": wanted.reason,
        "org": wanted.organisation_id,
        "sort": wanted.sort if wanted.sort != "oldest" else "",
        "page": page if page > 1 else None,
    }
    return {k: v for k, v in args.items() if v}


@bp.post("/moderation/bulk/<any(approve, return):action>")
def decide_many(action: str):
    form = BulkDecisionForm()
    try:
        result = bulk.decide_many(_actor(), form.entries.data or [], action, form.reason.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return _back(url_for("moderation.queue"))
    if result.decided:
        flash(f"{DONE[action]}: {plural(len(result.decided), 'entry')}. Each author has been told.", "success")
    for label, why in result.failed:
        flash(f"Not decided: {label}. {why}", "error")
    return _back(url_for("moderation.queue"))


@bp.post("/moderation/<any(resource, edit, post, organisation):kind>/<int:item_id>/<any(approve, return, hide):action>")
def decide(kind: str, item_id: int, action: str):
    form = ReasonForm()
    try:
        with attempt():
            label = service.decide(_actor(), kind, item_id, action, form.reason.data or "")
    except (ValidationError, Conflict) as error:
        flash(error_text(error), "error")
        return _back(url_for("moderation.queue"))
    told = "applicant" if kind == "organisation" else "author"
    flash(f"{DONE[action]}: {label}. The {told} has been told.", "success")
    return _back(url_for("moderation.queue"))


FLAG_DECISION_URL = (
    "/moderation/flags/<any(resource, thread, post):target_type>/<int:target_id>/<any(dismiss, uphold):action>"
)


@bp.post(FLAG_DECISION_URL)
def resolve_flags(target_type: str, target_id: int, action: str):
    form = ReasonForm()
    actor = _actor()
    try:
        with attempt():
            if action == "dismiss":
                label = service.dismiss_flags(actor, target_type, target_id, form.reason.data or "")
            else:
                label = service.uphold_flags(actor, target_type, target_id, form.reason.data or "")
    except (ValidationError, Conflict) as error:
        flash(error_text(error), "error")
        return _back(url_for("moderation.queue"))
    flash(f"{DONE[action]}: {label}.", "success")
    return _back(url_for("moderation.queue"))


# --- Curation ---------------------------------------------------------------------------


def _curate_page(resource: Any, curate_form: CurateForm, merge_form: MergeForm, status: int = 200):
    return render_template(
        "moderation/curate.html",
        resource=resource,
        form=curate_form,
        merge_form=merge_form,
        topic_groups=curation.topic_choices(),
        selected={t.slug for t in resource.topics} if curate_form.topics.data is None else set(curate_form.topics.data),
    ), status


@bp.get("/moderation/resources/<int:resource_id>/curate")
def curate(resource_id: int):
    resource = curation.resource_for_curation(_actor(), resource_id)
    form = CurateForm(data={"tags": ", ".join(t.name for t in resource.tags)})
    form.topics.data = None
    return _curate_page(resource, form, MergeForm())


@bp.post("/moderation/resources/<int:resource_id>/topics")
def curate_topics(resource_id: int):
    actor = _actor()
    resource = curation.resource_for_curation(actor, resource_id)
    form = CurateForm()
    try:
        with attempt():
            curation.update_topics_and_tags(actor, resource, form.topics.data or [], form.tags.data or "")
    except ValidationError as error:
        resource = curation.resource_for_curation(actor, resource_id)
        show_errors(form, error)
        return _curate_page(resource, form, MergeForm(), FORM_ERROR_STATUS)
    flash("Topics and tags saved.", "success")
    return redirect(url_for("library.detail", slug=resource.slug))


@bp.post("/moderation/resources/<int:resource_id>/merge")
def merge(resource_id: int):
    actor = _actor()
    duplicate = curation.resource_for_curation(actor, resource_id)
    form = MergeForm()
    try:
        with attempt():
            target = curation.merge_duplicate(actor, duplicate, form.target.data or "")
    except (ValidationError, Conflict) as error:
        duplicate = curation.resource_for_curation(actor, resource_id)
        curate_form = CurateForm(data={"tags": ", ".join(t.name for t in duplicate.tags)})
        curate_form.topics.data = None
        if getattr(error, "fields", None):
            show_errors(form, error)
        else:
            form.target.errors = [error.message]
        return _curate_page(duplicate, curate_form, form, FORM_ERROR_STATUS)
    flash(f"Merged into “{target.title}”; the duplicate's address now leads here.", "success")
    return redirect(url_for("library.detail", slug=target.slug))


# --- Members and sanctions --------------------------------------------------------------


@bp.get("/moderation/users")
def user_list():
    form = UserSearchForm(request.args)
    q = (form.q.data or "").strip()[:100]
    page = users.find_users(_actor(), q, page_number(request.args.get("page")))
    return render_template("moderation/users.html", form=form, page=page, q=q)


@bp.get("/moderation/users/<int:user_id>")
def user_detail(user_id: int):
    actor = _actor()
    user = users.get_user(actor, user_id)
    return render_template(
        "moderation/user.html",
        user=user,
        organisations=users.organisations_of(user),
        history=users.sanction_history(actor, user),
        suspend_form=SuspendForm(),
        reason_form=ReasonForm(),
        can_suspend=can(actor, "user.suspend", user),
        can_deactivate=can(actor, "user.deactivate", user),
    )


@bp.post("/moderation/users/<int:user_id>/suspend")
def suspend(user_id: int):
    actor = _actor()
    user = users.get_user(actor, user_id)
    form = SuspendForm()
    try:
        with attempt():
            until = sanctions.until_for_period(form.period.data or "")
            sanctions.suspend_user(actor, user, until, form.reason.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return _back(url_for("moderation.user_detail", user_id=user_id))
    flash(f"{user.name} is suspended; every session of theirs has ended.", "success")
    return _back(url_for("moderation.user_detail", user_id=user_id))


@bp.post("/moderation/users/<int:user_id>/<any(lift, deactivate, reactivate):action>")
def sanction(user_id: int, action: str):
    actor = _actor()
    user = users.get_user(actor, user_id)
    reason = ReasonForm().reason.data or ""
    operations = {
        "lift": (sanctions.lift_suspension, "The suspension of {name} is lifted."),
        "deactivate": (sanctions.deactivate_user, "{name}'s account is deactivated."),
        "reactivate": (sanctions.reactivate_user, "{name}'s account is active again."),
    }
    operation, message = operations[action]
    try:
        with attempt():
            operation(actor, user, reason)
    except (ValidationError, Conflict) as error:
        flash(error_text(error), "error")
        return redirect(url_for("moderation.user_detail", user_id=user_id))
    flash(message.format(name=user.name), "success")
    return redirect(url_for("moderation.user_detail", user_id=user_id))


# --- Audit log --------------------------------------------------------------------------


def _audit_filter(actor: Any) -> tuple[AuditFilterForm, auditlog.AuditFilter]:
    form = AuditFilterForm(request.args)
    choices = auditlog.filter_choices(actor)
    form.actor.choices = [SelectChoice("", "Anyone")] + [SelectChoice(str(i), name) for i, name in choices["actors"]]
    form.action.choices = [SelectChoice("", "Any action")] + [SelectChoice(a, a) for a in choices["actions"]]
    form.target_type.choices = [SelectChoice("", "Any type")] + [SelectChoice(t, t) for t in choices["target_types"]]
    form.validate()
    actor_id = form.actor.data if form.actor.data and form.actor.data.isdigit() else None
    filters = auditlog.AuditFilter(
        actor_id=int(actor_id) if actor_id else None,
        action=form.action.data if not form.action.errors else "",
        target_type=form.target_type.data if not form.target_type.errors else "",
        target_id=form.target_id.data if not form.target_id.errors else None,
        start=form.start.data if not form.start.errors else None,
        end=form.end.data if not form.end.errors else None,
    )
    return form, filters


@bp.get("/moderation/log")
def audit_log():
    actor = _actor()
    form, filters = _audit_filter(actor)
    page = auditlog.list_events(actor, filters, page_number(request.args.get("page")))
    csv_args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "moderation/log.html", form=form, page=page, csv_url=url_for("moderation.audit_csv", **csv_args)
    )


@bp.get("/moderation/log.csv")
def audit_csv():
    actor = _actor()
    _form, filters = _audit_filter(actor)
    rows = auditlog.export_csv(actor, filters)
    response = Response(stream_with_context(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


# --- Dashboard --------------------------------------------------------------------------


@bp.get("/moderation/dashboard", endpoint="dashboard")
def dashboard_page():
    return render_template("moderation/dashboard.html", data=dashboard.build(_actor()))
