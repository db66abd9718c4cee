"""What an author may set on a resource, and the checks every way of creating or editing runs.

The web form, ``flask library import`` and the JSON API all build a ``ResourceInput`` and call
``validate``; nothing else (author, organisation, status, featured) is ever taken from input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from ..errors import ValidationError
from ..extensions import db
from ..text import one_line, text_block
from .models import ResourceKind, Topic, Visibility

TITLE_MAX = 200
SUMMARY_MAX = 1000
BODY_MAX = 200_000
URL_MAX = 1000
NOTE_MAX = 300
REASON_MAX = 2000
TAG_MAX_LENGTH = 40
TAGS_MAX = 12
SLUG_MAX = 100
ATTACHMENTS_MAX = 20
# Paths under /library/ that are pages of their own, never a resource's slug.
RESERVED_SLUGS = frozenset({"new", "mine", "bookmarks", "collections", "topics", "orgs", "feed", "feed-atom"})

_KINDS = frozenset(kind.value for kind in ResourceKind)
_VISIBILITIES = frozenset(visibility.value for visibility in Visibility)


@dataclass
class ResourceInput:
    """The fields an author may set.

    ``topics`` are topic slugs or names from the curated list (an unknown one is an error);
    ``tags`` are free words (normalised; new ones are created).
    """

    title: str
    summary: str = ""
    body: str = ""
    kind: str = ResourceKind.GUIDE.value
    visibility: str = Visibility.PUBLIC.value
    topics: Sequence[str] = field(default_factory=list)
    tags: Sequence[str] = field(default_factory=list)
    external_url: str = ""


@dataclass
class CleanResource:
    """A ``ResourceInput`` that passed ``validate``: tidied text, known topics, normalised tags."""

    title: str
    summary: str
    body: str
    kind: str
    visibility: str
    topics: list[Topic]
    tags: list[str]
    external_url: str

    def snapshot(self) -> dict[str, Any]:
        """The revision snapshot of a resource holding these fields (see ``revisions.snapshot``)."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body_source": self.body,
            "kind": self.kind,
            "visibility": self.visibility,
            "external_url": self.external_url,
            "topics": sorted(topic.slug for topic in self.topics),
            "tags": sorted(self.tags),
        }


def normalise_tag(raw: str) -> str:
    return one_line(raw).strip(" #,;").lower()[:TAG_MAX_LENGTH].strip()


def normalise_tags(raw: Iterable[str]) -> list[str]:
    """Normalised, without blanks or repeats, in the order given."""
    return list(dict.fromkeys(tag for tag in (normalise_tag(t) for t in raw) if tag))


def parse_tags(text: str) -> list[str]:
    """Tags typed in one box, separated by commas or semicolons."""
    return [tag for tag in (normalise_tag(part) for part in re.split(r"[,;]", text or "")) if tag]


def valid_external_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in url)


def validate(data: ResourceInput) -> CleanResource:
    """:raise ValidationError: every problem at once, by field, in the words the form shows."""
    errors: dict[str, list[str]] = {}
    title = one_line(data.title)
    summary = text_block(data.summary)
    body = text_block(data.body)
    url = (data.external_url or "").strip().replace("\x00", "")
    if len(title) < 3:
        errors["title"] = ["Give the resource a title of at least 3 characters."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"Keep the title under {TITLE_MAX} characters."]
    if len(summary) > SUMMARY_MAX:
        errors["summary"] = [f"Keep the summary under {SUMMARY_MAX} characters."]
    if len(body) > BODY_MAX:
        errors["body"] = [f"The body is longer than {BODY_MAX:,} characters."]
    if data.kind not in _KINDS:
        errors["kind"] = ["Choose a kind of resource from the list."]
    if data.visibility not in _VISIBILITIES:
        errors["visibility"] = ["Choose public or members only."]
    if url and (len(url) > URL_MAX or not valid_external_url(url)):
        errors["external_url"] = ["Links must be complete http:// or https:// addresses."]
    if data.kind == ResourceKind.LINK.value and not url:
        errors["external_url"] = ["A link resource needs its address."]
    if not body and not url and "body" not in errors:
        errors["body"] = ["Write the content, or give a link to it."]
    topics, tags = _topics_and_tags(data.topics, data.tags, errors)
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    return CleanResource(title, summary, body, data.kind, data.visibility, topics, tags, url)


def validate_topics_and_tags(topics: Sequence[str], tags: Sequence[str]) -> tuple[list[Topic], list[str]]:
    """A moderator's retagging: :raise ValidationError: an unknown topic or too many tags."""
    errors: dict[str, list[str]] = {}
    found, names = _topics_and_tags(topics, tags, errors)
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    return found, names


def _topics_and_tags(
    topics: Sequence[str], tags: Sequence[str], errors: dict[str, list[str]]
) -> tuple[list[Topic], list[str]]:
    names = normalise_tags(tags)
    if len(names) > TAGS_MAX:
        errors["tags"] = [f"Use at most {TAGS_MAX} tags."]
    found, unknown = resolve_topics(topics)
    if unknown:
        errors["topics"] = ["Unknown topic: " + ", ".join(unknown)]
    return found, names


def resolve_topics(values: Iterable[str]) -> tuple[list[Topic], list[str]]:
    """Topics by slug or name (case-insensitive); returns (found, unknown)."""
    wanted = [v.strip() for v in values if v and v.strip()]
    if not wanted:
        return [], []
    keys = {v.lower() for v in wanted}
    rows = db.session.execute(
        select(Topic).where((Topic.slug.in_(keys)) | (func.lower(Topic.name).in_(keys)))
    ).scalars()
    by_key: dict[str, Topic] = {}
    for topic in rows:
        by_key[topic.slug.lower()] = topic
        by_key[topic.name.lower()] = topic
    found: dict[int, Topic] = {}
    unknown: list[str] = []
    for value in wanted:
        match = by_key.get(value.lower())
        if match is None:
            unknown.append(value)
        else:
            found[match.id] = match
    return list(found.values()), unknown


def external_id_of(raw: str | None) -> str | None:
    """An importer's id for a line, tidied; None when blank."""
    tidied = one_line(raw)[:200]
    return tidied or None
