"""Loading the signed-in user, and ending sessions that are stale or revoked (docs/SECURITY.md 6-7).

The id Flask-Login keeps in the session and the remember-me cookie is ``"<user id>:<session
version>"``; bumping ``User.session_version`` (sign-out, password change or reset, suspension)
makes every earlier session and cookie of that user fail to load.
"""

from __future__ import annotations

from flask import Flask, g, session
from flask_login import LoginManager, logout_user

from ..db_types import utcnow
from ..extensions import db
from .models import User


def load_user_from_session_id(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_from_session_id)

    @app.before_request
    def load_user_afresh() -> None:
        """Forget a user loaded by an earlier request that shared this app context.

        Flask reuses an app context that is already pushed (a test holding one open, for
        instance), and Flask-Login caches the user on ``g``: without this, one request's user
        would carry over to the next, whatever its cookies say.
        """
        g.pop("_login_user", None)

    @app.before_request
    def enforce_session_lifetimes() -> None:
        """Idle and absolute limits on a signed-in session, both from configuration."""
        if "_user_id" not in session:
            return
        now = utcnow().timestamp()
        started = session.get("started_at")
        seen = session.get("seen_at")
        idle = app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
        absolute = app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()
        if started is None or seen is None:
            session["started_at"] = session.get("started_at", now)
        elif now - seen > idle or now - started > absolute:
            logout_user()
            session.clear()
            return
        session["seen_at"] = now


def session_started_now() -> None:
    """Call right after ``login_user``: the idle and absolute clocks start again."""
    now = utcnow().timestamp()
    session["started_at"] = now
    session["seen_at"] = now
