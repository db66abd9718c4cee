"""What a shared link previews: OpenGraph, Twitter-card, meta description and canonical URL.

A page gets a ``PageMeta`` only when a visitor could open it (asked through ``app/permissions``
as an anonymous reader), so a members-only page carries none of its text in its head: social
networks' crawlers are visitors. Addresses are absolute, rooted at ``SITE_URL`` like e-mails and
feeds, never at the request's Host.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for

from .permissions import can
from .text import one_line

DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str  # absolute canonical address
    kind: str  # og:type: "article" for content, "website" for listings and profiles
    site_name: str


def canonical_url(endpoint: str, **values: Any) -> str:
    """The page's absolute address under ``SITE_URL`` (query strings other than ``values`` dropped)."""
    return current_app.config["SITE_URL"].rstrip("/") + url_for(endpoint, **values)


def shorten(text: str | None, length: int = DESCRIPTION_LENGTH) -> str:
    """One line of at most ``length`` characters, cut at a word with an ellipsis."""
    line = one_line(text)
    if len(line) <= length:
        return line
    cut = line[: length - 1].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"


def page_meta(title: str, description: str, endpoint: str, *, kind: str = "article", **values: Any) -> PageMeta:
    return PageMeta(
        title=one_line(title),
        description=shorten(description) or one_line(title),
        url=canonical_url(endpoint, **values),
        kind=kind,
        site_name=current_app.config["SITE_NAME"],
    )


def public_meta(
    action: str, target: Any, title: str, description: str, endpoint: str, *, kind: str = "article", **values: Any
) -> PageMeta | None:
    """``page_meta`` when a visitor may do ``action`` (e.g. ``resource.view``) on ``target``, else None."""
    if not can(None, action, target):
        return None
    return page_meta(title, description, endpoint, kind=kind, **values)
