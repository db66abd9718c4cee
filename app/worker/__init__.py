"""Slow work outside the request: the queue both outboxes share, the worker loop, background threads.

Three durable queues live in the database, each written in the same transaction as the change
that caused it: the search outbox (``app.search``), the mail outbox (``app.mail``) and the job
queue (``app.jobs``). ``flask search worker`` drains all three in a loop and may run as several
processes; in the embedded default the serving process drains them in background threads.
"""
