"""The admins' blueprint: everything under ``/admin``, closed to all but admins."""

from __future__ import annotations

from flask import Blueprint

from ..staff_guard import guard_blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard_blueprint(bp, "admin.access")
