"""Plain-text normalisation: the one place user text is tidied before it is validated or stored.

Each function does one thing, so callers combine them and name what they want. None of them
escapes HTML (templates do) or renders Markdown (``app.content`` does).
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n?")


def without_nul(text: str | None) -> str:
    """``text`` without NUL characters (PostgreSQL refuses them in text columns); None is ''."""
    return (text or "").replace("\x00", "")


def one_line(text: str | None) -> str:
    """A one-line field: no NUL, every run of white space (newlines too) folded to one space."""
    return " ".join(without_nul(text).split())


def text_block(text: str | None) -> str:
    """Multi-line text: no NUL, line endings as ``\\n``, no white space around the whole."""
    return _LINE_BREAKS.sub("\n", without_nul(text)).strip()


def slugify(text: str, max_length: int = 80, fallback: str = "item") -> str:
    """ASCII, lower-case, hyphenated; never empty."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or fallback


def next_free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first one not in ``taken``."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
