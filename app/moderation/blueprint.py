"""The moderators' blueprint: every page under ``/moderation``, closed to all but moderators and admins."""

from __future__ import annotations

from flask import Blueprint

from ..staff_guard import guard_blueprint

bp = Blueprint("moderation", __name__)
guard_blueprint(bp, "moderation.access")
