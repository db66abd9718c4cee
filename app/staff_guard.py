"""A gate in front of every staff URL: ``/admin…`` for admins, ``/moderation…`` for moderators.

Services still check each action; this gate makes sure no staff page, whichever blueprint
defines it, ever answers a member (403) or a visitor (sent to sign in) — before any object is
looked up, so ids reveal nothing.
"""

from __future__ import annotations

from flask import Flask, request
from flask_login import current_user

from .errors import PermissionDenied
from .extensions import login_manager
from .permissions import can

STAFF_AREAS = (("/admin", "admin.access"), ("/moderation", "moderation.access"))


def register_staff_guard(app: Flask) -> None:
    @app.before_request
    def guard_staff_areas():
        for prefix, action in STAFF_AREAS:
            if request.path == prefix or request.path.startswith(prefix + "/") or request.path.startswith(prefix + "."):
                if not current_user.is_authenticated:
                    return login_manager.unauthorized()
                if not can(current_user, action):
                    raise PermissionDenied()
        return None
