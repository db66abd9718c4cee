"""Flags, and the decisions moderators take from the review queue.

Members flag what they can see; when members reach ``flag_hide_threshold`` different open flags on
one item, the item is hidden (through its own domain's service) until a moderator reviews it.
Decisions on queue entries call the owning domain's service (library, discussions, organisations),
which changes the item, writes its audit event and tells the author; this module adds the flag
bookkeeping and the security log line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..db_types import utcnow
from ..discussions.models import Post
from ..discussions.service import approve_held_post, reject_held_post
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..library.models import Resource
from ..library.service import approve_resource, hide_resource, return_resource
from ..orgs.models import Organisation
from ..orgs.service import approve_application, reject_application
from ..permissions import require
from ..site_settings import get_setting
from ..text import plural
from . import targets
from .actions import log_moderator_action, record_action
from .models import Flag, FlagReason, FlagStatus, TargetType
from .sanctions import clean_reason

NOTE_MAX = 1000
TARGET_TYPES = frozenset(t.value for t in TargetType)
REASONS = frozenset(r.value for r in FlagReason)


# --- Flagging ---------------------------------------------------------------------------


def flag_item(actor: User, target_type: str, target_id: int, reason: str, note: str = "") -> Flag:
    """A member reports an item they can see.

    :raise NotFound: no such item, or the member may not see it.
    :raise PermissionDenied: not a member, or their own item.
    :raise Conflict: they already have an open flag on it.
    :raise ValidationError: unknown reason or a note that is too long.
    """
    if target_type not in TARGET_TYPES:
        raise NotFound()
    item = targets.load(target_type, target_id)
    if item is None or not targets.can_view(actor, target_type, item):
        raise NotFound()
    require(actor, "flag.create", item)
    if reason not in REASONS:
        raise ValidationError("Please choose a reason.", {"reason": ["Please choose a reason."]})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError("The note is too long.", {"note": [f"At most {NOTE_MAX} characters."]})
    if _open_flag_of(actor, target_type, target_id) is not None:
        raise Conflict("You have already reported this; a moderator will look at it.")
    flag = Flag(reporter_id=actor.id, target_type=target_type, target_id=target_id, reason=reason, note=note)
    try:
        with db.session.begin_nested():
            db.session.add(flag)
            db.session.flush()
    except IntegrityError:
        raise Conflict("You have already reported this; a moderator will look at it.") from None
    _hide_at_threshold(target_type, item)
    return flag


def _open_flag_of(user: User, target_type: str, target_id: int) -> Flag | None:
    query = select(Flag).where(
        Flag.reporter_id == user.id,
        Flag.target_type == target_type,
        Flag.target_id == target_id,
        Flag.status == FlagStatus.OPEN.value,
    )
    return db.session.execute(query).scalar_one_or_none()


def open_reporter_count(target_type: str, target_id: int) -> int:
    query = select(func.count(func.distinct(Flag.reporter_id))).where(
        Flag.target_type == target_type, Flag.target_id == target_id, Flag.status == FlagStatus.OPEN.value
    )
    return db.session.execute(query).scalar_one()


def _hide_at_threshold(target_type: str, item: Any) -> None:
    threshold = int(get_setting("flag_hide_threshold"))
    if threshold <= 0 or targets.is_hidden(item):
        return
    reporters = open_reporter_count(target_type, item.id)
    if reporters >= threshold:
        targets.hide(
            None,  # the threshold acts, not the member whose flag reached it
            target_type,
            item,
            f"reported by {plural(reporters, 'member')}; waiting for a moderator",
            automatic=True,
        )


def _open_flags(target_type: str, target_id: int) -> list[Flag]:
    query = select(Flag).where(
        Flag.target_type == target_type, Flag.target_id == target_id, Flag.status == FlagStatus.OPEN.value
    )
    return list(db.session.execute(query).scalars())


def _close(flags: list[Flag], actor: User, status: FlagStatus, note: str) -> None:
    now = utcnow()
    for flag in flags:
        flag.status = status.value
        flag.resolved_at = now
        flag.resolved_by_id = actor.id
        flag.resolution_note = note


def dismiss_flags(actor: User, target_type: str, target_id: int, note: str = "") -> str:
    """Keep the item as it is: close its open flags and bring it back if the flags hid it.

    Returns the item's title. :raise Conflict: no open flags on the item.
    """
    require(actor, "flag.resolve")
    flags = _open_flags(target_type, target_id)
    if not flags:
        raise Conflict("There are no open reports on this item.")
    note = clean_reason(note, required=False, field="note")
    item = targets.load(target_type, target_id)
    label = targets.describe(target_type, item).title if item is not None else f"{target_type} {target_id}"
    _close(flags, actor, FlagStatus.DISMISSED, note)
    restored = item is not None and targets.is_hidden(item)
    if restored:
        targets.restore(actor, target_type, item)
    record_action(
        actor,
        "flag.dismiss",
        target_type,
        target_id,
        label=label,
        reason=note,
        after={"flags_dismissed": len(flags), "restored": restored},
    )
    return label


def uphold_flags(actor: User, target_type: str, target_id: int, reason: str) -> str:
    """The reports were right: hide the item with a reason (its author is told) and close the flags."""
    require(actor, "flag.resolve")
    flags = _open_flags(target_type, target_id)
    if not flags:
        raise Conflict("There are no open reports on this item.")
    reason = clean_reason(reason)
    item = targets.load(target_type, target_id)
    if item is None:
        raise NotFound()
    label = targets.describe(target_type, item).title
    targets.hide(actor, target_type, item, reason)
    _close(flags, actor, FlagStatus.RESOLVED, reason)
    record_action(
        actor,
        "flag.resolve",
        target_type,
        target_id,
        label=label,
        reason=reason,
        after={"flags_resolved": len(flags), "hidden": True},
    )
    return label


# --- Decisions on submissions, held posts and applications ------------------------------


def _resource(item_id: int) -> Any:
    return db.session.get(Resource, item_id)


def _post(item_id: int) -> Any:
    return db.session.get(Post, item_id)


def _organisation(item_id: int) -> Any:
    return db.session.get(Organisation, item_id)


def _approve_resource(actor: User, item: Any, reason: str) -> None:
    approve_resource(actor, item)


def _return_resource(actor: User, item: Any, reason: str) -> None:
    return_resource(actor, item, clean_reason(reason))


def _hide_resource(actor: User, item: Any, reason: str) -> None:
    hide_resource(actor, item, clean_reason(reason))


def _approve_post(actor: User, item: Any, reason: str) -> None:
    approve_held_post(actor, item)


def _reject_post(actor: User, item: Any, reason: str) -> None:
    reject_held_post(actor, item, clean_reason(reason))


def _approve_organisation(actor: User, item: Any, reason: str) -> None:
    approve_application(actor, item, clean_reason(reason, required=False))


def _reject_organisation(actor: User, item: Any, reason: str) -> None:
    reject_application(actor, item, clean_reason(reason))


Decision = Callable[[User, Any, str], None]


# (kind, action) -> (loader, decision, the item's label). "return" is the queue's word for
# sending a submission back or declining a held post or an application, always with a reason.
def _pending_edit(edit_id: int) -> Any:
    from ..library.pending_edits import get_pending_edit

    return get_pending_edit(edit_id)


def _approve_edit(actor: User, edit: Any, reason: str) -> None:
    from ..library.pending_edits import approve_edit

    approve_edit(actor, edit)


def _return_edit(actor: User, edit: Any, reason: str) -> None:
    from ..library.pending_edits import return_edit

    return_edit(actor, edit, reason)


DECISIONS: dict[tuple[str, str], tuple[Callable[[int], Any], Decision, Callable[[Any], str]]] = {
    ("resource", "approve"): (_resource, _approve_resource, lambda r: r.title),
    ("resource", "return"): (_resource, _return_resource, lambda r: r.title),
    ("resource", "hide"): (_resource, _hide_resource, lambda r: r.title),
    ("edit", "approve"): (_pending_edit, _approve_edit, lambda e: e.resource.title),
    ("edit", "return"): (_pending_edit, _return_edit, lambda e: e.resource.title),
    ("post", "approve"): (_post, _approve_post, lambda p: p.thread.title),
    ("post", "return"): (_post, _reject_post, lambda p: p.thread.title),
    ("organisation", "approve"): (_organisation, _approve_organisation, lambda o: o.name),
    ("organisation", "return"): (_organisation, _reject_organisation, lambda o: o.name),
}


def decide(actor: User, kind: str, item_id: int, action: str, reason: str = "") -> str:
    """Approve, return (with a reason) or hide a queue entry; returns the item's label.

    The owning domain checks permission, changes the item, audits and tells the author.
    :raise NotFound: unknown kind/action or no such item.
    """
    require(actor, "moderation.review")
    try:
        load, act, label_of = DECISIONS[(kind, action)]
    except KeyError:
        raise NotFound() from None
    item = load(item_id)
    if item is None:
        raise NotFound()
    act(actor, item, reason)
    log_moderator_action(f"{kind}.{action}", kind, item_id)
    db.session.flush()
    return label_of(item)
