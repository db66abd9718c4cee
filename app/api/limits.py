"""Per-token rate limits on the API (``API_RATE_LIMIT_READ``, ``API_RATE_LIMIT_WRITE``).

Each is one bucket per caller across every endpoint of its kind (``auth.rate_key``: the token,
else the account, else the address). Posting threads and replies is also held to the
discussions' own limits, shared with the pages (``discussions/limits.py``).
"""

from __future__ import annotations

from flask import current_app

from ..extensions import limiter
from .auth import rate_key


def _read_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT_READ"])


def _write_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT_WRITE"])


read_limit = limiter.shared_limit(_read_limit, scope="api-read", key_func=rate_key)
write_limit = limiter.shared_limit(_write_limit, scope="api-write", key_func=rate_key)
