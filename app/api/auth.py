"""Who calls the API: a bearer token, the browser's session, or nobody (docs/SECURITY.md 50).

``Authorization: Bearer <token>`` makes the token's owner the request's user: Flask-Login's
``current_user`` for this request only (nothing is written to the session), so every service,
permission rule, visibility filter and rate limit treats the call exactly as the owner signed in.
The hook runs before the rate limiter's, so limits are counted per token.

CSRF: a token request is exempt. A browser never adds an ``Authorization`` header by itself, and
without CORS headers no other site's script may add one, so a forged cross-site request cannot
carry the token. A request without a token that relies on the session cookie is what CSRF is
about: on writing methods it must carry the CSRF token (``X-CSRFToken``), as forms do.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..extensions import csrf
from . import tokens
from .errors import ApiRefusal, unauthorized
from .models import ApiToken, TokenScope

API_BLUEPRINT = "api"
WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def request_token() -> ApiToken | None:
    """The token this request authenticated with (None: session or visitor)."""
    return g.get("api_token")


def authenticate_api_request() -> None:
    """App-wide ``before_request``, registered before the rate limiter's: API requests only."""
    g.api_token = None
    if request.blueprint != API_BLUEPRINT:
        return
    request.max_content_length = current_app.config["API_MAX_BODY_BYTES"]
    header = request.headers.get("Authorization")
    if header is None:
        return
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise unauthorized("Send the token as “Authorization: Bearer <token>”.")
    token = tokens.authenticate(secret.strip())
    if token is None:
        raise unauthorized("The token is not valid: unknown, revoked, or its account may no longer use it.")
    g.api_token = token
    g._login_user = token.user  # Flask-Login's current_user, for this request only


def protect_session_writes() -> None:
    """The API blueprint's ``before_request``: a cookie-session write needs the CSRF token."""
    if request.method not in WRITING_METHODS or request_token() is not None:
        return
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def require_scope(scope: TokenScope) -> None:
    """:raise ApiRefusal: 401 with neither token nor session; 403 for a token without ``scope``."""
    token = request_token()
    if token is None:
        if not current_user.is_authenticated:
            raise unauthorized("This needs an API token: send “Authorization: Bearer <token>”.")
        return
    if not token.allows(scope.value):
        raise ApiRefusal(
            403,
            "insufficient_scope",
            f"This token may only {token.scope}; make a token with the {scope.value} scope on /account/tokens.",
        )


def rate_key() -> str:
    """Per token; else per account for the site's own session; else per address."""
    token = request_token()
    if token is not None:
        return f"token:{token.id}"
    if current_user.is_authenticated:
        return f"account:{current_user.get_id()}"
    return f"address:{get_remote_address()}"


def init_app(app: Flask) -> None:
    """Call before the rate limiter is bound, so this hook runs first."""
    app.before_request(authenticate_api_request)
