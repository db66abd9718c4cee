"""``GET /api/v1/search``: the search page's results as JSON (docs/DESIGN.md "Contracts")."""

from __future__ import annotations

from typing import Any

from flask import request

from ..search import service
from ..search.backend import Hit
from ..templating import page_number


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "type": hit.type,
        "title": hit.title,
        "url": hit.url,
        "snippet": str(hit.snippet),
        "score": hit.score,
        "label": hit.label,
        "kind": hit.kind or None,
        "organisation": {"slug": hit.org, "name": hit.org_name} if hit.org else None,
        "date": hit.date.isoformat() if hit.date else None,
    }


def results_json(results: service.SearchResults) -> dict[str, Any]:
    return {
        "query": results.query,
        "truncated": results.truncated,
        "terms_cut": results.terms_cut,
        "total": results.total,
        "page": results.page.page,
        "per_page": results.page.per_page,
        "pages": results.page.pages,
        "sort": results.sort,
        "suggestion": results.suggestion,
        "results": [hit_json(hit) for hit in results.hits],
        "facets": {
            dim: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for dim, values in results.facets.items()
        },
    }


def search_args() -> dict[str, Any]:
    """The query string of ``/api/v1/search`` as keyword arguments for ``service.search``."""
    return {
        "text": request.args.get("q", ""),
        "filters": {name: request.args.getlist(name) for name in service.FILTER_PARAMS},
        "page": page_number(request.args.get("page"), maximum=service.MAX_RESULTS),
        "per_page": page_number(request.args.get("per_page"), default=service.PER_PAGE, maximum=service.MAX_PER_PAGE),
        "sort": request.args.get("sort", "relevance"),
    }


OPENAPI_SEARCH = {
    "get": {
        "summary": "Search the library, discussions, member organisations, events and courses",
        "description": (
            "Results the caller may see (visitors: public items only). Words side by side rank items "
            'containing all of them first; "phrases", AND, OR, NOT, -word and the filters kind:, '
            "topic:, platform:, org:, tag: work inside q too. Visitors are rate limited."
        ),
        "operationId": "search",
        "parameters": [
            {
                "name": "q",
                "in": "query",
                "schema": {"type": "string", "maxLength": 256},
                "description": "The query; longer text is cut to 256 characters (truncated: true).",
            },
            {
                "name": "type",
                "in": "query",
                "schema": {"type": "string", "enum": ["resource", "thread", "organisation", "event", "course"]},
            },
            {
                "name": "kind",
                "in": "query",
                "schema": {"type": "string"},
                "description": (
                    "Resource kind: guide, toolkit, policy_template, case_study, webinar, research, link, other."
                ),
            },
            {"name": "topic", "in": "query", "schema": {"type": "string"}, "description": "Topic slug."},
            {
                "name": "platform",
                "in": "query",
                "schema": {"type": "string"},
                "description": "Platform slug: facebook, x, linkedin, youtube, instagram, tiktok, threads, bluesky…",
            },
            {"name": "org", "in": "query", "schema": {"type": "string"}, "description": "Organisation slug."},
            {"name": "tag", "in": "query", "schema": {"type": "string"}},
            {"name": "year", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
            {
                "name": "sort",
                "in": "query",
                "schema": {"type": "string", "enum": ["relevance", "newest"], "default": "relevance"},
            },
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
            {
                "name": "per_page",
                "in": "query",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": service.MAX_PER_PAGE,
                    "default": service.PER_PAGE,
                },
            },
        ],
        "responses": {
            "200": {
                "description": "One page of results with facet counts",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResults"}}},
            },
            "429": {"description": "Too many searches from this address (visitors)"},
            "503": {
                "description": "The search engine cannot answer; `reason` says why (never an empty 200)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unavailable"}}},
            },
        },
    }
}

SCHEMAS = {
    "Unavailable": {
        "type": "object",
        "required": ["error", "reason"],
        "properties": {"error": {"type": "string", "enum": ["search_unavailable"]}, "reason": {"type": "string"}},
    },
    "SearchHit": {
        "type": "object",
        "required": ["id", "type", "title", "url", "snippet", "score"],
        "properties": {
            "id": {"type": "integer"},
            "type": {"type": "string", "enum": ["resource", "thread", "organisation", "event", "course"]},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "Local path of the item"},
            "snippet": {
                "type": "string",
                "description": "Escaped text; <mark> around matches is the only markup",
            },
            "score": {"type": ["number", "null"], "description": "Relevance (null when sorted by date)"},
            "label": {"type": "string"},
            "kind": {"type": ["string", "null"]},
            "organisation": {
                "type": ["object", "null"],
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
            },
            "date": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "FacetValue": {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
        },
    },
    "SearchResults": {
        "type": "object",
        "required": ["total", "results", "facets"],
        "properties": {
            "query": {"type": "string"},
            "truncated": {"type": "boolean"},
            "terms_cut": {
                "type": "boolean",
                "description": "More terms than one search weighs; the rest were left out.",
            },
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "pages": {"type": "integer"},
            "sort": {"type": "string"},
            "suggestion": {"type": ["string", "null"], "description": "Did you mean"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {
                "type": "object",
                "description": "type, kind, topic, platform, org, year → values with counts",
                "additionalProperties": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/FacetValue"},
                },
            },
        },
    },
}
