"""The append-only audit trail: who did what to which item, when, why, before and after.

Every moderator and admin action calls :func:`record` inside the same transaction as the change.
The application never updates or deletes an ``AuditEvent`` (a test checks that the ORM refuses).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import has_request_context, request
from sqlalchemy import JSON, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts.models import User
from .db_types import UTCDateTime, utcnow
from .extensions import Model, db


class AuditEvent(Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)  # e.g. "resource.approve"
    target_type: Mapped[str] = mapped_column(String(32), index=True)  # e.g. "resource"
    target_id: Mapped[int | None] = mapped_column(index=True)
    target_label: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str] = mapped_column(String(64), default="")

    actor: Mapped[User | None] = relationship()


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    raise AppendOnlyError("Audit events are append-only.")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    raise AppendOnlyError("Audit events are append-only.")


def record(
    actor: User | None,
    action: str,
    target_type: str,
    target_id: int | None,
    *,
    label: str = "",
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str = "",
) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits).

    The IP is taken from the request when there is one (like the security log), so services
    need not pass it; CLI actions record none.
    """
    if not ip and has_request_context():
        ip = request.remote_addr or ""
    audit_event = AuditEvent(
        actor_id=actor.id if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=label[:300],
        reason=reason,
        before=before,
        after=after,
        ip=ip,
    )
    db.session.add(audit_event)
    return audit_event
