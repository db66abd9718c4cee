"""What follows a change to a resource: its search outbox row and the word to its author."""

from __future__ import annotations

from ..notifications.service import notify
from ..search import outbox
from ..search.outbox import OutboxOp
from .models import Resource


def resource_path(resource: Resource) -> str:
    """The resource's local URL (services build links without a request)."""
    return f"/library/{resource.slug}"


def reindex(resource: Resource) -> None:
    """Tell search about the change: upsert what is listed, remove what no longer is."""
    outbox.enqueue("resource", resource.id, OutboxOp.UPSERT if resource.is_listed else OutboxOp.DELETE)


def unindex(resource_id: int) -> None:
    outbox.enqueue("resource", resource_id, OutboxOp.DELETE)


def tell_author(resource: Resource, kind: str, subject: str, body: str) -> None:
    """Notify the resource's author (in the app, and by e-mail as they chose), if it has one."""
    if resource.author is not None:
        notify(resource.author, kind, subject, body, resource_path(resource))
