"""The job queue: jobs run after commit, once each even with two workers, retried, never lost."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.jobs import JobFailed, enqueue, job_kind
from app.jobs.models import Job
from app.jobs.runner import run_due
from app.worker import queue
from tests.background import run_jobs

NOTE = "test.note"
FLAKY = "test.flaky"


@job_kind(NOTE)
def _note(payload: dict) -> None:
    """Append the payload's mark to a file: one line per run."""
    with open(payload["path"], "a", encoding="utf-8") as handle:
        handle.write(f"{payload['mark']}\n")


@job_kind(FLAKY, max_attempts=3)
def _flaky(payload: dict) -> None:
    raise JobFailed("the remote end said no", permanent=bool(payload.get("permanent")))


def _jobs() -> list[Job]:
    db.session.expire_all()
    return list(db.session.scalars(select(Job).order_by(Job.id)))


def _runs(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_rolled_back_job_never_runs(ctx, tmp_path):
    notes = tmp_path / "notes.txt"
    enqueue(NOTE, {"path": str(notes), "mark": "rolled-back"})
    db.session.rollback()
    assert run_jobs(ctx) == 0
    assert _runs(notes) == [] and _jobs() == []


def test_a_committed_job_runs_once(ctx, tmp_path):
    notes = tmp_path / "notes.txt"
    enqueue(NOTE, {"path": str(notes), "mark": "committed"})
    db.session.commit()
    assert run_jobs(ctx) == 1
    assert run_jobs(ctx) == 0
    assert _runs(notes) == ["committed"]
    assert [job.status for job in _jobs()] == [queue.DONE]


def test_two_workers_at_once_run_each_job_once(app, tmp_path):
    notes = tmp_path / "notes.txt"
    with app.app_context():
        for mark in range(24):
            enqueue(NOTE, {"path": str(notes), "mark": mark})
        db.session.commit()
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def worker() -> None:
        with app.app_context():
            barrier.wait(timeout=30)
            counts.append(run_due(limit=100))
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(counts) == 24
    assert sorted(int(mark) for mark in _runs(notes)) == list(range(24))


def test_a_job_claimed_by_a_worker_that_died_is_run_once_its_lease_expires(ctx, tmp_path):
    notes = tmp_path / "notes.txt"
    enqueue(NOTE, {"path": str(notes), "mark": "survivor"})
    db.session.commit()
    lease = timedelta(seconds=ctx.config["JOB_LEASE_SECONDS"])
    [claimed] = queue.claim(Job, limit=1, lease=lease)  # a worker takes it … and is killed

    assert run_jobs(ctx) == 0  # its lease still holds: nobody runs it twice meanwhile
    assert run_due(now=utcnow() + lease + timedelta(seconds=1)) == 1
    assert _runs(notes) == ["survivor"]
    [job] = _jobs()
    assert job.status == queue.DONE and job.attempts == 2
    # The dead worker's late report cannot overwrite the outcome.
    assert queue.mark_failed(claimed, "late", base=1, cap=1) is False


def test_a_failing_job_is_retried_with_backoff_then_given_up(ctx):
    enqueue(FLAKY, {})
    db.session.commit()
    moments = [utcnow() + timedelta(days=n) for n in range(4)]
    ran = [run_due(now=moment) for moment in moments]
    [job] = _jobs()
    assert ran == [1, 1, 1, 0]
    assert job.status == queue.FAILED and job.attempts == 3
    assert "the remote end said no" in job.last_error


def test_a_permanent_failure_is_not_retried(ctx):
    enqueue(FLAKY, {"permanent": True})
    db.session.commit()
    assert run_due() == 1
    [job] = _jobs()
    assert job.status == queue.FAILED and job.attempts == 1


def test_the_backoff_grows_between_attempts(ctx):
    enqueue(FLAKY, {})
    db.session.commit()
    start = utcnow()
    run_due(now=start)
    [job] = _jobs()
    first_wait = job.available_at - start
    second_start = job.available_at
    run_due(now=second_start)
    [job] = _jobs()
    assert job.status == queue.QUEUED
    assert first_wait >= timedelta(seconds=ctx.config["JOB_RETRY_BASE_SECONDS"] * 0.8)
    assert job.available_at - second_start > first_wait


def test_an_unknown_kind_is_refused_when_queued(ctx):
    with pytest.raises(ValueError, match="unknown job kind"):
        enqueue("no.such.kind", {})
