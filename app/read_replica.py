"""``DATABASE_READ_URL``: search and listing reads on a replica, everything else on the primary.

A read goes to the replica only when it cannot miss this request's own writes: in a GET or HEAD
request whose session has not written anything yet. A POST, or a GET that has already flushed or
executed a write (marking a thread read, counting a view), reads from the primary through the
session, inside a savepoint, so it sees its own uncommitted changes and a failed read cannot
spoil the request's transaction. Without ``DATABASE_READ_URL`` every read uses the primary.

A replica lags its primary by a little: a page read there may miss a change committed a moment
ago by another request. Search already lags by the outbox's drain time, and listings are
refreshed on the next request; pages that must show a change just made (after a redirect) are
the writing request's own, or its detail page, which reads the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context, has_request_context, request
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import ORMExecuteState, Session

from .extensions import db

WROTE_KEY = "smhn_wrote"
READ_SESSION_KEY = "smhn_read_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def init_app(app: Flask) -> None:
    url = app.config.get("DATABASE_READ_URL")
    if url:
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        app.extensions["read_engine"] = create_engine(url, **options)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_execute)
    app.teardown_appcontext(_close_read_session)


def _after_flush(session: Session, _context: object) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[WROTE_KEY] = True


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE_KEY] = True


def read_engine() -> Engine | None:
    return current_app.extensions.get("read_engine") if has_app_context() else None


def may_use_replica() -> bool:
    """True when this read can go to the replica without missing the request's own writes."""
    if read_engine() is None or not has_request_context():
        return False
    if request.method not in SAFE_METHODS:
        return False
    return not db.session().info.get(WROTE_KEY, False)


@contextmanager
def read_connection() -> Iterator[Connection]:
    """A connection for a read-only query: the replica when safe, else the primary (see above)."""
    engine = read_engine()
    if engine is not None and may_use_replica():
        with engine.connect() as conn:
            yield conn
        return
    if db.session().info.get(WROTE_KEY) or (has_request_context() and request.method not in SAFE_METHODS):
        with db.session.begin_nested():
            yield db.session.connection()
        return
    with db.engine.connect() as conn:
        yield conn


def read_session() -> Session:
    """A session for listing reads: bound to the replica when safe, else the request's own session.

    Objects it returns are for display only; a view that changes data loads it from ``db.session``.
    """
    if not may_use_replica():
        return db.session()
    from flask import g

    session = g.get(READ_SESSION_KEY)
    if session is None:
        session = Session(bind=read_engine(), autoflush=False, expire_on_commit=False)
        setattr(g, READ_SESSION_KEY, session)
    return session


def _close_read_session(_error: BaseException | None = None) -> None:
    from flask import g

    session = g.pop(READ_SESSION_KEY, None)
    if session is not None:
        session.close()
