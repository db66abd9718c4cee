"""Plain-text normalisation: the one place user text is tidied before it is validated or stored.

Each function does one thing, so callers combine them and name what they want. None of them
escapes HTML (templates do) or renders Markdown (``app.content`` does).
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n?")
# Characters that show nothing, or silently reorder the text around them, and that no title, name
# or message needs: the bidirectional marks, embeddings, overrides and isolates, the zero-width
# space, word joiner and invisible operators, the byte-order mark, the Mongolian vowel separator.
_DECEPTIVE = re.compile("[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Joiners shape emoji sequences and several scripts (Persian, Indic): kept only between two
# visible characters, where they can do that work.
_JOINERS = "\u200c\u200d"


def without_nul(text: str | None) -> str:
    """``text`` without NUL characters (PostgreSQL refuses them in text columns); None is ''."""
    return (text or "").replace("\x00", "")


def _visible(ch: str) -> bool:
    return bool(ch) and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def without_invisible(text: str | None) -> str:
    """``text`` without characters that can only deceive a reader: bidirectional controls,
    zero-width spaces and the like, and joiners that join nothing (so a title of them is empty)."""
    text = _DECEPTIVE.sub("", text or "")
    if not any(joiner in text for joiner in _JOINERS):
        return text
    kept = []
    for i, ch in enumerate(text):
        if ch in _JOINERS and not (i > 0 and _visible(text[i - 1]) and i + 1 < len(text) and _visible(text[i + 1])):
            continue
        kept.append(ch)
    return "".join(kept)


def one_line(text: str | None) -> str:
    """A one-line field: no NUL, nothing invisible, every run of white space (newlines too) folded
    to one space."""
    return " ".join(without_invisible(without_nul(text)).split())


def text_block(text: str | None) -> str:
    """Multi-line text: no NUL, nothing invisible, line endings as ``\\n``, no white space around
    the whole."""
    return _LINE_BREAKS.sub("\n", without_invisible(without_nul(text))).strip()


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


IRREGULAR_PLURALS = {"person": "people", "entry": "entries", "reply": "replies", "child": "children"}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, "person")`` → "1 person", ``plural(3, "person")`` → "3 people"."""
    if count == 1:
        return f"{count:,} {singular}"
    return f"{count:,} {plural_form or IRREGULAR_PLURALS.get(singular) or singular + 's'}"
