"""Writers wait, never lose work: a bounded retry for a unit of work the database turned away.

SQLite answers "database is locked" when its writer lock stays taken beyond the busy timeout;
PostgreSQL aborts one side of a deadlock or a serialization conflict. Neither means the work is
wrong, only that it came at a busy moment: the whole unit (everything since its transaction
began) is rolled back and run again after a short, growing, jittered pause. Any other error, or
the last failed attempt, propagates unchanged.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from .extensions import db

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 6
FIRST_PAUSE_SECONDS = 0.05
MAX_PAUSE_SECONDS = 2.0
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
SQLITE_BUSY_MESSAGES = ("database is locked", "database is busy", "database table is locked")


def is_transient(error: BaseException) -> bool:
    """True when the database refused for a busy moment and the same work may succeed later."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    text = str(original).lower()
    return any(message in text for message in SQLITE_BUSY_MESSAGES)


def pause_before(attempt: int) -> float:
    """Seconds to wait before attempt number ``attempt`` (2, 3, …): exponential, with jitter."""
    base = min(MAX_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** (attempt - 2))
    return base / 2 + random.uniform(0, base / 2)  # noqa: S311  (jitter, not a secret)


def retry_writes(work: Callable[[], T], *, what: str = "write", attempts: int = ATTEMPTS) -> T:
    """Run ``work`` (which commits) until it succeeds, retrying transient refusals.

    ``work`` must be safe to run again from the start: it begins from a rolled-back session and
    re-reads what it needs.
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as error:
            db.session.rollback()
            if not is_transient(error) or attempt == attempts:
                raise
            pause = pause_before(attempt + 1)
            log.warning("%s: the database was busy (%s); attempt %d in %.2fs", what, error.orig, attempt + 1, pause)
            threading.Event().wait(pause)
    raise AssertionError("unreachable")
