"""Links for e-mails: rooted at the configured ``SITE_URL``, never at the request's Host."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for


def site_path(endpoint: str, **values: Any) -> str:
    """The local path of ``endpoint``, inside a request or not (CLI commands, services in tests)."""
    if has_request_context():
        return url_for(endpoint, _external=False, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an e-mail, rooted at the configured ``SITE_URL``."""
    return current_app.config["SITE_URL"].rstrip("/") + site_path(endpoint, **values)
