"""Results checked against the database where the index may be behind it (SECURITY.md 44).

The index catches up with a change a moment after its commit (the outbox is drained in the
background). Until then a deleted, hidden or newly members-only item could still be found. So
before a page of results is shown, every hit whose item has a pending outbox row (itself, or for
a thread one of its posts) is read again from the database, with the same loader the indexer
uses: a hit that no longer belongs in the index, or not for this audience, is dropped; one that
changed shows its current title and no stale snippet. Hits without a pending row cost one query
for the whole page.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from sqlalchemy import and_, or_, select

from ..extensions import db
from .backend import Hit
from .documents import LOADERS, SearchDocument, load_documents, threads_of_posts
from .models import SearchOutbox
from .snippets import plain


def fresh_hits(hits: list[Hit], audiences: tuple[str, ...]) -> list[Hit]:
    """``hits`` without the ones the database no longer lets ``audiences`` see, in the same order."""
    pending = _pending_keys(hits)
    if not pending:
        return hits
    current: dict[tuple[str, int], SearchDocument] = {}
    for doc_type in {doc_type for doc_type, _ in pending}:
        ids = [doc_id for kind, doc_id in pending if kind == doc_type]
        for doc_id, document in load_documents(doc_type, ids).items():
            current[(doc_type, doc_id)] = document
    kept = []
    for hit in hits:
        key = (hit.type, hit.id)
        if key not in pending:
            kept.append(hit)
            continue
        now = current.get(key)
        if now is None or now.audience not in audiences:
            continue
        hit.title = now.title
        hit.title_html = Markup(escape(now.title))
        hit.snippet = plain(now.summary or now.body)
        kept.append(hit)
    return kept


def _pending_keys(hits: list[Hit]) -> set[tuple[str, int]]:
    """The (type, id) of the hits the index may be behind on; only types the indexer can load."""
    by_type: dict[str, list[int]] = {}
    for hit in hits:
        if hit.type in LOADERS:
            by_type.setdefault(hit.type, []).append(hit.id)
    if not by_type:
        return set()
    conditions = [and_(SearchOutbox.doc_type == t, SearchOutbox.doc_id.in_(ids)) for t, ids in by_type.items()]
    if "thread" in by_type:
        conditions.append(SearchOutbox.doc_type == "post")
    rows = db.session.execute(select(SearchOutbox.doc_type, SearchOutbox.doc_id).where(or_(*conditions))).all()
    pending = {(row.doc_type, row.doc_id) for row in rows if row.doc_type != "post"}
    post_ids = [row.doc_id for row in rows if row.doc_type == "post"]
    if post_ids:
        threads = set(by_type.get("thread", []))
        pending |= {("thread", thread_id) for thread_id in threads_of_posts(post_ids) if thread_id in threads}
    return pending
