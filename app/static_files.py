"""Static files under names that change with their content, cached by browsers for a year.

``url_for("static", filename=…)`` appends ``?v=<content hash>``; a request carrying that hash is
answered with ``Cache-Control: public, max-age=31536000, immutable``, so a changed file gets a new
address and an unchanged one is never asked for again. Without the hash, the default (no-cache
revalidation) applies.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from flask import Flask, Response, request

ONE_YEAR = 365 * 24 * 3600

_hashes: dict[tuple[str, float], str] = {}


def content_hash(folder: str, filename: str) -> str | None:
    path = os.path.join(folder, filename)
    try:
        modified = os.stat(path).st_mtime
    except OSError:
        return None
    key = (path, modified)
    if key not in _hashes:
        with open(path, "rb") as file:
            _hashes[key] = hashlib.blake2b(file.read(), digest_size=6).hexdigest()
    return _hashes[key]


def init_app(app: Flask) -> None:
    @app.url_defaults
    def add_content_hash(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "v" not in values and app.static_folder:
            found = content_hash(app.static_folder, values.get("filename", ""))
            if found:
                values["v"] = found

    @app.after_request
    def cache_hashed_static(response: Response) -> Response:
        if request.endpoint == "static" and request.args.get("v") and response.status_code in (200, 304):
            # Replaces the signed-in pages' "no-store" too: a static file is the same for everyone.
            response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        return response
