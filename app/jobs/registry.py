"""Job kinds by name, and queueing a job in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from flask import current_app

from ..db_types import utcnow
from ..extensions import db
from ..unit_of_work import after_commit
from ..worker import background
from .models import Job

Handler = Callable[[dict[str, Any]], None]

# Modules that register job kinds; imported before the first job runs.
JOB_MODULES = ("app.library.attachment_text", "app.follows.announce")


class JobFailed(Exception):
    """A job that cannot succeed; with ``permanent=True`` it is not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    max_attempts: int


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, max_attempts: int = 5) -> Callable[[Handler], Handler]:
    """Register ``handler`` for jobs of kind ``name``. A run must end well within
    ``JOB_LEASE_SECONDS``: past it, the job counts as abandoned and another worker takes it up."""

    def register(handler: Handler) -> Handler:
        KINDS[name] = JobKind(name, handler, max_attempts)
        return handler

    return register


def load_kinds() -> dict[str, JobKind]:
    for module in JOB_MODULES:
        import_module(module)
    return KINDS


def enqueue(kind: str, payload: dict[str, Any], *, delay: timedelta = timedelta(0)) -> Job:
    """Queue a job; it runs after the current transaction commits (never if it rolls back)."""
    spec = load_kinds().get(kind)
    if spec is None:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(
        kind=kind,
        payload=payload,
        max_attempts=spec.max_attempts,
        available_at=utcnow() + delay,
    )
    db.session.add(job)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    after_commit(lambda: background.wake(app, "jobs"))
    return job
