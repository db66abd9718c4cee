"""A small Atom 1.0 writer for the learning feeds (events, news), built with ElementTree so every
value is escaped. Links come from ``SITE_URL``; entries carry plain text only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..db_types import utcnow

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class AtomEntry:
    id: str  # a tag: URI that never changes
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    author: str


def _xml_safe(text: str) -> str:
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD or ord(ch) > 0xFFFF
    )


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", {k: _xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml_safe(text)
    return element


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def build_atom(title: str, self_url: str, alternate_url: str, entries: Sequence[AtomEntry]) -> bytes:
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    _el(feed, "updated", _stamp(max((e.updated for e in entries), default=utcnow())))
    _el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    for item in entries:
        entry = _el(feed, "entry")
        _el(entry, "id", item.id)
        _el(entry, "title", item.title)
        _el(entry, "link", rel="alternate", type="text/html", href=item.url)
        _el(entry, "published", _stamp(item.published))
        _el(entry, "updated", _stamp(item.updated))
        _el(_el(entry, "author"), "name", item.author)
        _el(entry, "summary", item.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def tag_uri(host: str, created: datetime, path: str) -> str:
    return f"tag:{host},{created:%Y-%m-%d}:{path}"
