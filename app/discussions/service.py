"""The discussions service: one import for views, the API, the CLI and other domains.

Reading lives in ``queries``, members' actions in ``posting``, moderators' in ``moderation``,
following and notifying in ``subscriptions``, categories in ``categories``.
"""

from __future__ import annotations

from ..privacy import PrivacyCheckFailed
from .categories import all_categories, create_category, ensure_default_categories, update_category
from .moderation import (
    approve_held_post,
    count_held_posts,
    hide_post,
    hide_thread,
    list_held_posts,
    lock_thread,
    move_thread,
    pin_thread,
    reject_held_post,
    restore_post,
    restore_thread,
    unlock_thread,
    unpin_thread,
)
from .posting import (
    BODY_MAX,
    LOCKED_MESSAGE,
    create_thread,
    delete_post,
    edit_post,
    is_trusted_poster,
    post_history,
    reply_to_thread,
)
from .queries import (
    category_threads,
    get_category,
    get_category_by_id,
    get_post,
    get_resource_for_discussion,
    get_thread,
    latest_threads,
    locate_post,
    postable_categories,
    public_latest_threads,
    quote_source,
    thread_page,
    threads_for_resource,
    visible_categories,
)
from .subscriptions import follow_category, follow_thread, is_following, unfollow_category, unfollow_thread
from .visibility import post_search_visibility, thread_search_visibility

__all__ = [
    "BODY_MAX",
    "LOCKED_MESSAGE",
    "PrivacyCheckFailed",
    "all_categories",
    "approve_held_post",
    "category_threads",
    "count_held_posts",
    "create_category",
    "create_thread",
    "delete_post",
    "edit_post",
    "ensure_default_categories",
    "follow_category",
    "follow_thread",
    "get_category",
    "get_category_by_id",
    "get_post",
    "get_resource_for_discussion",
    "get_thread",
    "hide_post",
    "hide_thread",
    "is_following",
    "is_trusted_poster",
    "latest_threads",
    "list_held_posts",
    "locate_post",
    "lock_thread",
    "move_thread",
    "pin_thread",
    "post_history",
    "post_search_visibility",
    "postable_categories",
    "public_latest_threads",
    "quote_source",
    "reject_held_post",
    "reply_to_thread",
    "restore_post",
    "restore_thread",
    "thread_page",
    "thread_search_visibility",
    "threads_for_resource",
    "unfollow_category",
    "unfollow_thread",
    "unlock_thread",
    "unpin_thread",
    "update_category",
    "visible_categories",
]
