"""One round of each queue's work, as the background threads and ``flask search worker`` run it.

Each step returns True when it did something (there may be more right away).
"""

from __future__ import annotations

from .background import Step


def search_step() -> bool:
    from ..search import indexer

    report = indexer.sync(lock_timeout=0, max_batches=1)  # another process writing: try later
    return report.applied > 0 and not report.failed


def mail_step() -> bool:
    from ..mail.delivery import deliver_due

    return deliver_due(max_batches=1).handled > 0


def jobs_step() -> bool:
    from ..jobs.runner import run_due

    return run_due(limit=1) > 0


def schedule_step() -> bool:
    from .schedule import run_due_tasks

    run_due_tasks()
    return False  # the next task is due an interval from now, not right away


# The serving process's background threads (the search outbox has its own, ``app.search.background``).
EMBEDDED_STEPS: dict[str, Step] = {"mail": mail_step, "jobs": jobs_step, "schedule": schedule_step}
# A dedicated worker drains the search outbox too.
WORKER_STEPS: dict[str, Step] = {"search": search_step, **EMBEDDED_STEPS}
