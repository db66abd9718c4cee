"""Atom 1.0 feeds, built with ElementTree so every value is escaped: the one feed builder.

Links and ids come from ``SITE_URL`` (never the request's Host). Each domain turns what it lists
into ``FeedEntry`` values (already filtered to what a visitor may see) and calls ``build_feed``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app

from .db_types import utcnow

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"

ET.register_namespace("", ATOM_NS)


@dataclass(frozen=True)
class FeedEntry:
    """One entry. ``summary`` is plain text; ``html`` is sanitized HTML stored by ``app.content``."""

    id: str
    title: str
    url: str
    published: datetime | None
    updated: datetime | None
    author: str
    categories: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (term, label)
    summary: str = ""
    html: str = ""


def tag_uri(kind: str, object_id: int, created: datetime) -> str:
    """A tag URI (RFC 4151) that stays the same when the title and slug change."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    return f"tag:{host},{created:%Y-%m-%d}:{kind}/{object_id}"


def build_feed(title: str, self_url: str, alternate_url: str, entries: Sequence[FeedEntry]) -> bytes:
    """An Atom 1.0 document; ``updated`` is the newest entry's (now when there is none)."""
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    stamps: list[datetime] = [stamp for e in entries if (stamp := e.updated or e.published) is not None]
    _el(feed, "updated", _stamp(max(stamps, default=None)))
    _el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    for item in entries:
        entry = _el(feed, "entry")
        _el(entry, "id", item.id)
        _el(entry, "title", item.title)
        _el(entry, "link", rel="alternate", type="text/html", href=item.url)
        _el(entry, "published", _stamp(item.published))
        _el(entry, "updated", _stamp(item.updated or item.published))
        author = _el(entry, "author")
        _el(author, "name", item.author)
        for term, label in item.categories:
            _el(entry, "category", term=xml_safe(term), label=xml_safe(label))
        if item.summary:
            _el(entry, "summary", item.summary, type="text")
        if item.html:
            _el(entry, "content", item.html, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def xml_safe(text: str) -> str:
    """XML 1.0 forbids most control characters even when escaped: drop them."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (0x20 <= ord(ch) <= 0xD7FF) or (0xE000 <= ord(ch) <= 0xFFFD) or ord(ch) > 0xFFFF
    )


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _stamp(value: datetime | None) -> str:
    return (value or utcnow()).isoformat(timespec="seconds").replace("+00:00", "Z")
