"""Moderators' actions on threads and posts: POST forms, each calling one moderation service."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template
from flask_login import current_user, login_required

from ..errors import PermissionDenied, ValidationError
from ..form_errors import FORM_ERROR_STATUS, error_text, show_errors
from ..permissions import can
from ..unit_of_work import attempt
from . import service
from .blueprint import bp, thread_url
from .forms import MoveForm, ReasonForm, category_choices
from .models import Thread


def _move_form(found: Thread) -> MoveForm:
    form = MoveForm()
    form.category_id.choices = category_choices(
        [c for c in service.visible_categories(current_user) if c.id != found.category_id]
    )
    return form


def thread_tools(found: Thread, can_moderate: bool) -> dict[str, Any]:
    """The moderator forms shown on a thread page (none for everyone else)."""
    if not can_moderate:
        return {"lock_form": None, "hide_form": None, "move_form": None}
    return {
        "lock_form": ReasonForm(prefix="lock"),
        "hide_form": ReasonForm(prefix="hide"),
        "move_form": _move_form(found),
    }


def _reason_form(prefix: str) -> ReasonForm:
    form = ReasonForm(prefix=prefix)
    if not form.validate_on_submit():
        raise ValidationError("The form expired; reload the page and try again.")
    return form


def _moderated_thread(thread_id: int) -> Thread:
    found = service.get_thread(current_user, thread_id)
    if not can(current_user, "thread.moderate", found):
        raise PermissionDenied()
    return found


def _done(found: Thread, message: str):
    flash(message, "success")
    return redirect(thread_url(found))


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/pin")
@login_required
def pin_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    service.pin_thread(current_user, found)
    return _done(found, "Pinned: the thread stays at the top of its category.")


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/unpin")
@login_required
def unpin_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    service.unpin_thread(current_user, found)
    return _done(found, "Unpinned.")


def _thread_action_failed(found: Thread, error: ValidationError, **forms: Any):
    found = service.get_thread(current_user, found.id)
    tools = thread_tools(found, True)
    for name, form in forms.items():
        show_errors(form, error)
        tools[name] = form
    flash(error_text(error), "error")
    return render_template("discussions/thread_tools.html", thread=found, **tools), FORM_ERROR_STATUS


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/lock")
@login_required
def lock_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    form = _reason_form("lock")
    try:
        with attempt():
            service.lock_thread(current_user, found, form.reason.data or "")
    except ValidationError as error:
        return _thread_action_failed(found, error, lock_form=form)
    return _done(found, "Locked: no more replies. Readers see your reason.")


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/unlock")
@login_required
def unlock_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    service.unlock_thread(current_user, found)
    return _done(found, "Unlocked: members can reply again.")


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/move")
@login_required
def move_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    form = _move_form(found)
    if not form.validate_on_submit():
        raise ValidationError("The form expired; reload the page and try again.")
    target = service.get_category_by_id(current_user, form.category_id.data)
    try:
        with attempt():
            service.move_thread(current_user, found, target, form.reason.data or "")
    except ValidationError as error:
        return _thread_action_failed(found, error, move_form=form)
    return _done(found, f"Moved to {target.name}.")


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/hide")
@login_required
def hide_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    form = _reason_form("hide")
    try:
        with attempt():
            service.hide_thread(current_user, found, form.reason.data or "")
    except ValidationError as error:
        return _thread_action_failed(found, error, hide_form=form)
    return _done(found, "Hidden: only its author and moderators can see the thread now.")


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/restore")
@login_required
def restore_thread(thread_id: int):
    found = _moderated_thread(thread_id)
    service.restore_thread(current_user, found)
    return _done(found, "Restored: the thread is visible again.")


# --- Posts --------------------------------------------------------------------------------


def _moderated_post(post_id: int):
    found = service.get_post(current_user, post_id)
    if not can(current_user, "post.moderate", found):
        raise PermissionDenied()
    return found


def _post_done(found: Any, message: str):
    flash(message, "success")
    _, page = service.locate_post(current_user, found.id)
    return redirect(thread_url(found.thread, page=page, post_id=found.id))


def _reason_page(found: Any, action: str, form: ReasonForm, status: int = 200):
    return render_template("discussions/post_reason.html", post=found, action=action, form=form), status


@bp.route("/discussions/posts/<int(max=2147483647):post_id>/hide", methods=["GET", "POST"])
@login_required
def hide_post(post_id: int):
    found = _moderated_post(post_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _reason_page(found, "hide", form, 200 if not form.is_submitted() else FORM_ERROR_STATUS)
    try:
        with attempt():
            service.hide_post(current_user, found, form.reason.data or "")
    except ValidationError as error:
        show_errors(form, error)
        return _reason_page(service.get_post(current_user, post_id), "hide", form, FORM_ERROR_STATUS)
    return _post_done(found, "Hidden: readers see that a moderator hid it; its author sees why.")


@bp.post("/discussions/posts/<int(max=2147483647):post_id>/restore")
@login_required
def restore_post(post_id: int):
    found = _moderated_post(post_id)
    service.restore_post(current_user, found)
    return _post_done(found, "Restored: the post is visible again.")


@bp.post("/discussions/posts/<int(max=2147483647):post_id>/approve")
@login_required
def approve_post(post_id: int):
    found = _moderated_post(post_id)
    service.approve_held_post(current_user, found)
    return _post_done(found, "Approved: the post is published and followers are notified.")


@bp.route("/discussions/posts/<int(max=2147483647):post_id>/reject", methods=["GET", "POST"])
@login_required
def reject_post(post_id: int):
    found = _moderated_post(post_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _reason_page(found, "reject", form, 200 if not form.is_submitted() else FORM_ERROR_STATUS)
    try:
        with attempt():
            service.reject_held_post(current_user, found, form.reason.data or "")
    except ValidationError as error:
        show_errors(form, error)
        return _reason_page(service.get_post(current_user, post_id), "reject", form, FORM_ERROR_STATUS)
    return _post_done(found, "Rejected: the author is told why.")
