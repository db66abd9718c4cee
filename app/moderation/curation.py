"""Moderators curate any resource: its topics and tags, and merging a duplicate into the original.

The library's service does the work (revision, audit event, search outbox, redirect of the
duplicate's URLs); this module finds the resources a moderator names and logs the action.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..library.curation import list_topics
from ..library.models import TOPIC_GROUP_LABELS, Resource, TopicGroup
from ..library.queries import lookup
from ..library.service import merge_resource, parse_tags, set_resource_topics_tags
from ..permissions import require
from .actions import log_moderator_action


def resource_for_curation(actor: Any, resource_id: int) -> Any:
    require(actor, "moderation.review")
    resource = db.session.get(Resource, resource_id)
    if resource is None:
        raise NotFound()
    require(actor, "resource.curate", resource)
    return resource


def topic_choices() -> list[tuple[str, list[Any]]]:
    """The curated topics, grouped ("Platforms", "Subjects") for the form."""

    groups: dict[str, list[Any]] = {}
    for topic in list_topics():
        groups.setdefault(topic.group, []).append(topic)
    return [(TOPIC_GROUP_LABELS[g], groups[g.value]) for g in TopicGroup if g.value in groups]


def update_topics_and_tags(actor: Any, resource: Any, topics: list[str], tags_text: str) -> Any:
    set_resource_topics_tags(actor, resource, topics, parse_tags(tags_text))
    log_moderator_action("resource.curate", "resource", resource.id)
    return resource


def _slug_from(reference: str) -> str:
    """``guide-x``, ``/library/guide-x`` or ``https://site/library/guide-x`` all name ``guide-x``."""
    text = (reference or "").strip()
    if len(text) > 1000:
        return ""
    try:
        path = urlsplit(text).path if "/" in text else text
    except ValueError:
        return ""
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2 and parts[-2] == "library":
        return parts[-1]
    return parts[0] if len(parts) == 1 else ""


def merge_duplicate(actor: Any, duplicate: Any, target_reference: str) -> Any:
    """Merge ``duplicate`` into the resource named by ``target_reference``; returns the target.

    :raise ValidationError: no such resource, or the duplicate itself.
    """

    problem = {"target": ["Give the address or slug of the resource to keep, e.g. /library/crisis-playbook."]}
    slug = _slug_from(target_reference)
    if not slug:
        raise ValidationError("Which resource should it be merged into?", problem)
    try:
        target = lookup(actor, slug).resource
    except NotFound:
        raise ValidationError("There is no resource at that address.", problem) from None
    if target.id == duplicate.id:
        raise ValidationError("A resource cannot be merged into itself.", {"target": ["Choose a different resource."]})
    merge_resource(actor, duplicate, target)
    log_moderator_action("resource.merge", "resource", duplicate.id)
    return target
