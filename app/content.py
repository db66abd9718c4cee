"""User text in, safe HTML out: Markdown → HTML → allow-list sanitizer, plus plain text and excerpts.

This is the only module that imports bleach. ``render_markdown`` runs when content is saved (its
result is stored beside the source) and for previews; the stored result is the only user HTML a
template ever marks safe.

Rules (docs/SECURITY.md 20-25): raw HTML in Markdown is off; tags and attributes come from an
allow-list; no ``style``, ``on*``, ``id``, ``name``, ``class`` or ``target``; links get
``rel="nofollow noopener noreferrer ugc"``.

URLs are judged as a browser reads them, not as they look: HTML entities decoded (``&#x09;``,
``&colon;``, ``&Tab;``), leading and trailing C0 controls and spaces stripped, tabs and newlines
removed anywhere, scheme case-folded. Bleach checks the scheme first; ``_UrlFilter`` checks it
again with that browser reading, because bleach's own parser lets a few through (``javascript:``
followed by nothing or by digits only).

- Links: http, https, mailto, or a relative reference (``/path``, ``page``, ``#part``, ``?q``).
  Protocol-relative references (``//host``, and the ``/\\host`` spellings browsers treat the
  same) are dropped: a link to another site must say its scheme.
- Images: only the site's own files, ``/files/<id>`` or ``/files/<id>/<name>`` (one segment, no
  dot segments, no query); anything else (external, ``data:``, SVG from elsewhere) is removed.

Time is bounded: markdown-it and html5lib are pure Python and cost a few tens of microseconds per
token, so sources longer than ``MAX_MARKDOWN_LENGTH`` are refused with a ``ValidationError``
before any work is done (about 200,000 characters of ordinary prose render in a few seconds).
"""

from __future__ import annotations

import html
import re

import bleach
from bleach.html5lib_shim import Filter  # type: ignore[attr-defined]  # missing from types-bleach
from markdown_it import MarkdownIt

from .errors import ValidationError
from .text import slugify as slugify  # re-exported: slugs were made here before app.text

ALLOWED_TAGS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 strong em del s code pre blockquote ul ol li a img "
    "table thead tbody tr th td".split()
)
ALLOWED_ATTRIBUTES: dict[str, list[str]] = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer ugc"
MAX_MARKDOWN_LENGTH = 200_000
MAX_HTML_LENGTH = 1_000_000
# Images may only come from the site's own uploads, served at /files/<attachment id>/<name>.
LOCAL_IMAGE = re.compile(r"/files/[0-9]+(?:/[^/\\?#\s]+)?")

_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DOT_SEGMENT = re.compile(r"(?:\.|%2e){1,2}", re.IGNORECASE)

# js-default with maxNesting 20 (the CommonMark preset's value): deep enough for any real document,
# and it bounds the work markdown-it does for each unmatched "[" or "![".
_markdown = MarkdownIt(
    "js-default", {"html": False, "linkify": False, "typographer": False, "maxNesting": 20}
)


def browser_url(value: str) -> str:
    """The URL a browser would resolve for this attribute value (before resolving it)."""
    decoded = html.unescape(value or "")
    return _TAB_OR_NEWLINE.sub("", decoded.strip(_C0_AND_SPACE))


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in ``value``, lower-cased; None for a relative reference."""
    match = _SCHEME.match(browser_url(value))
    return match.group(1).lower() if match else None


def is_safe_link(value: str) -> bool:
    scheme = url_scheme(value)
    if scheme is not None:
        return scheme in ALLOWED_PROTOCOLS
    url = browser_url(value)
    return not (len(url) >= 2 and url[0] in "/\\" and url[1] in "/\\")


def is_local_image(value: str) -> bool:
    url = browser_url(value)
    if not LOCAL_IMAGE.fullmatch(url):
        return False
    name = url.split("/")[3] if url.count("/") == 3 else ""
    return not _DOT_SEGMENT.fullmatch(name)


class _UrlFilter(Filter):
    """Re-checks every link and image URL the browser way; sets ``rel`` on every link."""

    def __iter__(self):
        for token in Filter.__iter__(self):
            name = token.get("name")
            if token.get("type") in ("StartTag", "EmptyTag") and name in ("a", "img"):
                data = dict(token.get("data") or {})
                if name == "img":
                    if not is_local_image(data.get((None, "src"), "")):
                        continue
                else:
                    href = data.get((None, "href"))
                    if href is not None and not is_safe_link(href):
                        del data[(None, "href")]
                    data[(None, "rel")] = LINK_REL
                token = {**token, "data": data}
            yield token


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_UrlFilter],
)


def sanitize_html(dirty: str) -> str:
    """Clean HTML to the allow-list. Cleaning twice changes nothing.

    :raise ValidationError: the HTML is longer than ``MAX_HTML_LENGTH`` characters.
    """
    dirty = dirty or ""
    if len(dirty) > MAX_HTML_LENGTH:
        raise ValidationError(f"The text is too long: the limit is {MAX_HTML_LENGTH:,} characters.")
    return _cleaner.clean(dirty)


def render_markdown(source: str) -> str:
    """Markdown source → sanitized HTML, safe to store and to mark safe in a template.

    :raise ValidationError: the source is longer than ``MAX_MARKDOWN_LENGTH`` characters.
    """
    source = source or ""
    if len(source) > MAX_MARKDOWN_LENGTH:
        raise ValidationError(f"The text is too long: the limit is {MAX_MARKDOWN_LENGTH:,} characters.")
    # markdown-it output of a bounded source is bounded too, so it skips sanitize_html's cap.
    return _cleaner.clean(_markdown.render(source))


def _token_text(tokens) -> list[str]:
    parts: list[str] = []
    for token in tokens:
        if token.children:
            parts.extend(_token_text(token.children))
        elif token.type in ("text", "code_inline", "code_block", "fence"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        if token.block and token.nesting <= 0:
            parts.append(" ")
    return parts


def plain_text(source: str) -> str:
    """The readable text of Markdown source, with no markup at all (escape it on output).

    Longer sources than ``MAX_MARKDOWN_LENGTH`` are read up to that length (never refused), so an
    excerpt or an index entry can always be made.
    """
    tokens = _markdown.parse((source or "")[:MAX_MARKDOWN_LENGTH])
    return " ".join("".join(_token_text(tokens)).split())


def excerpt(source: str, length: int = 240) -> str:
    text = plain_text(source)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"
