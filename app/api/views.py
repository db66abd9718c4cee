"""The versioned JSON API: the same services as the HTML pages, JSON in and out."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user

from ..search import service as search_service
from ..search.limits import search_limits
from . import search as search_api

bp = Blueprint("api", __name__, url_prefix="/api/v1")

OPENAPI_PATHS = {"/search": search_api.OPENAPI_SEARCH}
OPENAPI_SCHEMAS = {**search_api.SCHEMAS}


@bp.get("/openapi.json")
def openapi():
    return jsonify(
        {
            "openapi": "3.1.0",
            "info": {"title": "Social Media Health Network API", "version": "1"},
            "servers": [{"url": "/api/v1"}],
            "paths": OPENAPI_PATHS,
            "components": {"schemas": OPENAPI_SCHEMAS},
        }
    )


@bp.get("/search")
@search_limits
def search():
    results = search_service.search(current_user, **search_api.search_args())
    if results.unavailable:
        return jsonify({"error": "search_unavailable", "reason": results.reason}), 503
    return jsonify(search_api.results_json(results))
