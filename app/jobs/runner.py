"""Running due jobs: claim one, run its handler, record the outcome."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..worker import queue
from .models import Job
from .registry import JobFailed, load_kinds

log = logging.getLogger(__name__)


def run_due(*, limit: int = 1, now: datetime | None = None) -> int:
    """Run up to ``limit`` due jobs, one claim at a time; returns how many ran (commits)."""
    kinds = load_kinds()
    lease = timedelta(seconds=float(current_app.config["JOB_LEASE_SECONDS"]))
    ran = 0
    while ran < limit:
        claimed = queue.claim(Job, limit=1, lease=lease, now=now)
        if not claimed:
            break
        job = claimed[0]
        ran += 1
        spec = kinds.get(job.kind)
        base = float(current_app.config["JOB_RETRY_BASE_SECONDS"])
        cap = float(current_app.config["JOB_RETRY_MAX_SECONDS"])
        if spec is None:
            queue.mark_failed(job, f"unknown job kind {job.kind!r}", base=base, cap=cap, now=now, permanent=True)
            continue
        try:
            spec.handler(dict(job.payload or {}))
            db.session.commit()
        except Exception as error:  # noqa: BLE001 - recorded on the job and retried; the worker goes on
            db.session.rollback()
            permanent = isinstance(error, JobFailed) and error.permanent
            log.warning("job %s (%s) failed: %s", job.id, job.kind, error, exc_info=not isinstance(error, JobFailed))
            queue.mark_failed(job, f"{type(error).__name__}: {error}", base=base, cap=cap, now=now, permanent=permanent)
            continue
        queue.mark_done(job, now=now)
    return ran


def pending_count() -> int:
    return db.session.execute(
        select(func.count()).select_from(Job).where(Job.status.in_((queue.QUEUED, queue.RUNNING)))
    ).scalar_one()
