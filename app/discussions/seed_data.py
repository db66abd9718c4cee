"""Demo discussion content, read from ``app/data/discussions.toml``: what health communicators
really ask each other.

``THREADS`` are (category slug, title, opening post, flags); flags may hold "pinned" or a lock
reason under "locked". ``REPLIES`` are answers by category; ``GENERIC_REPLIES`` and
``LONG_REPLIES`` fit anywhere; ``ANSWERS`` reply to a question asked in a thread, and
``AUTHOR_THANKS`` close a thread from its author.
"""

from __future__ import annotations

from ..data import load

_DATA = load("discussions")

THREADS: list[tuple[str, str, str, dict[str, str]]] = [
    (thread["category"], thread["title"], thread["body"], dict(thread.get("flags", {}))) for thread in _DATA["threads"]
]
REPLIES: dict[str, list[str]] = {category: list(replies) for category, replies in _DATA["replies"].items()}
GENERIC_REPLIES: list[str] = list(_DATA["generic_replies"])
LONG_REPLIES: list[str] = list(_DATA["long_replies"])
ANSWERS: list[str] = list(_DATA["answers"])
AUTHOR_THANKS: list[str] = list(_DATA["author_thanks"])
