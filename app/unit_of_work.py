"""Effects that must follow a commit: queued while a transaction is open, run once it commits.

Sending an e-mail, waking the search drainer or deleting a stored file must not happen for a
change that is later rolled back. Code that causes such an effect calls :func:`after_commit`
instead of doing it at once. The callbacks run right after the outermost transaction of the
session commits, in the order they were queued; a rollback (of the whole transaction, or of the
savepoint they were queued in) drops them.

A callback runs when the session is between transactions and must not use the session: it
starts threads, touches files or wakes workers. Work that needs the database is written to a
table in the same transaction instead (the search outbox, the mail outbox, the job queue).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, Response, g, request, session
from flask.typing import ResponseReturnValue
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction
from werkzeug.exceptions import HTTPException

from . import retry
from .extensions import db

log = logging.getLogger(__name__)

_QUEUE_KEY = "smhn_after_commit"
_KEEP_KEY = "smhn_keep_despite_refusal"
# Each attempt may already have waited SQLite's busy timeout: a request gives up sooner than a batch.
REQUEST_ATTEMPTS = 3


@dataclass(frozen=True)
class _Queued:
    transaction: SessionTransaction
    callback: Callable[[], None]


def after_commit(callback: Callable[[], None], *, session: Session | None = None) -> None:
    """Run ``callback`` once the current transaction commits; never if it rolls back."""
    target = session if session is not None else db.session()
    transaction = target.get_nested_transaction() or target.get_transaction()
    if transaction is None:
        transaction = target.begin()
    target.info.setdefault(_QUEUE_KEY, []).append(_Queued(transaction, callback))


def pending_effects(session: Session | None = None) -> int:
    """How many effects wait for the commit (for tests and logging)."""
    target = session if session is not None else db.session()
    return len(target.info.get(_QUEUE_KEY, []))


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    queued: list[_Queued] = session.info.get(_QUEUE_KEY, [])
    if queued:
        session.info[_QUEUE_KEY] = [q for q in queued if not _within(q.transaction, previous_transaction)]


@event.listens_for(Session, "after_commit")
def _run_committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: the real commit is still to come
        return
    queued: list[_Queued] = session.info.pop(_QUEUE_KEY, [])
    for item in queued:
        try:
            item.callback()
        except Exception:  # one failing effect must not stop the others or undo the commit
            log.exception("after-commit effect %r failed", item.callback)


@contextmanager
def attempt() -> Iterator[None]:
    """Run a service call that may refuse (``ValidationError``…) in a savepoint.

    If the block raises, only its own changes and queued effects are undone, the objects it
    touched are reloaded from the database, and the error propagates for the view to show. The
    request's earlier work stays in its unit of work. Views use it where they answer a refusal
    with a redirect (below 400, so the unit of work commits) or re-render loaded objects.
    """
    with db.session.begin_nested():
        yield


def register_request_transaction(app: Flask) -> None:
    """One unit of work per request: commit once when the view answered below 400, else roll back.

    The view and the commit run together: if the database turns the unit away for a busy
    moment (SQLite's lock stayed taken, a PostgreSQL deadlock or serialization failure), the
    transaction is rolled back, the session cookie put back as the browser sent it, and the view
    runs again — a few times, with growing pauses (``app/retry.py``). A unit that still cannot
    be saved answers 503 with the site's error page; nothing half-done is kept. Any other failed
    commit is an error (500), also with the session cookie as it came.
    """
    dispatch_view = app.dispatch_request

    def dispatch_and_commit() -> ResponseReturnValue:
        for attempt_number in range(1, REQUEST_ATTEMPTS + 1):
            try:
                response = app.make_response(dispatch_view())
                _finish(response)
                return response
            except DBAPIError as error:
                db.session.info.pop(_KEEP_KEY, None)
                db.session.rollback()
                _restore_session(app)
                if not retry.is_transient(error):
                    raise
                if attempt_number == REQUEST_ATTEMPTS:
                    log.warning("request %s %s: the database stayed busy; answered 503", request.method, request.path)
                    raise DatabaseBusy() from error
                _rewind_uploads()
                threading.Event().wait(retry.pause_before(attempt_number + 1))
        raise AssertionError("unreachable")

    app.dispatch_request = dispatch_and_commit  # type: ignore[method-assign]

    @app.after_request
    def finish_unit_of_work(response: Response) -> Response:
        """Error answers built outside the view (error handlers, before_request refusals)."""
        _finish(response)
        return response


def keep_despite_refusal() -> None:
    """Let this request's writes stand although it answers 4xx (a 5xx still rolls back).

    For a refusal that must leave a trace, e.g. a failed sign-in counted toward a lockout.
    """
    db.session.info[_KEEP_KEY] = True


def _finish(response: Response) -> None:
    keep = db.session.info.pop(_KEEP_KEY, False)
    if response.status_code < 400 or (keep and response.status_code < 500):
        _commit(keep_loaded=request.method in ("GET", "HEAD"))
    else:
        db.session.rollback()
    # What runs after this (headers, the session cookie, templates of error pages) only reads.
    g.unit_of_work_finished = True


def _commit(*, keep_loaded: bool) -> None:
    """Commit; a reading request keeps its loaded objects (its page is already built).

    Expiring them would make the answer's last steps (headers, the session cookie) load the
    signed-in user and their memberships again: two statements per page for nothing.
    """
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = expire and not keep_loaded
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def _restore_session(app: Flask) -> None:
    """Forget what the failed attempt did to the session (sign-in, flashed messages)."""
    as_sent = app.session_interface.open_session(app, request)
    session.clear()
    session.update(as_sent or {})
    g.pop("_login_user", None)


def _rewind_uploads() -> None:
    for upload in request.files.values():
        upload.stream.seek(0)


class DatabaseBusy(HTTPException):
    code = 503
    description = "The site is very busy right now and nothing was saved. Please try again in a moment."
