"""Every moderator action leaves two traces: an audit event (in the same transaction as the
change) and a security log line with the user, IP and UTC time (docs/SECURITY.md 38)."""

from __future__ import annotations

from typing import Any

from ..audit import AuditEvent, record
from ..extensions import db
from ..security_log import log_event


def record_action(
    actor: Any,
    action: str,
    target_type: str,
    target_id: int | None,
    *,
    label: str = "",
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = record(
        actor, action, target_type, target_id, label=label, reason=reason, before=before, after=after
    )
    log_moderator_action(action, target_type, target_id)
    db.session.flush()
    return event


def log_moderator_action(action: str, target_type: str, target_id: int | None) -> None:
    log_event(f"moderation.{action}", target=f"{target_type}:{target_id}")
