"""``SEARCH_BACKEND=postgres``: the search index as tables in the application's PostgreSQL database.

For deployments on several machines: every web node reads the same index (on a replica when
``DATABASE_READ_URL`` is set), and any number of ``flask search worker`` processes write it.
Tables: ``pg_schema``; documents → rows: ``pg_writer``; queries: ``pg_search``; text analysis
shared with the Whoosh backend: ``pg_text``.

Writers: outbox syncs hold a *shared* advisory lock (many at once, kept apart per document by
``pg_writer``); a rebuild holds it *exclusively*, so no sync writes the live tables while the new
ones are filled and the rows queued meanwhile are applied to the new tables before the swap.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from ..extensions import db
from ..read_replica import read_connection
from . import pg_schema, pg_search, pg_writer
from .backend import Hit, SearchOutcome, SearchRequest, SearchUnavailable
from .documents import SearchDocument

WRITER_LOCK_KEY = 0x534D484E  # "SMHN"
LOCK_POLL_SECONDS = 0.05
NOT_BUILT = "the PostgreSQL search index has not been built yet: run `flask search reindex`"


class PostgresBackend:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self._ready = False

    # --- writing ---

    @contextmanager
    def writer_lock(self, timeout: float, exclusive: bool = False) -> Iterator[bool]:
        function = "pg_try_advisory_lock" if exclusive else "pg_try_advisory_lock_shared"
        release = "pg_advisory_unlock" if exclusive else "pg_advisory_unlock_shared"
        with db.engine.connect() as conn:
            deadline = time.monotonic() + max(timeout, 0.0)
            while True:
                acquired = conn.execute(text(f"SELECT {function}(:key)"), {"key": WRITER_LOCK_KEY}).scalar_one()
                conn.commit()
                if acquired or time.monotonic() >= deadline:
                    break
                time.sleep(LOCK_POLL_SECONDS)
            try:
                yield bool(acquired)
            finally:
                if acquired:
                    conn.execute(text(f"SELECT {release}(:key)"), {"key": WRITER_LOCK_KEY})
                    conn.commit()

    def ensure_schema(self) -> None:
        """Create the live tables if missing, in the session's transaction."""
        if not self._ready:
            conn = db.session.connection()
            if not pg_schema.exists(conn):
                pg_schema.ensure(conn)
            self._ready = True

    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str], target: str | None = None) -> None:
        """Write in the caller's transaction (the indexer commits it with the outbox rows it claimed)."""
        if target is None:
            self.ensure_schema()
        pg_writer.apply(db.session.connection(), target or pg_schema.LIVE, upserts, deletes)

    def build(self, documents: Iterable[SearchDocument], progress: Callable[[int], None]) -> str:
        pg_writer.build(db.engine.begin, documents, progress)
        return pg_schema.BUILD

    def activate(self, name: str) -> None:
        with db.engine.begin() as conn:
            pg_schema.swap_in_build(conn)
        self._ready = True

    def discard(self, name: str) -> None:
        with db.engine.begin() as conn:
            pg_schema.drop(conn, pg_schema.BUILD)

    def drop(self) -> None:
        """Remove every search table (tests; a deployment switching back to Whoosh)."""
        with db.engine.begin() as conn:
            pg_schema.drop_all(conn)
        self._ready = False

    # --- reading ---

    def search(self, request: SearchRequest) -> SearchOutcome:
        return self._read(lambda conn: pg_search.search(conn, pg_schema.names(pg_schema.LIVE), request))

    def more_like_this(self, key: str, audiences: tuple[str, ...], limit: int) -> list[Hit]:
        tables = pg_schema.names(pg_schema.LIVE)
        return self._read(lambda conn: pg_search.more_like_this(conn, tables, key, audiences, limit))

    def entries(self) -> Iterator[tuple[str, str]]:
        with db.engine.connect() as conn:
            if not pg_schema.exists(conn):
                return
            yield from conn.execute(text(f"SELECT key, digest FROM {pg_schema.LIVE}_documents ORDER BY key")).all()

    def _read(self, run: Callable[[Any], Any]) -> Any:
        try:
            with read_connection() as conn:
                return run(conn)
        except ProgrammingError as error:
            if getattr(error.orig, "sqlstate", None) != "42P01":  # not "undefined table"
                raise SearchUnavailable(
                    f"the search query failed in PostgreSQL ({type(error.orig).__name__})"
                ) from error
        except DBAPIError as error:
            raise SearchUnavailable(f"PostgreSQL is not answering ({type(error.orig).__name__})") from error
        # Nothing was ever indexed (a new network): create the empty tables, as Whoosh creates an
        # empty index, then ask again; if that is impossible too, say why.
        try:
            with db.engine.begin() as conn:
                pg_schema.ensure(conn)
            with read_connection() as conn:
                return run(conn)
        except ProgrammingError as error:
            if getattr(error.orig, "sqlstate", None) == "42P01":
                raise SearchUnavailable(NOT_BUILT) from error
            raise SearchUnavailable(f"the search query failed in PostgreSQL ({type(error.orig).__name__})") from error
        except DBAPIError as error:
            raise SearchUnavailable(f"PostgreSQL is not answering ({type(error.orig).__name__})") from error
