"""Running the background queues explicitly in tests (no thread, no sleep): mail and jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from flask import Flask, current_app, has_app_context

Result = TypeVar("Result")


@contextmanager
def _context(app: Flask) -> Iterator[None]:
    """The test's own app context when it is active (so the test sees the outcome), else a new one."""
    if has_app_context() and current_app._get_current_object() is app:  # type: ignore[attr-defined]
        yield
        return
    with app.app_context():
        yield


def _run(app: Flask, work: Callable[[], Result]) -> Result:
    with _context(app):
        return work()


def deliver_mail(app: Flask):
    """Deliver every due message of the mail outbox, as the worker would; returns the report."""
    from app.mail.delivery import deliver_due

    return _run(app, deliver_due)


def run_jobs(app: Flask, limit: int = 1000) -> int:
    """Run every due background job, as the worker would; returns how many ran."""
    from app.jobs.runner import run_due

    return _run(app, lambda: run_due(limit=limit))
