"""Template globals shared by every page: pagination links, the site's name and counted nouns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, request, url_for

from .local_time import register_local_time
from .text import plural

PER_PAGE_MAX = 100


@dataclass(frozen=True)
class Page:
    """One page of results, with everything a template needs to draw the pager."""

    items: list[Any]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_number(value: Any, default: int = 1, maximum: int = 10_000) -> int:
    """A page number from user input, clamped to 1..maximum (never raises)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), maximum)


def url_with_page(page: int) -> str:
    """The current URL with ``page`` replaced and every other query argument kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    values: dict[str, Any] = {**(request.view_args or {}), **args}
    return url_for(request.endpoint or "", **values)


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals["url_with_page"] = url_with_page
    app.jinja_env.globals["plural"] = plural
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    register_local_time(app)
