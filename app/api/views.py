"""The versioned JSON API: the same services as the HTML pages, JSON in and out.

The operations live in ``library_views``, ``discussion_views`` and ``network_views`` (declared
with ``operations.operation``); search and the OpenAPI document are here. ``tokens_bp`` serves
the members' page of personal access tokens.
"""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from ..search import service as search_service
from ..search.limits import search_limits
from . import discussion_views, library_views, network_views  # noqa: F401 (they add routes to bp)
from . import search as search_api
from .blueprint import bp
from .openapi import document
from .token_views import tokens_bp

blueprints = (bp, tokens_bp)


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/search")
@search_limits
def search():
    results = search_service.search(current_user, **search_api.search_args())
    if results.unavailable:
        return jsonify({"error": "search_unavailable", "reason": results.reason}), 503
    return jsonify(search_api.results_json(results))
