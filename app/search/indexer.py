"""Keeping the index in step with the database: sync (drain the outbox), rebuild, check.

Every function that writes first takes the backend's writer lock (Whoosh: one writer at a time;
PostgreSQL backend: syncs side by side, a rebuild alone). ``sync`` given no time to wait returns
at once when the lock is busy, leaving the rows for later; rows are deleted only after the index
change is committed, so a crash anywhere only delays them. An outbox row says *what* changed; the
document written is read from the database at that time.

On PostgreSQL, rows are *claimed* (``SELECT … FOR UPDATE SKIP LOCKED``) and deleted in the
transaction that applies them, so any number of ``flask search worker`` processes share the
queue without applying a row twice, and a worker killed at any moment releases its claim (its
transaction rolls back) for another to take. With the PostgreSQL backend the index write is part
of that same transaction: a row's change is applied exactly once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update

from ..courses.models import Course
from ..events.models import Event
from ..extensions import db
from ..library.models import Resource
from .backend import IndexBusy, SearchBackend, get_backend
from .documents import (
    INDEX_TYPES,
    SearchDocument,
    count_candidates,
    doc_key,
    iter_documents,
    load_documents,
    threads_of_posts,
)
from .models import SearchOutbox

log = logging.getLogger(__name__)

BATCH = 500
MAX_ATTEMPTS = 5
REINDEX_LOCK_TIMEOUT = 60.0


@dataclass
class SyncReport:
    applied: int = 0
    busy: bool = False
    failed: int = 0


@dataclass
class CheckReport:
    indexed: int = 0
    expected: int = 0
    pending: int = 0
    missing: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.orphaned or self.stale)


def pending_count() -> int:
    return db.session.execute(
        select(func.count()).select_from(SearchOutbox).where(SearchOutbox.attempts < MAX_ATTEMPTS)
    ).scalar_one()


def sync(*, lock_timeout: float = 0.0, batch: int = BATCH, max_batches: int | None = None) -> SyncReport:
    """Apply pending outbox rows to the index; commits. Returns at once if the writer is busy."""
    backend = get_backend()
    with backend.writer_lock(lock_timeout) as acquired:
        if not acquired:
            return SyncReport(busy=True)
        return _drain(backend, batch=batch, max_batches=max_batches)


def claim_batch(limit: int) -> list[Any]:
    """Lock up to ``limit`` pending rows for this transaction, skipping rows another worker holds.

    PostgreSQL only (SQLite has one writer anyway). The caller applies them and deletes them
    before committing; a rollback or a crash hands them back.
    """
    return list(
        db.session.execute(
            select(SearchOutbox.id, SearchOutbox.doc_type, SearchOutbox.doc_id)
            .where(SearchOutbox.attempts < MAX_ATTEMPTS)
            .order_by(SearchOutbox.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )


def _claims_rows() -> bool:
    return db.engine.dialect.name == "postgresql"


def _drain(backend: SearchBackend, *, batch: int, max_batches: int | None) -> SyncReport:
    if _claims_rows():
        return _drain_claimed(backend, batch=batch, max_batches=max_batches)
    report = SyncReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        rows = list(
            db.session.execute(
                select(SearchOutbox.id, SearchOutbox.doc_type, SearchOutbox.doc_id)
                .where(SearchOutbox.attempts < MAX_ATTEMPTS)
                .order_by(SearchOutbox.id)
                .limit(batch)
            )
        )
        db.session.commit()  # end the read transaction before the (slower) index write
        if not rows:
            break
        batches += 1
        row_ids = [row.id for row in rows]
        try:
            apply_changes([(row.doc_type, row.doc_id) for row in rows], backend)
        except Exception:
            log.exception("search: could not apply outbox rows %s..%s; retrying one by one", row_ids[0], row_ids[-1])
            db.session.rollback()
            failed = _apply_one_by_one(rows, backend)
            report.failed += failed
            report.applied += len(rows) - failed
            continue
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(row_ids)))
        db.session.commit()
        report.applied += len(rows)
    return report


def _drain_claimed(backend: SearchBackend, *, batch: int, max_batches: int | None) -> SyncReport:
    report = SyncReport()
    batches = 0
    db.session.commit()
    while max_batches is None or batches < max_batches:
        rows = claim_batch(batch)
        if not rows:
            db.session.commit()
            break
        batches += 1
        row_ids = [row.id for row in rows]
        try:
            apply_changes([(row.doc_type, row.doc_id) for row in rows], backend, commit_reads=False)
        except Exception:
            log.exception("search: could not apply outbox rows %s..%s; retrying one by one", row_ids[0], row_ids[-1])
            db.session.rollback()
            failed = _apply_claimed_one_by_one(rows, backend)
            report.failed += failed
            report.applied += len(rows) - failed
            continue
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(row_ids)))
        db.session.commit()
        report.applied += len(rows)
    return report


def _apply_claimed_one_by_one(rows: list, backend: SearchBackend) -> int:
    failed = 0
    for row in rows:
        claimed = db.session.execute(
            select(SearchOutbox.id).where(SearchOutbox.id == row.id).with_for_update(skip_locked=True)
        ).scalar()
        if claimed is None:  # applied or taken by another worker meanwhile
            db.session.commit()
            continue
        try:
            apply_changes([(row.doc_type, row.doc_id)], backend, commit_reads=False)
        except Exception:
            log.exception("search: outbox row %s (%s %s) failed", row.id, row.doc_type, row.doc_id)
            db.session.rollback()
            db.session.execute(
                update(SearchOutbox).where(SearchOutbox.id == row.id).values(attempts=SearchOutbox.attempts + 1)
            )
            failed += 1
        else:
            db.session.execute(delete(SearchOutbox).where(SearchOutbox.id == row.id))
        db.session.commit()
    return failed


def _apply_one_by_one(rows: list, backend: SearchBackend) -> int:
    """Apply rows singly so one bad row cannot hold back the others; returns how many failed."""
    failed = 0
    for row in rows:
        try:
            apply_changes([(row.doc_type, row.doc_id)], backend)
        except Exception:
            log.exception("search: outbox row %s (%s %s) failed", row.id, row.doc_type, row.doc_id)
            db.session.rollback()
            db.session.execute(
                update(SearchOutbox).where(SearchOutbox.id == row.id).values(attempts=SearchOutbox.attempts + 1)
            )
            failed += 1
        else:
            db.session.execute(delete(SearchOutbox).where(SearchOutbox.id == row.id))
        db.session.commit()
    return failed


def apply_changes(
    changes: Iterable[tuple[str, int]],
    backend: SearchBackend,
    target: str | None = None,
    *,
    commit_reads: bool = True,
) -> None:
    """Bring the index entries of the changed items in line with the database.

    ``commit_reads``: end the reading transaction before the index write (SQLite: never hold a
    snapshot across a slow write); False keeps it open, with the claimed rows locked.
    """
    ids: dict[str, set[int]] = defaultdict(set)
    for doc_type, doc_id in changes:
        ids[doc_type].add(doc_id)
    if ids.get("post"):
        ids["thread"].update(threads_of_posts(sorted(ids.pop("post"))))
    if ids.get("organisation"):
        # Resources, events and courses show their organisation's name: renaming or suspending one
        # changes them too.
        orgs = sorted(ids["organisation"])
        for doc_type, model in (("resource", Resource), ("event", Event), ("course", Course)):
            ids[doc_type].update(db.session.execute(select(model.id).where(model.organisation_id.in_(orgs))).scalars())
    upserts: list[SearchDocument] = []
    deletes: list[str] = []
    for doc_type in INDEX_TYPES:
        wanted = sorted(ids.get(doc_type, ()))
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            docs = load_documents(doc_type, chunk)
            upserts.extend(docs.values())
            deletes.extend(doc_key(doc_type, doc_id) for doc_id in chunk if doc_id not in docs)
    if commit_reads:
        db.session.commit()
    if upserts or deletes:
        backend.apply(upserts, deletes, target)


def all_documents() -> Iterator[SearchDocument]:
    for doc_type in INDEX_TYPES:
        yield from iter_documents(doc_type)


def candidate_count() -> int:
    return sum(count_candidates(doc_type) for doc_type in INDEX_TYPES)


def reindex(progress: Callable[[int], None] = lambda n: None, *, lock_timeout: float = REINDEX_LOCK_TIMEOUT) -> str:
    """Build a complete new index beside the live one, then swap it in; returns its name.

    Searches keep using the live index meanwhile. The writer lock is held throughout, so outbox
    rows written during the rebuild wait, and are applied to the new index before the swap.
    Rows already pending when the build starts are not applied: the build reads the database
    after they were committed, so it holds their changes (an organisation's row alone would
    re-index every resource of that organisation). They are deleted once the new index is live.
    """
    backend = get_backend()
    with backend.writer_lock(lock_timeout, exclusive=True) as acquired:
        if not acquired:
            raise IndexBusy("another process is writing the search index; try again")
        covered = _pending_ids()
        name = backend.build(all_documents(), progress)
        try:
            reflected = _catch_up(backend, name, covered)
        except BaseException:
            backend.discard(name)
            raise
        backend.activate(name)
        _forget(reflected)
        return name


def _pending_ids() -> set[int]:
    ids = set(db.session.execute(select(SearchOutbox.id).where(SearchOutbox.attempts < MAX_ATTEMPTS)).scalars())
    db.session.commit()
    return ids


def _catch_up(backend: SearchBackend, target: str, covered: set[int]) -> list[int]:
    """Apply to the new index ``target`` the rows written while it was being built; returns the
    ids of every row the new index reflects (those and ``covered``). Nothing is deleted yet: until
    the swap, the live index still lacks these changes."""
    reflected = sorted(covered)
    cursor = 0
    while True:
        rows = list(
            db.session.execute(
                select(SearchOutbox.id, SearchOutbox.doc_type, SearchOutbox.doc_id)
                .where(SearchOutbox.attempts < MAX_ATTEMPTS, SearchOutbox.id > cursor)
                .order_by(SearchOutbox.id)
                .limit(BATCH)
            )
        )
        db.session.commit()
        if not rows:
            return reflected
        cursor = rows[-1].id
        fresh = [row for row in rows if row.id not in covered]
        if not fresh:
            continue
        try:
            apply_changes([(row.doc_type, row.doc_id) for row in fresh], backend, target)
            db.session.commit()
            reflected.extend(row.id for row in fresh)
        except Exception:
            log.exception("search: rows written during the rebuild failed; retrying one by one")
            db.session.rollback()
            reflected.extend(_catch_up_one_by_one(fresh, backend, target))


def _catch_up_one_by_one(rows: list, backend: SearchBackend, target: str) -> list[int]:
    """The rows that applied; a failing row stays queued with one more attempt counted."""
    applied = []
    for row in rows:
        try:
            apply_changes([(row.doc_type, row.doc_id)], backend, target)
            db.session.commit()
            applied.append(row.id)
        except Exception:
            log.exception("search: outbox row %s (%s %s) failed", row.id, row.doc_type, row.doc_id)
            db.session.rollback()
            db.session.execute(
                update(SearchOutbox).where(SearchOutbox.id == row.id).values(attempts=SearchOutbox.attempts + 1)
            )
            db.session.commit()
    return applied


def _forget(row_ids: list[int]) -> None:
    for start in range(0, len(row_ids), BATCH):
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(row_ids[start : start + BATCH])))
        db.session.commit()


def check() -> CheckReport:
    """Compare the live index with what the database says it should hold."""
    backend = get_backend()
    expected = {doc.id: doc.digest for doc in all_documents()}
    db.session.commit()
    actual: dict[str, str] = {}
    duplicates: list[str] = []
    for key, digest in backend.entries():
        if key in actual:
            duplicates.append(key)
        actual[key] = digest
    report = CheckReport(indexed=len(actual), expected=len(expected), pending=pending_count())
    report.missing = sorted(expected.keys() - actual.keys())
    report.orphaned = sorted((actual.keys() - expected.keys()) | set(duplicates))
    report.stale = sorted(key for key in expected.keys() & actual.keys() if expected[key] != actual[key])
    return report
