"""Response headers every page carries, and cache rules for signed-in pages (docs/SECURITY.md 31-32)."""

from __future__ import annotations

from flask import Flask, Response
from flask_login import current_user

from .config import is_production

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def register_security_headers(app: Flask) -> None:
    production = is_production(app)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["X-Content-Type-Options"] = "nosniff"
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers["X-Frame-Options"] = "DENY"
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if production:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if getattr(current_user, "is_authenticated", False):
            headers["Cache-Control"] = "no-store"
        return response
