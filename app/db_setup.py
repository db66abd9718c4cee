"""Database engine settings that differ by dialect, and SQLite's write transactions.

SQLite in WAL mode lets readers run beside one writer, but a transaction that first reads and
then writes fails at once ("database is locked") if another connection committed in between:
its snapshot is stale and no busy timeout helps. So a request that may change data (POST, PUT,
PATCH, DELETE) starts its transaction with ``BEGIN IMMEDIATE``: it takes the write lock up
front, waits its turn for up to the busy timeout, and then reads and writes consistently.
Writing requests are serialised on the embedded database — the price of the one-file
deployment; PostgreSQL (``DATABASE_URL``) has no such limit.

Reading requests (GET, HEAD, OPTIONS) never take the lock: their statements read the latest
committed data, so a page is never held up by a writer. What reading pages record (view
counts, read markers, the search log) is written later by ``app/telemetry.py``. Work outside a
request (CLI commands, the drainer, the telemetry flusher, tests) behaves as Python's sqlite3
always did: reads see the latest commits, and ``BEGIN`` is sent just before the first statement
that writes, so it waits for the lock instead of failing on a stale snapshot. Code outside a
request that must read and then write consistently opts in with :func:`write_transaction`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import CursorResult, Engine, Result

from .extensions import db

_immediate = ContextVar("sqlite_begin_immediate", default=False)
_BEGUN = "smhn_sqlite_transaction_begun"
_READS = frozenset({"SELECT", "PRAGMA"})
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _wants_write_lock() -> bool:
    return _immediate.get() or (has_request_context() and request.method not in READING_METHODS)


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run a short writing transaction: the current one is committed first, and on SQLite the
    new one takes the write lock before its first read. The caller commits inside the block."""
    db.session.commit()
    token = _immediate.set(True)
    try:
        yield
    finally:
        _immediate.reset(token)


def configure_sqlite(app: Flask) -> None:
    """SQLite: WAL, enforced foreign keys, a busy timeout, and BEGIN IMMEDIATE for writers."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine: Engine = db.engine
    busy_timeout_ms = int(app.config.get("SQLITE_BUSY_TIMEOUT_MS", 10_000))
    in_memory = (
        ":memory:" in app.config["SQLALCHEMY_DATABASE_URI"] or app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    )

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection, _record) -> None:
        # pysqlite's own BEGIN handling is off; the "begin" listener below emits it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        if _wants_write_lock():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.info[_BEGUN] = True
        else:
            connection.info[_BEGUN] = False

    @event.listens_for(engine, "before_cursor_execute")
    def begin_before_first_write(connection, cursor, statement, parameters, context, executemany) -> None:
        if connection.info.get(_BEGUN) is False and statement.lstrip()[:6].upper() not in _READS:
            cursor.execute("BEGIN")
            connection.info[_BEGUN] = True

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def transaction_ended(connection) -> None:
        connection.info.pop(_BEGUN, None)


def rows_affected(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (its result is a ``CursorResult`` at run time)."""
    return cast(CursorResult[Any], result).rowcount or 0
