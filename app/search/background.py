"""The embedded default: this process drains the outbox itself, in a background thread.

A commit that wrote outbox rows wakes the thread (an ``after_commit`` session event); the thread
syncs without waiting for the writer lock, so a request never waits on the index and a busy lock
only delays rows. Idle, the thread still looks for rows now and then (written by other processes,
or left by a crash). With ``SEARCH_AUTO_SYNC`` off, run ``flask search worker`` instead.

Only a serving process drains: the thread starts with the first request, and commits outside a
request (CLI commands such as the seed or the importer) leave their rows for the running
server, ``flask search sync`` or ``reindex`` — a batch job never competes with its own drainer
for SQLite's write lock.
"""

from __future__ import annotations

import logging
import os
import threading

from flask import Flask, current_app, has_request_context
from sqlalchemy import event

from ..extensions import db

log = logging.getLogger(__name__)

PENDING_KEY = "search_pending"
IDLE_POLL_SECONDS = 5.0
BUSY_RETRY_SECONDS = 0.2
FAILURE_RETRY_SECONDS = 2.0


class BackgroundSync:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.event = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None
        self.stopping = False
        self._start_lock = threading.Lock()

    def wake(self) -> None:
        self._ensure_started()
        self.event.set()

    def wake_once_serving(self) -> None:
        """First request of this process: drain what was left while nobody served."""
        if self.thread is None or self.pid != os.getpid():
            self.wake()

    def _ensure_started(self) -> None:
        with self._start_lock:
            alive = self.thread is not None and self.thread.is_alive() and self.pid == os.getpid()
            if alive or self.stopping:
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self._run, name="search-sync", daemon=True)
            self.thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping = True
        self.event.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def _run(self) -> None:
        from .indexer import sync

        while not self.stopping:
            self.event.wait(IDLE_POLL_SECONDS)
            self.event.clear()
            if self.stopping:
                break
            retry_in = None
            with self.app.app_context():
                try:
                    report = sync(lock_timeout=0)
                    if report.busy:
                        retry_in = BUSY_RETRY_SECONDS
                    elif report.failed:
                        retry_in = FAILURE_RETRY_SECONDS
                except Exception:
                    log.exception("search: background sync failed; the rows stay for the next attempt")
                    retry_in = FAILURE_RETRY_SECONDS
                finally:
                    db.session.remove()
            if retry_in is not None and not self.stopping:
                self.event.wait(retry_in)
                self.event.set()


def init_app(app: Flask) -> None:
    if app.config.get("SEARCH_AUTO_SYNC"):
        background = app.extensions["search_sync"] = BackgroundSync(app)
        app.before_request(background.wake_once_serving)
    _listen_once()


def mark_pending() -> None:
    """Called by ``outbox.enqueue``: this transaction changes the index once committed."""
    db.session.info[PENDING_KEY] = True


def wake(app: Flask | None = None) -> None:
    app = app or current_app
    background = app.extensions.get("search_sync")
    if background is not None:
        background.wake()


def _after_commit(session) -> None:
    if session.info.pop(PENDING_KEY, False) and has_request_context():
        wake()


def _listen_once() -> None:
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", _after_rollback)


def _after_rollback(session, previous_transaction) -> None:
    session.info.pop(PENDING_KEY, None)
