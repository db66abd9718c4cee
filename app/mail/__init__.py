"""Outgoing e-mail through an outbox: queued with the change, delivered by the worker.

:func:`send_mail` only writes a row in the current transaction, so a page never waits for SMTP
and a change that rolls back sends nothing. The worker (``flask search worker``, the serving
process's background thread, or ``flask mail send`` from cron) delivers due rows: over SMTP when
``MAIL_URL`` is set (``smtp://user:password@host:port``, ``smtps://`` for TLS on connect,
``?starttls=1`` to upgrade), else as ``.eml`` files under ``MAIL_DIR``; with retries and
exponential backoff, and a permanent failure after ``MAIL_MAX_ATTEMPTS``.

Links in messages are built from ``SITE_URL``, never from the request's Host header
(docs/SECURITY.md 33): use :func:`absolute_url`.
"""

from .links import absolute_url, site_path
from .message import MailAttachment, build_message
from .outbox import send_mail

__all__ = ["MailAttachment", "absolute_url", "build_message", "send_mail", "site_path"]
