"""User text in, safe HTML out: Markdown → HTML → allow-list sanitizer, plus slugs and excerpts.

This is the only module that imports bleach. ``render_markdown`` runs when content is saved (its
result is stored beside the source) and for previews; the stored result is the only user HTML a
template ever marks safe.

Rules (SECURITY.md 20-25): raw HTML in Markdown is off; tags and attributes come from an
allow-list; link URLs are http, https, mailto or relative, as a browser reads them (bleach
decodes entities and drops control characters before checking the scheme); links get
``rel="nofollow noopener noreferrer ugc"``; images only from the site's own files
(``/files/<id>/…``); no ``style``, ``on*``, ``id``, ``name``, ``class`` or ``target``.
"""

from __future__ import annotations

import html
import re
import unicodedata
import bleach
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)
ALLOWED_ATTRIBUTES: dict[str, list[str]] = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer ugc"
# Images may only come from the site's own uploads, served at /files/<attachment id>/<name>.
LOCAL_IMAGE = re.compile(r"^/files/\d+(/[^\s?#\\]*)?$")

_markdown = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


class _LinkAndImageFilter(Filter):
    """Sets ``rel`` on every link; drops any image that is not one of the site's own files."""

    def __iter__(self):
        for token in Filter.__iter__(self):
            kind = token.get("type")
            name = token.get("name")
            if name == "img" and kind in ("StartTag", "EmptyTag"):
                src = (token.get("data") or {}).get((None, "src"), "")
                if not LOCAL_IMAGE.match(src):
                    continue
            if name == "a" and kind == "StartTag":
                data = dict(token.get("data") or {})
                data[(None, "rel")] = LINK_REL
                token = {**token, "data": data}
            yield token


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinkAndImageFilter],
)


def sanitize_html(dirty: str) -> str:
    """Clean HTML to the allow-list. Cleaning twice changes nothing."""
    return _cleaner.clean(dirty or "")


def render_markdown(source: str) -> str:
    """Markdown source → sanitized HTML, safe to store and to mark safe in a template."""
    return sanitize_html(_markdown.render(source or ""))


def plain_text(source: str) -> str:
    """The readable text of Markdown source, with no markup at all (escape it on output)."""
    text = bleach.clean(_markdown.render(source or ""), tags=set(), strip=True)
    return " ".join(html.unescape(text).split())


def excerpt(source: str, length: int = 240) -> str:
    text = plain_text(source)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def slugify(text: str, max_length: int = 80, fallback: str = "item") -> str:
    """ASCII, lower-case, hyphenated; never empty."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or fallback

