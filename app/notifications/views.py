"""The notifications list, marking read (by POST), and the unread count in the navigation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..templating import page_number
from . import service

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.app_context_processor
def inject_unread_count() -> dict[str, Any]:
    if not current_user.is_authenticated:
        return {}
    return {"nav_unread_count": service.unread_count(current_user)}


@bp.get("/")
@login_required
def index():
    page = service.list_notifications(current_user, page_number(request.args.get("page")))
    return render_template("notifications/index.html", page=page)


@bp.post("/<int(max=2147483647):notification_id>/open")
@login_required
def open_notification(notification_id: int):
    """Mark read and go to what it is about (always a local path)."""
    notification = service.mark_read(current_user, notification_id)
    return redirect(notification.url or url_for("notifications.index"))


@bp.post("/<int(max=2147483647):notification_id>/read")
@login_required
def mark_read(notification_id: int):
    service.mark_read(current_user, notification_id)
    return redirect(url_for("notifications.index"))


@bp.post("/read-all")
@login_required
def mark_all_read():
    count = service.mark_all_read(current_user)
    flash(f"{count} notification{'s' if count != 1 else ''} marked as read.", "success")
    return redirect(url_for("notifications.index"))
