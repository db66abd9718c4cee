"""Several workers drain one outbox on PostgreSQL: each row applied once, a dead worker loses nothing."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.search import indexer, outbox
from app.search.models import SearchOutbox

from .. import conftest
from .helpers import publish, search, sync, titles
from .workers import drain_recording_claims


@pytest.fixture
def on_postgres(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("row claims (FOR UPDATE SKIP LOCKED) are PostgreSQL's; SQLite has one writer")


def pending() -> int:
    return db.session.execute(select(func.count()).select_from(SearchOutbox)).scalar_one()


def test_rows_another_worker_holds_are_skipped_and_come_back_when_it_dies(on_postgres, app, author):
    first = publish(author, title="Heat wave checklist")
    second = publish(author, title="Cold snap checklist")
    ids = dict(db.session.execute(select(SearchOutbox.doc_id, SearchOutbox.id)).all())
    other_worker = db.engine.connect()
    try:
        other_worker.execute(
            text("SELECT id FROM search_outbox WHERE id = :id FOR UPDATE SKIP LOCKED"), {"id": ids[first.id]}
        )
        report = indexer.sync(lock_timeout=5)
        assert report.applied == 1 and pending() == 1  # the held row was left alone
        assert titles(search("checklist")) == ["Cold snap checklist"]
    finally:
        other_worker.close()  # the other worker dies mid-transaction: its claim is released
    sync()
    assert pending() == 0
    assert set(titles(search("checklist"))) == {"Heat wave checklist", "Cold snap checklist"}
    assert second.id in ids


def test_two_worker_processes_never_apply_the_same_row(on_postgres, app, author, database_url, tmp_path):
    for n in range(120):
        publish(author, title=f"Shift rota {n}", commit=False)
    db.session.commit()
    for n in range(120):  # plus rows for the same documents again: each row still applied once
        outbox.enqueue("resource", n + 1)
    db.session.commit()
    total = pending()
    config = conftest.make_test_config(tmp_path, database_url, SEARCH_BACKEND=app.config["SEARCH_BACKEND"])
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            outcomes = pool.starmap(drain_recording_claims, [(config, start, 5), (config, start, 5)])
    errors = [error for _, error in outcomes if error]
    assert not errors, "\n".join(errors)
    first, second = (set(claimed) for claimed, _ in outcomes)
    assert not first & second
    assert len(first | second) == total
    db.session.expire_all()
    assert pending() == 0
    report = indexer.check()
    assert report.clean and report.indexed == 120 + 2
