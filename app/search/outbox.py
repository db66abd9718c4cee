"""Writing index changes into the outbox, inside the caller's transaction."""

from __future__ import annotations

import enum

from ..extensions import db
from ..page_cache import content_changed
from .background import mark_pending
from .models import SearchOutbox

DOC_TYPES = ("resource", "thread", "post", "organisation", "event", "course")


class OutboxOp(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


def enqueue(doc_type: str, doc_id: int, op: str = "upsert") -> None:
    """Record that ``doc_type``/``doc_id`` changed; applied to the index after commit."""
    if doc_type not in DOC_TYPES:
        raise ValueError(f"unknown search document type {doc_type!r}")
    if op not in (OutboxOp.UPSERT, OutboxOp.DELETE):
        raise ValueError(f"unknown outbox operation {op!r}")
    db.session.add(SearchOutbox(doc_type=doc_type, doc_id=doc_id, op=op))
    mark_pending()
    content_changed()
