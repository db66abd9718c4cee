"""The embedded default: a serving process drains the mail outbox and the job queue itself.

With ``BACKGROUND_WORKER`` on (the default, and what ``make run`` uses), each serving process
starts one thread per queue at its first request. A commit that queued work wakes the thread at
once (``after_commit``); idle, it still polls every ``WORKER_POLL_SECONDS`` for work written by
other processes or left by a crash. The threads claim work like any ``flask search worker``, so
they may run beside dedicated workers. Turn ``BACKGROUND_WORKER`` off when dedicated workers
do it all. Slow work itself never runs in these threads: text extraction is a child process.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from flask import Flask

from ..extensions import db

log = logging.getLogger(__name__)

EXTENSION_KEY = "background_loops"
FAILURE_RETRY_SECONDS = 5.0

# A step does one round of work and says whether there may be more right away.
Step = Callable[[], bool]


class BackgroundLoop:
    """One daemon thread that runs ``step`` in an app context whenever woken, or every ``poll`` seconds."""

    def __init__(self, app: Flask, name: str, step: Step, poll: float) -> None:
        self.app = app
        self.name = name
        self.step = step
        self.poll = poll
        self.event = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None
        self.stopping = False
        self._start_lock = threading.Lock()

    def wake(self) -> None:
        self.ensure_started()
        self.event.set()

    def ensure_started(self) -> None:
        with self._start_lock:
            # After a fork (gunicorn), the parent's thread does not exist in the child: start anew.
            alive = self.thread is not None and self.thread.is_alive() and self.pid == os.getpid()
            if alive or self.stopping:
                return
            self.pid = os.getpid()
            self.thread = threading.Thread(target=self._run, name=f"background-{self.name}", daemon=True)
            self.thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping = True
        self.event.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def _run(self) -> None:
        self.event.set()  # look once at start: work may be waiting from before
        while not self.stopping:
            self.event.wait(self.poll)
            self.event.clear()
            more = True
            while more and not self.stopping:
                more = self._step_once()

    def _step_once(self) -> bool:
        with self.app.app_context():
            try:
                return self.step()
            except Exception:
                log.exception("background %s: a round failed; the work stays queued", self.name)
                self.event.wait(FAILURE_RETRY_SECONDS)
                return False
            finally:
                db.session.remove()


def init_app(app: Flask, steps: dict[str, Step]) -> None:
    """Create the loops (started by the first request) when ``BACKGROUND_WORKER`` is on."""
    if not app.config.get("BACKGROUND_WORKER"):
        return
    poll = float(app.config["WORKER_POLL_SECONDS"])
    loops = {name: BackgroundLoop(app, name, step, poll) for name, step in steps.items()}
    app.extensions[EXTENSION_KEY] = loops

    def start_loops() -> None:
        for loop in loops.values():
            if loop.thread is None or loop.pid != os.getpid():
                loop.ensure_started()

    app.before_request(start_loops)


def wake(app: Flask, name: str) -> None:
    """Wake the ``name`` loop of ``app`` (a no-op when this process runs none)."""
    loop = app.extensions.get(EXTENSION_KEY, {}).get(name)
    if loop is not None:
        loop.wake()
