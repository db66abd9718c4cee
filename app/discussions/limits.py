"""Rate limits on starting threads and posting replies (docs/SECURITY.md 36), per member.

Trusted members (``posting.is_trusted_poster``: moderators, and members with as many published
posts as the ``trust_threshold`` setting) wait 15 s between threads and 5 s between posts; others
wait longer. Only a request that created something counts (a refused form costs nothing).
"""

from __future__ import annotations

from flask import Response, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..extensions import limiter
from ..security_log import log_event
from .posting import is_trusted_poster

THREAD_LIMIT = "1 per 15 seconds"
THREAD_LIMIT_NEW_MEMBER = "1 per 2 minutes"
POST_LIMIT = "1 per 5 seconds"
POST_LIMIT_NEW_MEMBER = "1 per 30 seconds"


def _member_key() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _trusted() -> bool:
    return current_user.is_authenticated and is_trusted_poster(current_user)


def _thread_limit() -> str:
    return THREAD_LIMIT if _trusted() else THREAD_LIMIT_NEW_MEMBER


def _post_limit() -> str:
    return POST_LIMIT if _trusted() else POST_LIMIT_NEW_MEMBER


def _created(response: Response) -> bool:
    """The page redirects to what it created; the API answers 201."""
    return response.status_code in (201, 302, 303)


def _log(limit: RequestLimit) -> None:
    log_event("ratelimit.exceeded", endpoint=request.endpoint or "-", limit=str(limit.limit))


# Shared: the page and the API (``app/api/discussion_views.py``) count against the same bucket.
limit_threads = limiter.shared_limit(
    _thread_limit,
    scope="discussions-thread",
    key_func=_member_key,
    methods=["POST"],
    deduct_when=_created,
    on_breach=_log,
)
limit_posts = limiter.shared_limit(
    _post_limit, scope="discussions-post", key_func=_member_key, methods=["POST"], deduct_when=_created, on_breach=_log
)
