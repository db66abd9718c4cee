"""``flask search worker`` as a real process: it drains mail and jobs, stops on SIGTERM, and one
killed in the middle of a job loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.jobs.models import Job
from app.jobs.runner import run_due
from app.library.models import Attachment
from app.mail import send_mail
from app.worker import queue
from tests.factories.library import make_resource
from tests.uploads import files

from .test_extraction import _upload

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 600  # a worker process boots slowly on a busy machine; polled, not slept


def _worker(app, *options: str, **settings: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": app.config["DATABASE_URL"],
        "UPLOAD_DIR": app.config["UPLOAD_DIR"],
        "MAIL_DIR": app.config["MAIL_DIR"],
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "MAIL_URL": "",
        **settings,
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "search", "worker", "--interval", "0.2", *options]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _wait_for(condition, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        db.session.expire_all()
        if condition():
            return
        assert worker.poll() is None, worker.stdout.read().decode() if worker.stdout else ""
        time.sleep(0.1)
    raise AssertionError("the worker did not get there before the deadline")


def test_the_worker_delivers_mail_and_stops_cleanly_on_sigterm(ctx, mailbox):
    send_mail("worker@example.org", "From the worker", "Delivered by a worker process.")
    db.session.commit()
    worker = _worker(ctx, "--only", "mail")
    try:
        _wait_for(lambda: list(Path(ctx.config["MAIL_DIR"]).glob("*.eml")), worker)
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=60)[0].decode()
    assert worker.returncode == 0
    assert "Worker stopped." in output
    assert len(mailbox.to("worker@example.org")) == 1


def test_a_worker_killed_mid_job_loses_nothing(ctx, client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    pdf = files.hostile_pdf(pages=40, stream_bytes=4_000_000)
    assert _upload(client_as(roles.member), resource, pdf, "slow.pdf").status_code == 302
    worker = _worker(ctx, "--only", "jobs", EXTRACTION_MAX_CONTENT_BYTES="1000000000000", EXTRACTION_CPU_SECONDS="5")
    try:
        _wait_for(lambda: db.session.scalar(select(Job.status)) == queue.RUNNING, worker)
    finally:
        worker.kill()  # SIGKILL in the middle of the job
        worker.communicate(timeout=60)
    db.session.expire_all()
    assert db.session.scalar(select(Job.status)) == queue.RUNNING  # claimed, never finished

    lease = timedelta(seconds=ctx.config["JOB_LEASE_SECONDS"])
    ctx.config.update(EXTRACTION_MAX_CONTENT_BYTES=1_000_000)  # the budget cuts it short this time
    assert run_due(now=utcnow() + lease + timedelta(seconds=1)) == 1  # taken up once the lease expired

    db.session.expire_all()
    job = db.session.scalars(select(Job)).one()
    assert job.status == queue.DONE and job.attempts == 2
    assert db.session.scalars(select(Attachment)).one().text_status == "partial"
