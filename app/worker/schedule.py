"""Periodic tasks: review-date and event reminders, the directory's link checks, daily digests.

The ``schedule`` step runs in each serving process's background thread (the embedded default)
and in each ``flask search worker``. A task runs in one process per interval: a process first
moves the task's ``next_run_at`` forward with one conditional UPDATE and runs the task only when
that UPDATE changed the row. Every task is idempotent, so a run lost to a crash is made up by
the next one. Intervals, in seconds, are the ``SCHEDULED_TASKS`` setting (0 turns a task off).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..db_setup import rows_affected
from ..db_types import utcnow
from ..extensions import db
from .models import ScheduledTask

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    run: Callable[[], str]  # one run in the caller's transaction; a line saying what it did


def _review_reminders() -> str:
    from ..library.review_dates import send_review_reminders

    run = send_review_reminders()
    return f"{run.notices} reminder(s) about {run.resources} resource(s)"


def _event_reminders() -> str:
    from ..events.reminders import send_reminders

    return f"{send_reminders()} event reminder(s)"


def _link_checks() -> str:
    from ..directory.checking import run_due_link_checks

    summary = run_due_link_checks()
    return f"{summary.checked} channel(s) checked, {summary.broken} broken"


def _digests() -> str:
    from ..notifications.service import send_pending_digests

    run = send_pending_digests()
    return f"{run.mails} digest(s) with {run.items} notification(s)"


TASKS = (
    PeriodicTask("review_reminders", _review_reminders),
    PeriodicTask("event_reminders", _event_reminders),
    PeriodicTask("link_checks", _link_checks),
    PeriodicTask("digests", _digests),
)


def _interval(task: PeriodicTask) -> float:
    return float(current_app.config["SCHEDULED_TASKS"].get(task.name, 0))


def task_status() -> list[ScheduledTask]:
    """Each periodic task's last and next run, for the admins' overview (never-run tasks absent)."""
    return list(db.session.execute(select(ScheduledTask).order_by(ScheduledTask.name)).scalars())


def _due_tasks(now: datetime) -> list[PeriodicTask]:
    """The enabled tasks whose time has come (or that never ran), read without taking a write lock."""
    enabled = [task for task in TASKS if _interval(task) > 0]
    if not enabled:
        return []
    next_runs = {name: due for name, due in db.session.execute(select(ScheduledTask.name, ScheduledTask.next_run_at))}
    db.session.rollback()
    return [task for task in enabled if task.name not in next_runs or next_runs[task.name] <= now]


def _claim(task: PeriodicTask, now: datetime) -> bool:
    """Move the task's next run forward; True when this process did it and so owns this run."""
    if db.session.get(ScheduledTask, task.name) is None:
        try:
            with db.session.begin_nested():
                db.session.add(ScheduledTask(name=task.name, next_run_at=now))
        except IntegrityError:
            pass  # another process made the row first
    changed = rows_affected(
        db.session.execute(
            update(ScheduledTask)
            .where(ScheduledTask.name == task.name, ScheduledTask.next_run_at <= now)
            .values(next_run_at=now + timedelta(seconds=_interval(task)), last_started_at=now)
        )
    )
    db.session.commit()
    return changed == 1


def _finish(task: PeriodicTask, outcome: str) -> None:
    db.session.execute(
        update(ScheduledTask)
        .where(ScheduledTask.name == task.name)
        .values(last_finished_at=utcnow(), last_outcome=outcome[:300])
    )
    db.session.commit()


def run_due_tasks(now: datetime | None = None) -> list[str]:
    """Run every task that is due and claimed by this process; the names of those run."""
    now = now or utcnow()
    ran = []
    for task in _due_tasks(now):
        if not _claim(task, now):
            continue
        try:
            outcome = task.run()
            db.session.flush()
        except Exception as error:  # one failing task must not stop the others
            db.session.rollback()
            log.exception("scheduled task %s failed; it runs again at its next interval", task.name)
            outcome = f"failed: {type(error).__name__}"
        _finish(task, outcome)
        ran.append(task.name)
    return ran
