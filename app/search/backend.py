"""The search engine behind a small interface, so another backend can follow without touching callers.

Callers (``indexer``, ``service``, ``cli``) only use :class:`SearchBackend` and the plain data
classes below. ``SEARCH_BACKEND=whoosh`` (the default) keeps an index directory on this machine;
``SEARCH_BACKEND=postgres`` keeps the index in tables of the application's PostgreSQL database,
for deployments on several machines (``postgres_backend.py``). One contract test suite runs
against both (``tests/search``), so they cannot drift.
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


class SearchUnavailable(RuntimeError):
    """The search engine cannot answer (not built, misconfigured, unreachable); ``str()`` says why.

    Callers answer loudly: the API with 503 and the reason, the CLI with a non-zero exit, the
    page with 503 — never an empty result that looks like "nothing found".
    """


class SearchBackend(Protocol):
    # --- writing (one writer at a time) ---
    def writer_lock(self, timeout: float, exclusive: bool = False) -> AbstractContextManager[bool]:
        """``exclusive``: a rebuild (no other writer at all); otherwise an outbox sync, which a
        backend may let run beside other syncs."""

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
        problem = configuration_problem(name, app.config["SQLALCHEMY_DATABASE_URI"])
        if problem:
            raise SearchUnavailable(problem)
        if name == "postgres":
            from .postgres_backend import PostgresBackend

            state = PostgresBackend(app)
        else:
            from .whoosh_backend import WhooshBackend

            state = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
        app.extensions["search_backend"] = state
    return state


BACKENDS = ("whoosh", "postgres")


def configuration_problem(name: str, database_url: str) -> str | None:
    """Why ``SEARCH_BACKEND`` cannot work with this database, or None (checked when the app starts)."""
    if name not in BACKENDS:
        return f"SEARCH_BACKEND={name!r} is not a search backend; use one of {', '.join(BACKENDS)}"
    if name == "postgres" and not database_url.startswith("postgresql"):
        return "SEARCH_BACKEND=postgres needs a PostgreSQL DATABASE_URL (postgresql+psycopg://…)"
    return None
