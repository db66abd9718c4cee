"""Permission rules: reports, moderation and search."""

from __future__ import annotations

from typing import Any

from ..roles import (
    is_member,
    is_moderator,
    reads_members_content,
)
from .registry import rule

# --- Moderation and curation (issue: moderation) ----------------------------------------
# Members report items; only moderators (and admins) act on reports, read the audit log and
# the dashboard. Which item a member may see is the item's own rule ("resource.view", …).


@rule("flag.create")
def _flag_item(user: Any, item: Any) -> bool:
    """Members report what they can see; reporting one's own item makes no sense."""
    if not (is_member(user) or is_moderator(user)):
        return False
    return item is None or getattr(item, "author_id", None) != user.id


@rule("moderation.review", "moderation.view_log", "moderation.dashboard", "flag.resolve")
def _moderate(user: Any, _: Any) -> bool:
    return is_moderator(user)


# --- Search (issue: search) -------------------------------------------------------------
# Search never shows what its reader could not open: members-only documents only to those who
# may read members-only resources and categories (members of approved organisations, moderators).


@rule("search.members_content")
def _search_members_content(user: Any, _: Any) -> bool:
    return reads_members_content(user)
