"""The search page: ``/search?q=…`` with type tabs, facets, sorting and pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from ..templating import page_number
from . import service
from .limits import retry_after_seconds, search_limits
from .query import MAX_QUERY_LENGTH

bp = Blueprint("search", __name__, url_prefix="/search")


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Tab:
    label: str
    url: str
    count: int | None
    selected: bool


def _args_without(name: str) -> dict[str, list[str]]:
    args = {key: request.args.getlist(key) for key in request.args if key not in ("page", name)}
    return args


def _url(args: dict[str, list[str]]) -> str:
    # Built by hand rather than url_for: a results page has dozens of facet links.
    query = urlencode([(key, value) for key, values in args.items() for value in values], doseq=False)
    return url_for("search.search") + (f"?{query}" if query else "")


def _toggle_url(name: str, value: str, selected: bool) -> str:
    args = _args_without(name)
    values = [v for v in request.args.getlist(name) if v != value]
    args[name] = values if selected else [*values, value]
    return _url(args)


def facet_links(results: service.SearchResults) -> dict[str, list[FacetLink]]:
    links: dict[str, list[FacetLink]] = {}
    for dim, values in results.facets.items():
        if dim == "type":
            continue
        chosen = results.filters.get(dim, [])
        links[dim] = [
            FacetLink(
                value.label,
                value.count,
                _toggle_url(dim, value.value, value.value in chosen),
                value.value in chosen,
            )
            for value in values
        ]
    return links


def type_tabs(results: service.SearchResults) -> list[Tab]:
    counts = {value.value: value.count for value in results.facets.get("type", [])}
    chosen = results.filters.get("type", [])
    tabs = [Tab("Everything", _url(_args_without("type")), None, not chosen)]
    for value, label in service.TYPE_LABELS.items():
        args = _args_without("type")
        args["type"] = [value]
        tabs.append(Tab(label, _url(args), counts.get(value, 0) if not chosen else None, chosen == [value]))
    return tabs


def sort_links(results: service.SearchResults) -> list[Tab]:
    links = []
    for value, label in (("relevance", "Best match"), ("newest", "Newest")):
        args = _args_without("sort")
        if value != "relevance":
            args["sort"] = [value]
        links.append(Tab(label, _url(args), None, results.sort == value))
    return links


def hidden_filters(filters: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The chosen filters as (name, value) pairs for the search box's hidden fields (one type at most)."""
    pairs = [(name, value) for name, values in filters.items() if name != "type" for value in values]
    return pairs + [("type", value) for value in filters.get("type", [])[:1]]


def suggestion_url(results: service.SearchResults) -> str | None:
    if not results.suggestion:
        return None
    args = _args_without("q")
    args["q"] = [results.suggestion]
    return _url(args)


@bp.get("")
@search_limits
def search():
    results = service.search(
        current_user,
        request.args.get("q", ""),
        {name: request.args.getlist(name) for name in service.FILTER_PARAMS},
        page=page_number(request.args.get("page"), maximum=service.MAX_RESULTS),
        sort=request.args.get("sort", "relevance"),
    )
    context: dict[str, Any] = {
        "results": results,
        "facets": facet_links(results),
        "facet_titles": service.FACET_TITLES,
        "tabs": type_tabs(results),
        "sorts": sort_links(results),
        "suggestion_url": suggestion_url(results),
        "hidden_filters": hidden_filters(results.filters),
        "chosen_count": sum(len(values) for name, values in results.filters.items() if name != "type"),
        "max_length": MAX_QUERY_LENGTH,
        "header_query": results.query,
    }
    # Unavailable is an outage, not "nothing found": monitors and clients see a 503.
    return render_template("search/results.html", **context), 503 if results.unavailable else 200


@bp.errorhandler(429)
def too_many_searches(_error: Exception):
    """The limit's page keeps the search (box and filters), says when to retry and that signing in lifts it."""
    wait = retry_after_seconds()
    query = request.args.get("q", "")[:MAX_QUERY_LENGTH]
    filters = {name: request.args.getlist(name)[:20] for name in service.FILTER_PARAMS if name in request.args}
    html = render_template(
        "search/too_many.html",
        query=query,
        hidden_filters=hidden_filters(filters),
        max_length=MAX_QUERY_LENGTH,
        header_query=query,
        wait=wait,
        sign_in_url=url_for("accounts.login", next=request.full_path.rstrip("?")),
    )
    return html, 429, {"Retry-After": str(wait)}
