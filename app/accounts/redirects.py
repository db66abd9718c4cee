"""Where a ``next=`` parameter may send the browser: only a path on this site (docs/SECURITY.md 3)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

MAX_NEXT_LENGTH = 2000


def safe_next_url(target: str | None) -> str | None:
    """``target`` if it is a local path such as ``/library?page=2``, else ``None``.

    Browsers drop tabs and newlines inside a URL and treat ``\\`` as ``/``, so ``/\\evil`` or
    ``/<TAB>/evil`` would leave the site: any control character, whitespace at either end or
    backslash refuses the target outright, as does anything that decodes to such a form.
    """
    if not target or not isinstance(target, str) or len(target) > MAX_NEXT_LENGTH:
        return None
    for candidate in (target, unquote(target)):
        if candidate != candidate.strip() or "\\" in candidate:
            return None
        if any(not ch.isprintable() for ch in candidate):
            return None
        if not candidate.startswith("/") or candidate.startswith("//"):
            return None
        parts = urlsplit(candidate)
        if parts.scheme or parts.netloc:
            return None
    return target
