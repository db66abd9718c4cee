"""Rate limits on search for everyone (docs/SECURITY.md 36): per address for visitors, per account for
members, who get a larger allowance (``SEARCH_RATE_LIMIT_VISITOR``, ``SEARCH_RATE_LIMIT_MEMBER``).

A person clicking through facets stays well inside either, bursts included (docs/DESIGN.md
"Settings": twenty searches at one every 1.5 s all answer); a script looping over queries from one
address is held to a few hundred an hour. Both the page and the JSON API share the same counters.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar, cast

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..extensions import limiter

View = TypeVar("View", bound=Callable[..., object])
DEFAULT_RETRY_SECONDS = 60


def signed_in() -> bool:
    return bool(current_user.is_authenticated)


def _visitor() -> bool:
    return not signed_in()


def _account_key() -> str:
    return f"account:{current_user.get_id()}"


def _visitor_limit() -> str:
    return str(current_app.config["SEARCH_RATE_LIMIT_VISITOR"])


def _member_limit() -> str:
    return str(current_app.config["SEARCH_RATE_LIMIT_MEMBER"])


def retry_after_seconds() -> int:
    """Whole seconds until the limit this request broke lets another search through (at least 1)."""
    breached = limiter.current_limit
    if breached is None:
        return DEFAULT_RETRY_SECONDS
    return max(1, math.ceil(breached.reset_at - time.time()))


def search_limits(view: View) -> View:
    """Apply the visitor limit (per address) and the member limit (per account) to ``view``."""
    per_address = limiter.limit(_visitor_limit, key_func=get_remote_address, exempt_when=signed_in, scope="search")
    per_account = limiter.limit(_member_limit, key_func=_account_key, exempt_when=_visitor, scope="search-member")
    return cast(View, per_account(per_address(view)))
