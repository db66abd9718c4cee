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
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from .extensions import db

log = logging.getLogger(__name__)

_QUEUE_KEY = "smhn_after_commit"


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


def register_request_transaction(app: Flask) -> None:
    """One unit of work per request: commit once when the view answered below 400, else roll back.

    A failed commit propagates, so the client gets the error page and nothing half-done is kept.
    """

    @app.after_request
    def finish_unit_of_work(response: Response) -> Response:
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response
