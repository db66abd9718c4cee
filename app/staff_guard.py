"""The gate of the staff blueprints: admins' pages refuse everyone else, moderators' pages likewise.

Each staff blueprint (``admin``, ``moderation``) calls :func:`guard_blueprint` with the action
that admits to it; its ``before_request`` answers members 403 and sends visitors to sign in
before any view runs or any object is looked up, so ids reveal nothing. Services still check
each action again. Pages that members use (the flag form) live on other blueprints.
"""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user
from werkzeug.wrappers import Response

from .errors import PermissionDenied
from .extensions import login_manager
from .permissions import can


def guard_blueprint(blueprint: Blueprint, action: str) -> None:
    """Admit to every route of ``blueprint`` only users who may ``action``."""

    @blueprint.before_request
    def admit_staff_only() -> Response | None:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not can(current_user, action):
            raise PermissionDenied()
        return None
