"""Searching as a given person: what they may see, filters from the page, paging, the search log.

``search(actor, text, filters, page)`` is shared by the HTML page, the JSON API and the CLI. It
never raises for anything typed: unreadable syntax is read as words, an over-long query is cut
(``truncated``). An engine that cannot answer sets ``unavailable`` with a ``reason``, which every
caller turns into a loud failure (HTTP 503, a non-zero exit), never into "nothing found".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from ..library.models import KIND_LABELS
from ..library.visibility import search_audiences
from ..page_cache import remembered
from ..templating import Page
from .backend import SORTS, FacetValue, Hit, SearchRequest, SearchUnavailable, get_backend
from .cost import bound_terms
from .documents import doc_key
from .freshness import fresh_hits
from .log import log_search
from .query import FILTER_FIELDS, normalise_filter, parse

log = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PER_PAGE = 50
# Nobody reads past this many results; deeper pages cost more to rank (docs/SECURITY.md 37).
MAX_RESULTS = 1000
FILTER_PARAMS = (*FILTER_FIELDS, "year")
MAX_FILTER_VALUES = 10
TYPE_LABELS = {
    "resource": "Library",
    "thread": "Discussions",
    "organisation": "Organisations",
    "event": "Events",
    "course": "Courses",
}
FACET_TITLES = {
    "type": "Type",
    "kind": "Kind",
    "topic": "Topic",
    "platform": "Platform",
    "org": "Organisation",
    "year": "Year",
}


@dataclass
class SearchResults:
    query: str
    truncated: bool = False
    terms_cut: bool = False  # more terms than SEARCH_MAX_TERMS: the rest were left out (cost.py)
    empty: bool = True  # nothing asked: no words and no filters
    unavailable: bool = False
    reason: str = ""  # why the engine could not answer (for operators; safe to show)
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: Page = field(default_factory=lambda: Page([], 0, 1, PER_PAGE))


def audiences_for(actor: Any) -> tuple[str, ...]:
    """Visitors and signed-in people without an approved organisation see public items only."""
    return search_audiences(actor)


def clean_filters(raw: dict[str, Any] | None) -> dict[str, list[str]]:
    """Filters from a URL or the API: known names only, normalised, a few values each."""
    filters: dict[str, list[str]] = {}
    for name in FILTER_PARAMS:
        values = (raw or {}).get(name) or []
        if isinstance(values, str):
            values = [values]
        kept: list[str] = []
        for value in values[:MAX_FILTER_VALUES]:
            if not isinstance(value, str):
                continue
            value = _normalise(name, value[:200])
            if value and value not in kept:
                kept.append(value)
        if kept:
            filters[name] = kept
    return filters


def _normalise(name: str, value: str) -> str:
    if name == "year":
        value = value.strip()
        return value if re.fullmatch(r"\d{4}", value) else ""
    return normalise_filter(name, value)


def search(
    actor: Any,
    text: str | None,
    filters: dict[str, Any] | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
    sort: str = "relevance",
    record: bool = True,
) -> SearchResults:
    """Search as ``actor`` may see. ``record``: log the query (first pages only) for the dashboard."""
    parsed = parse(text)
    merged = clean_filters(filters)
    for name, values in parsed.filters.items():
        for value in values:
            if value not in merged.setdefault(name, []):
                merged[name].append(value)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    page = min(max(page, 1), MAX_RESULTS // per_page)
    sort = sort if sort in SORTS else "relevance"
    results = SearchResults(query=parsed.text, truncated=parsed.truncated, filters=merged, sort=sort)
    parsed.root, results.terms_cut = bound_terms(parsed.root, int(current_app.config["SEARCH_MAX_TERMS"]))
    if parsed.root is None and not merged and not parsed.excluded:
        return results
    results.empty = False
    audiences = audiences_for(actor)
    request = SearchRequest(
        query=parsed,
        audiences=audiences,
        vocabulary=audiences,
        filters=merged,
        excluded=parsed.excluded,
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    try:
        outcome = get_backend().search(request)
    except SearchUnavailable as error:
        log.error("search unavailable: %s", error)
        results.unavailable, results.reason = True, str(error)
        return results
    except Exception:
        log.exception("search failed for a query of %d characters", len(parsed.text))
        results.unavailable, results.reason = True, "the search engine failed (see the server log)"
        return results
    hits = fresh_hits(outcome.hits, audiences)
    results.total = max(outcome.total - (len(outcome.hits) - len(hits)), len(hits))
    results.hits = hits
    results.facets = _labelled(outcome.facets)
    results.suggestion = outcome.suggestion
    results.page = Page(hits, min(results.total, MAX_RESULTS), page, per_page)
    if record and page == 1 and parsed.text:
        log_search(parsed.text, outcome.total)
    return results


def _labelled(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    for value in facets.get("type", []):
        value.label = TYPE_LABELS.get(value.value, value.value)
    for value in facets.get("kind", []):
        value.label = KIND_LABELS.get(value.value, value.value)
    return facets


def more_like_this(
    actor: Any, resource_id: int, limit: int = 5, *, exclude: AbstractSet[int] = frozenset()
) -> list[Hit]:
    """Published resources like this one that ``actor`` may see, from the index (never raises).

    ``exclude``: resource ids already shown beside it.
    """
    audiences = audiences_for(actor)
    wanted = limit + len(exclude)

    def similar() -> list[Hit]:
        hits = get_backend().more_like_this(doc_key("resource", resource_id), audiences, wanted)
        return fresh_hits(hits, audiences)

    try:
        # The same for everyone of these audiences until content changes (app/page_cache.py).
        hits = remembered(f"more-like-this:{resource_id}:{wanted}:{','.join(audiences)}", similar)
    except Exception:
        log.exception("more like this failed for resource %s", resource_id)
        return []
    return [hit for hit in hits if hit.id not in exclude][:limit]
