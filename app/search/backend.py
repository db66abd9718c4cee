"""The search engine behind a small interface, so another backend can follow without touching callers.

Callers (``indexer``, ``service``, ``cli``) only use :class:`SearchBackend` and the plain data
classes below. ``SEARCH_BACKEND=whoosh`` (the default, an index directory on this machine) is the
one implemented; a PostgreSQL full-text backend for deployments on several machines would
implement the same methods (its writer lock an advisory lock, its index a table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from flask import Flask, current_app
from markupsafe import Markup

from .documents import SearchDocument
from .query import ParsedQuery

SORTS = ("relevance", "newest")


@dataclass
class SearchRequest:
    """One query as one audience may run it.

    Every backend must draw anything *derived* from indexed text (did-you-mean, completions,
    related terms, facet values, snippets) only from live documents whose audience is in
    ``vocabulary`` (SECURITY.md 40): a word that occurs only in a members-only, hidden or
    deleted item must be neither offered nor treated as known. The service sets it from the
    searcher's audiences.
    """

    query: ParsedQuery
    audiences: tuple[str, ...]  # "public", and "members" for members
    vocabulary: tuple[str, ...] = ("public",)
    filters: dict[str, list[str]] = field(default_factory=dict)  # dimension → any of these values
    excluded: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    snippets: bool = True


@dataclass
class Hit:
    key: str  # "resource:12"
    type: str
    id: int
    title: str
    title_html: Markup
    url: str
    label: str
    snippet: Markup
    score: float | None
    date: datetime | None
    kind: str = ""
    org: str = ""
    org_name: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchOutcome:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None


class IndexBusy(RuntimeError):
    """Another writer holds the index; the caller leaves its work for later."""


class SearchBackend(Protocol):
    # --- writing (one writer at a time) ---
    def writer_lock(self, timeout: float) -> AbstractContextManager[bool]: ...

    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str], target: str | None = None) -> None:
        """Add or replace ``upserts`` and remove ``deletes`` (keys) in the live index or ``target``."""

    def build(self, documents: Iterable[SearchDocument], progress: Callable[[int], None]) -> str:
        """Write a complete new index beside the live one; returns its name (not yet live)."""

    def activate(self, name: str) -> None:
        """Make a built index the live one, atomically."""

    def discard(self, name: str) -> None: ...

    # --- reading ---
    def search(self, request: SearchRequest) -> SearchOutcome: ...

    def more_like_this(self, key: str, audiences: tuple[str, ...], limit: int) -> list[Hit]: ...

    def entries(self) -> Iterator[tuple[str, str]]:
        """Every (key, digest) in the live index, for ``check``."""


def get_backend(app: Flask | None = None) -> SearchBackend:
    app = app or current_app
    state = app.extensions.get("search_backend")
    if state is None:
        name = app.config.get("SEARCH_BACKEND", "whoosh")
        if name != "whoosh":
            raise RuntimeError(f"SEARCH_BACKEND={name!r} is not available; use 'whoosh'")
        from .whoosh_backend import WhooshBackend

        state = app.extensions["search_backend"] = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    return state
