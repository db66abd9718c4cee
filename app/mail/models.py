"""The mail outbox: one row per message, written in the transaction that caused it."""

from __future__ import annotations

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..worker.queue import QueueItem


class OutboxMail(QueueItem, Model):
    """A message waiting for delivery (``status`` queued → running → done, or failed;
    ``finished_at`` of a done message is when the server accepted it).

    ``message`` holds the whole RFC 5322 message as built when it was queued (headers, body,
    attachments), so delivery needs no application state and sends exactly what was meant.
    """

    __tablename__ = "mail_outbox"

    recipient: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    message: Mapped[bytes] = mapped_column(LargeBinary)
