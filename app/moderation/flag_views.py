"""Members report an item to the moderators: the flag form on every page posts to ``/flags``.

Its own blueprint, because the moderation blueprint admits staff only.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user, login_required

from ..errors import Conflict, ValidationError
from ..extensions import limiter
from ..permissions import can
from ..security_log import log_event
from ..unit_of_work import attempt
from . import service, targets
from .forms import FlagForm

bp = Blueprint("flags", __name__)

FLAG_RATE_LIMIT = "5/minute;30/hour"


def _actor() -> Any:
    return current_user._get_current_object()


def _flagger_key() -> str:
    return f"user:{current_user.id}" if current_user.is_authenticated else f"ip:{request.remote_addr}"


def _log_flag_limit(limit: Any) -> None:
    log_event("ratelimit.exceeded", endpoint=request.endpoint or "-", limit=str(limit.limit))


@bp.post("/flags")
@login_required
@limiter.limit(FLAG_RATE_LIMIT, key_func=_flagger_key, on_breach=_log_flag_limit)
def flag():
    form = FlagForm()
    target = form.target()
    if target is None:
        flash("That report could not be sent: the item is missing.", "error")
        return redirect(url_for("main.home"))
    target_type, target_id = target
    try:
        with attempt():
            service.flag_item(_actor(), target_type, target_id, form.reason.data or "", form.note.data or "")
    except Conflict as error:
        flash(error.message, "info")
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash("Thank you. A moderator will look at your report.", "success")
    return redirect(_after_flag(target_type, target_id))


def _after_flag(target_type: str, target_id: int) -> str:
    """Back to the item, unless the reports have just hidden it (then the member cannot see it)."""
    item = targets.load(target_type, target_id)
    if item is None:
        return url_for("main.home")
    view = targets.describe(target_type, item)
    if view.is_hidden and target_type != "post" and not can(_actor(), targets.view_action(target_type), item):
        return url_for("library.index" if target_type == "resource" else "discussions.index")
    return view.url
