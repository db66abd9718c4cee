"""Bulk decisions from the review queue: approve or return several entries at once.

Each entry goes through the same service call as its single decision (``service.decide`` or, for
reported items, ``dismiss_flags`` / ``uphold_flags``), so the same permission rules, audit events
and notices apply. Each runs in its own savepoint: an entry that is refused is rolled back whole
and named in the result with the reason, and the entries that passed are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..accounts.models import User
from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from . import service, targets
from .queue import KINDS
from .sanctions import clean_reason

ACTIONS = ("approve", "return")
MAX_ENTRIES = 100
# Reported items: approving keeps the item (the reports are dismissed); returning hides it.
FLAG_TARGETS = frozenset({"resource", "thread", "post"})
ITEM_TARGETS = {"resource": "resource", "edit": "resource", "post": "post", "organisation": "organisation"}


@dataclass
class BulkResult:
    decided: list[str] = field(default_factory=list)  # the labels of the entries decided
    failed: list[tuple[str, str]] = field(default_factory=list)  # (which entry, why it was not decided)


def parse_key(key: str) -> tuple[str, str, int] | None:
    """``"resource-resource-12"`` → ``("resource", "resource", 12)``; None when malformed."""
    parts = key.split("-")
    if len(parts) != 3 or not parts[2].isdigit() or len(parts[2]) > 12:
        return None
    kind, target_type, raw_id = parts
    if kind not in KINDS:
        return None
    if kind == "flag" and target_type not in FLAG_TARGETS:
        return None
    if kind != "flag" and ITEM_TARGETS.get(kind) != target_type:
        return None
    return kind, target_type, int(raw_id)


def _describe(kind: str, target_type: str, item_id: int) -> str:
    """How the result names an entry that was not decided: its title when it still exists."""
    if kind == "flag":
        item = targets.load(target_type, item_id)
        title = targets.describe(target_type, item).title if item is not None else ""
        return f"“{title}” (reported {target_type})" if title else f"Reported {target_type} #{item_id}"
    load, _act, label_of = service.DECISIONS[(kind, "approve")]
    item = load(item_id)
    return f"“{label_of(item)}” ({KINDS[kind].lower()})" if item is not None else f"{KINDS[kind]} #{item_id}"


def _decide_one(actor: User, kind: str, target_type: str, item_id: int, action: str, reason: str) -> str:
    if kind != "flag":
        return service.decide(actor, kind, item_id, action, reason)
    if action == "approve":
        return service.dismiss_flags(actor, target_type, item_id, reason)
    return service.uphold_flags(actor, target_type, item_id, reason)


def decide_many(actor: User, keys: list[str], action: str, reason: str = "") -> BulkResult:
    """Approve or return every entry named by ``keys`` (queue entry keys).

    :raise ValidationError: no entries chosen, too many, an unknown action, or returning without a
        reason — then nothing is decided.
    """
    require(actor, "moderation.review")
    if action not in ACTIONS:
        raise ValidationError("Choose approve or return.", {"action": ["Choose approve or return."]})
    keys = list(dict.fromkeys(k.strip() for k in keys if k.strip()))
    if not keys:
        raise ValidationError("Tick at least one entry first.", {"entries": ["Tick at least one entry first."]})
    if len(keys) > MAX_ENTRIES:
        raise ValidationError(
            f"At most {MAX_ENTRIES} entries at a time.", {"entries": [f"At most {MAX_ENTRIES} entries at a time."]}
        )
    reason = clean_reason(reason, required=action == "return")
    result = BulkResult()
    for key in keys:
        parsed = parse_key(key)
        if parsed is None:
            result.failed.append((key, "This is not an entry of the queue."))
            continue
        kind, target_type, item_id = parsed
        try:
            with db.session.begin_nested():  # a refusal rolls back this entry only, whole
                result.decided.append(_decide_one(actor, kind, target_type, item_id, action, reason))
        except NotFound:
            result.failed.append((_describe(kind, target_type, item_id), "It is no longer in the queue."))
        except DomainError as error:
            result.failed.append((_describe(kind, target_type, item_id), error.message))
    return result
