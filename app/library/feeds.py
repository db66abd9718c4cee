"""Atom feeds of the public library, built with ElementTree so every value is escaped.

Links and ids come from ``SITE_URL`` (never the request's Host). Entries carry the plain-text
summary only: no user HTML reaches a feed reader.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app

from ..content import excerpt
from ..db_types import utcnow
from ..mail import absolute_url
from .models import Resource

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"

ET.register_namespace("", ATOM_NS)


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrs)
    if text is not None:
        element.text = _xml_safe(text)
    return element


def _xml_safe(text: str) -> str:
    """XML 1.0 forbids most control characters even when escaped: drop them."""
    return "".join(
        ch for ch in text
        if ch in "\t\n\r" or (0x20 <= ord(ch) <= 0xD7FF) or (0xE000 <= ord(ch) <= 0xFFFD) or ord(ch) > 0xFFFF
    )


def _entry_id(resource: Resource) -> str:
    """A tag URI (RFC 4151) that stays the same when the title and slug change."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    return f"tag:{host},{resource.created_at:%Y-%m-%d}:resource/{resource.id}"


def _stamp(value: datetime | None) -> str:
    return (value or utcnow()).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_feed(title: str, self_endpoint: str, self_values: dict[str, str], resources: Sequence[Resource]) -> bytes:
    """An Atom 1.0 document for ``resources`` (already filtered to what a visitor may see)."""
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    self_url = absolute_url(self_endpoint, **self_values)
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    updated = max((r.updated_at or r.published_at for r in resources), default=None)
    _el(feed, "updated", _stamp(updated))
    _el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, "link", rel="alternate", type="text/html", href=absolute_url("library.index"))
    for resource in resources:
        entry = _el(feed, "entry")
        url = absolute_url("library.detail", slug=resource.slug)
        _el(entry, "id", _entry_id(resource))
        _el(entry, "title", resource.title)
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        _el(entry, "published", _stamp(resource.published_at))
        _el(entry, "updated", _stamp(resource.updated_at or resource.published_at))
        author = _el(entry, "author")
        _el(author, "name", resource.organisation.name)
        for topic in resource.topics:
            _el(entry, "category", term=_xml_safe(topic.slug), label=_xml_safe(topic.name))
        summary = resource.summary or excerpt(resource.body_source, 400)
        _el(entry, "summary", summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
