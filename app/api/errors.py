"""The API's refusals, all JSON: ``{"error": word, "reason": sentence, "fields"?: {...}}`` with a 4xx.

The app's handler (``app/errors.py``) already answers JSON under ``/api/``; these handlers, on the
API blueprint, add what a program needs beyond it: the fields of a validation error, the
privacy guard's findings, ``WWW-Authenticate`` on a 401.
"""

from __future__ import annotations

from typing import Any

import pydantic
from flask import Blueprint, Response, current_app, jsonify
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import ERROR_CODES, DomainError, PermissionDenied, ValidationError
from ..privacy import PrivacyCheckFailed
from ..security_log import log_refusal


class ApiRefusal(DomainError):
    """A refusal of the API's own (bad JSON, no token, wrong scope), with its status and word."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status
        self.error = error


def unauthorized(message: str) -> ApiRefusal:
    return ApiRefusal(401, "unauthorized", message)


def error_response(status: int, error: str, reason: str, **extra: Any) -> Response:
    response = jsonify({"error": error, "reason": reason, **extra})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def field_errors(error: pydantic.ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors by field path (``tags.3``), in its words; the body itself is ``_body``."""
    fields: dict[str, list[str]] = {}
    for problem in error.errors(include_url=False, include_input=False):
        name = ".".join(str(part) for part in problem["loc"]) or "_body"
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            message = "Unknown field: this API takes only the fields it documents."
        fields.setdefault(name, []).append(message)
    return fields


def register(bp: Blueprint) -> None:
    @bp.errorhandler(ApiRefusal)
    def refused(error: ApiRefusal) -> Response:
        return error_response(error.status_code, error.error, error.message)

    @bp.errorhandler(PrivacyCheckFailed)
    def privacy(error: PrivacyCheckFailed) -> Response:
        return error_response(
            422,
            "privacy_check",
            error.message,
            fields=error.fields,
            findings=error.findings,
            reviewable=error.reviewable,
        )

    @bp.errorhandler(ValidationError)
    def invalid(error: ValidationError) -> Response:
        return error_response(422, "invalid", error.message, fields=error.fields)

    @bp.errorhandler(PermissionDenied)
    def denied(error: PermissionDenied) -> Response:
        log_refusal(error.message)
        return error_response(403, "forbidden", error.message)

    @bp.errorhandler(DomainError)
    def domain(error: DomainError) -> Response:
        return error_response(error.status_code, ERROR_CODES.get(error.status_code, "error"), error.message)

    @bp.errorhandler(pydantic.ValidationError)
    def schema(error: pydantic.ValidationError) -> Response:
        return error_response(
            422, "invalid", "The request does not match its schema; see fields.", fields=field_errors(error)
        )

    @bp.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> Response:
        limit = current_app.config["API_MAX_BODY_BYTES"]
        return error_response(413, "too_large", f"The request body is larger than the API accepts ({limit:,} bytes).")
