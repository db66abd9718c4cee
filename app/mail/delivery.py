"""Delivering what is due from the mail outbox, by any number of workers at once.

Each batch is claimed (``app.worker.queue``), so two workers never send one message; a message
is marked sent right after the server accepted it. A worker killed between the two leaves the
claim to expire and the message is sent again — at least once, never silently lost; the fixed
Message-ID lets mail systems recognise that rare duplicate.
"""

from __future__ import annotations

import email
import email.policy
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..worker import queue
from .models import OutboxMail
from .transport import PermanentFailure, send_smtp, write_eml

log = logging.getLogger(__name__)

BATCH = 10


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retrying + self.failed


def deliver_due(*, now: datetime | None = None, max_batches: int | None = None) -> DeliveryReport:
    """Deliver every due message (claiming them a batch at a time); commits."""
    report = DeliveryReport()
    batches = 0
    config = current_app.config
    timeout = float(config["MAIL_TIMEOUT"])
    lease = timedelta(seconds=BATCH * (timeout + 5) + 30)
    while max_batches is None or batches < max_batches:
        batch = queue.claim(OutboxMail, limit=BATCH, lease=lease, now=now)
        if not batch:
            break
        batches += 1
        for item in batch:
            _deliver_one(item, report, timeout=timeout, now=now)
    return report


def _deliver_one(item: OutboxMail, report: DeliveryReport, *, timeout: float, now: datetime | None) -> None:
    config = current_app.config
    message = email.message_from_bytes(item.message, policy=email.policy.SMTP)
    assert isinstance(message, EmailMessage)
    try:
        if config.get("MAIL_URL"):
            send_smtp(config["MAIL_URL"], message, timeout=timeout)
        else:
            write_eml(Path(config["MAIL_DIR"]), message)
    except Exception as error:  # noqa: BLE001 - any transport failure is recorded and retried, never raised
        permanent = isinstance(error, PermanentFailure)
        retry_base, retry_cap = float(config["MAIL_RETRY_BASE_SECONDS"]), float(config["MAIL_RETRY_MAX_SECONDS"])
        queue.mark_failed(
            item, f"{type(error).__name__}: {error}", base=retry_base, cap=retry_cap, now=now, permanent=permanent
        )
        gave_up = permanent or item.attempts >= item.max_attempts
        log.warning("mail %s to %s: %s (%s)", item.id, item.recipient, error, "gave up" if gave_up else "will retry")
        if gave_up:
            report.failed += 1
        else:
            report.retrying += 1
        return
    queue.mark_done(item, now=now)
    report.sent += 1


def pending_count() -> int:
    return db.session.execute(
        select(func.count()).select_from(OutboxMail).where(OutboxMail.status.in_((queue.QUEUED, queue.RUNNING)))
    ).scalar_one()
