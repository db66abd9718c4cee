"""A small durable job queue: work written with the change, run later by the worker.

``enqueue("attachment.extract_text", {"attachment_id": 7})`` adds a row in the caller's
transaction and wakes the worker once it commits; a rollback leaves no job. Kinds are
registered by name with :func:`job_kind`; a handler takes the JSON payload. A handler that
raises is retried with exponential backoff up to the kind's ``max_attempts``; one that raises
:class:`JobFailed` with ``permanent=True`` is not retried. Claims carry a lease, so the job of a
worker killed mid-run is taken up again once the lease expires (``app.worker.queue``).
"""

from .registry import JobFailed, enqueue, job_kind

__all__ = ["JobFailed", "enqueue", "job_kind"]
