"""The few domain errors services raise, and the one place they become HTTP answers.

Services raise ``NotFound``, ``PermissionDenied`` or ``ValidationError``; views and the API let
them propagate. Error pages are generic: no traceback, SQL or path ever reaches the client.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, jsonify, make_response, render_template, request, url_for
from flask.globals import request_ctx
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from .accounts.redirects import safe_next_url
from .extensions import db
from .security_log import log_refusal

log = logging.getLogger(__name__)


class DomainError(Exception):
    status_code = 400
    default_message = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message


class NotFound(DomainError):
    """Missing, or private to someone else: both answer the same (docs/SECURITY.md 19)."""

    status_code = 404
    default_message = "That page does not exist, or you do not have access to it."


class PermissionDenied(DomainError):
    status_code = 403
    default_message = "You do not have permission to do that."


class Conflict(DomainError):
    status_code = 409
    default_message = "That conflicts with the current state."


class ValidationError(DomainError):
    """Bad input; ``fields`` maps a form field name to its messages."""

    status_code = 400
    default_message = "Please correct the errors below."

    def __init__(self, message: str | None = None, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


ERROR_TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "File too large",
    429: "Too many requests",
    500: "Something went wrong",
    503: "Busy",
}

ERROR_MESSAGES = {
    400: "The request could not be understood. Please check what you entered and try again.",
    403: "You do not have permission to do that.",
    404: "That page does not exist, or you do not have access to it.",
    405: "That action is not available here.",
    409: "That conflicts with the current state of the item. Reload the page and try again.",
    413: "The upload is larger than the limit of 20 MB per file.",
    429: "You are doing that too often. Please wait a little and try again.",
    500: "An unexpected error happened on our side. It has been logged; please try again later.",
    503: "The site is very busy right now and nothing was saved. Please try again in a moment.",
}
RETRY_AFTER_SECONDS = 5

# The ``error`` of a JSON answer: a stable word for programs; ``reason`` says it to people.
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def render_error(status: int, message: str | None = None):
    message = message or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    if wants_json():
        return jsonify({"error": ERROR_CODES.get(status, "error"), "reason": message, "status": status}), status
    title = ERROR_TITLES.get(status, "Error")
    if request_ctx.url_adapter is None:
        # The request never matched the app (an untrusted Host): no URLs to build, plain text.
        return f"{title}. {message}", status, {"Content-Type": "text/plain; charset=utf-8"}
    return (
        render_template(
            "errors/error.html",
            status=status,
            title=title,
            message=message,
            sign_in_url=_sign_in_url(status),
            back_url=_back_url(status),
        ),
        status,
    )


def _back_url(status: int) -> str | None:
    """After a refused upload (413) the browser shows this page instead of the form's: link back
    to the page the form was on (a path on this site only), where what was typed is still kept."""
    if status != 413 or not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc != request.host:
        return None
    return safe_next_url(urlunsplit(("", "", parts.path, parts.query, "")))


def _sign_in_url(status: int) -> str | None:
    """A signed-out reader of a 404 may be a member following a members-only link: offer sign-in
    back to the same address. Every 404 offers it, missing or private alike (docs/SECURITY.md 19)."""
    if status != 404 or request.method != "GET" or getattr(current_user, "is_authenticated", False):
        return None
    return url_for("accounts.login", next=request.full_path.removesuffix("?"))


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        if isinstance(error, PermissionDenied):
            log_refusal(error.message)
        return render_error(error.status_code, error.message)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        status = error.code or 500
        message = None
        if status == 429:
            # A limit may carry its own message (sign-in says the password reset stays open).
            custom = getattr(getattr(error, "limit", None), "error_message", None)
            message = error.description if custom else ERROR_MESSAGES[429]
        elif status == 400 and getattr(error, "description", "").startswith("The CSRF"):
            message = "Your form expired or was sent from elsewhere. Please reload the page and try again."
        response = make_response(render_error(status, message))
        allowed = getattr(error, "valid_methods", None)
        if status == 405 and allowed:
            response.headers["Allow"] = ", ".join(allowed)
        if status == 503:
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)

        db.session.rollback()
        return render_error(500)
