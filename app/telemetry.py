"""Telemetry that reading pages produce (view counts, read markers, the search log), written later.

A GET page must not wait for the database's write lock, nor fail because it is busy. Services
hand such writes to :func:`record` as small callables over plain values (ids, keys, numbers —
never loaded objects); the process keeps them in a bounded buffer and one background thread
writes them in short batches, each batch one transaction, after the pages have been answered.
A batch that finds the database busy is retried with backoff; a write that keeps failing is
logged and dropped: telemetry is best-effort and never turns into an error page.

Outside a serving process (CLI commands, tests) nothing runs in the background: the buffer is
written by :func:`flush`, which tests call explicitly and which also runs at interpreter exit.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import weakref
from collections import deque
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .retry import retry_writes

log = logging.getLogger(__name__)

TelemetryWrite = Callable[[], None]

BATCH = 200
FLUSH_INTERVAL_SECONDS = 1.0
MAX_BUFFERED = 10_000


class TelemetryBuffer:
    """The writes waiting in this process, and the thread that flushes them."""

    def __init__(self, app: Flask, *, background: bool) -> None:
        self.app = app
        self.background = background
        self.pending: deque[TelemetryWrite] = deque()
        self.lock = threading.Lock()
        self.wakeup = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None
        self.dropped = 0

    def add(self, write: TelemetryWrite) -> None:
        with self.lock:
            if len(self.pending) >= MAX_BUFFERED:
                self.pending.popleft()
                self.dropped += 1
                if self.dropped % 1000 == 1:
                    log.warning("telemetry: buffer full, %d oldest writes dropped so far", self.dropped)
            self.pending.append(write)
        if self.background:
            self._ensure_started()
            self.wakeup.set()

    def _take(self) -> list[TelemetryWrite]:
        with self.lock:
            count = min(BATCH, len(self.pending))
            return [self.pending.popleft() for _ in range(count)]

    def flush(self) -> int:
        """Write everything buffered now, in batches; returns how many writes were applied."""
        written = 0
        with self.app.app_context():
            try:
                while batch := self._take():
                    written += self._write(batch)
            finally:
                db.session.remove()
        return written

    def _write(self, batch: list[TelemetryWrite]) -> int:
        """One transaction for the batch; each write in a savepoint, so a write about something
        deleted meanwhile (its row gone) is dropped alone and the others are kept."""
        refused: list[TelemetryWrite] = []

        def apply() -> None:
            refused.clear()
            for write in batch:
                try:
                    with db.session.begin_nested():
                        write()
                except IntegrityError:
                    refused.append(write)
            db.session.commit()

        try:
            retry_writes(apply, what="telemetry batch")
        except Exception:
            log.exception("telemetry: a batch of %d writes failed and was dropped", len(batch))
            db.session.rollback()
            return 0
        if refused:
            log.info("telemetry: %d write(s) about rows deleted meanwhile were dropped", len(refused))
        return len(batch) - len(refused)

    def _ensure_started(self) -> None:
        with self.lock:
            if self.thread is not None and self.thread.is_alive() and self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self._run, name="telemetry-flush", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while True:
            self.wakeup.wait()
            self.wakeup.clear()
            try:
                self.flush()
            except Exception:
                log.exception("telemetry: flush failed")
            # Let writes gather into one batch instead of one transaction per page view.
            threading.Event().wait(FLUSH_INTERVAL_SECONDS)


def init_app(app: Flask) -> None:
    buffer = TelemetryBuffer(app, background=bool(app.config["TELEMETRY_BACKGROUND"]) and not app.testing)
    app.extensions["telemetry"] = buffer
    atexit.register(_flush_at_exit, weakref.ref(buffer))


def _flush_at_exit(reference: weakref.ref[TelemetryBuffer]) -> None:
    buffer = reference()
    if buffer is not None and buffer.pending:
        buffer.flush()


def record(write: TelemetryWrite) -> None:
    """Write this later, outside the page's transaction (best-effort; see the module's docstring)."""
    current_app.extensions["telemetry"].add(write)


def flush(app: Flask | None = None) -> int:
    """Write the buffered telemetry now (tests, CLI commands, shutdown)."""
    buffer: TelemetryBuffer = (app or current_app).extensions["telemetry"]
    return buffer.flush()
