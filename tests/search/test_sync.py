"""The index stays in step: the outbox, one writer at a time, crashes and busy locks only delay."""

from __future__ import annotations

import multiprocessing
import time

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import func, select

from app.extensions import db
from app.library import service as library
from app.search import indexer, service
from app.search.backend import get_backend
from app.search.models import SearchOutbox

from .. import conftest
from .helpers import publish, search, sync, titles


def pending() -> int:
    return db.session.execute(select(func.count()).select_from(SearchOutbox)).scalar_one()


def test_edits_are_reflected_after_one_sync(author):
    resource = publish(author, title="Night shift posting rota", summary="Who posts when.")
    sync()
    library.edit_resource(
        author,
        resource,
        library.ResourceInput(title="Weekend posting rota", summary="Who posts on Saturdays.", body="Written up."),
    )
    db.session.commit()
    # Not yet synced: still found by its old words, but shown as the database has it now.
    assert titles(search("night shift")) == ["Weekend posting rota"]
    report = sync()
    assert report.applied >= 1 and pending() == 0
    assert titles(search("night shift")) == []
    assert titles(search("weekend rota")) == ["Weekend posting rota"]
    assert "Saturdays" in str(search("saturdays").hits[0].snippet)


def test_a_crash_between_commit_and_index_write_is_repaired_by_sync(author):
    publish(author, title="Flu clinic announcement")  # committed with its outbox row, then "crash"
    assert search("flu clinic").total == 0
    assert pending() == 1
    assert not indexer.check().clean
    sync()
    assert titles(search("flu clinic")) == ["Flu clinic announcement"]
    assert indexer.check().clean


def test_a_crash_after_the_index_write_reapplies_the_rows_harmlessly(author, monkeypatch):
    publish(author, title="Heat wave checklist")

    def crash(*args, **kwargs):
        raise RuntimeError("power cut before the outbox rows were deleted")

    original = db.session.execute
    monkeypatch.setattr(
        db.session,
        "execute",
        lambda statement, *a, **k: crash() if getattr(statement, "is_delete", False) else original(statement, *a, **k),
    )
    with pytest.raises(RuntimeError):
        indexer.sync(lock_timeout=5)
    monkeypatch.undo()
    db.session.rollback()
    assert pending() == 1
    sync()
    assert search("heat wave").total == 1
    report = indexer.check()
    assert report.clean and report.indexed == report.expected  # applied twice, indexed once


def test_a_busy_writer_leaves_rows_for_later_and_nothing_raises(author, client):
    backend = get_backend()
    with backend.writer_lock(1, exclusive=True) as held:  # as a rebuild holds it
        assert held
        publish(author, title="Measles outbreak updates")
        report = indexer.sync(lock_timeout=0)
        assert report.busy and report.applied == 0
        assert client.get("/search?q=measles").status_code == 200
        assert pending() == 1
    sync()
    assert search("measles").total == 1


def test_a_published_resource_becomes_searchable_without_a_sync_through_the_background_drainer(app_factory, roles):
    """Published through the web form, as an org admin does; the serving process drains the outbox.

    How fast is measured by ``bench/`` (the freshness probe); here only that it happens, polled
    with a deadline generous enough for a busy machine."""
    app = app_factory(SEARCH_AUTO_SYNC=True)
    try:
        client = conftest.login(app.test_client(), roles.org_admin)
        response = client.post(
            "/library/new",
            data={
                "organisation": roles.org.id,
                "title": "Smoke alarm campaign",
                "summary": "Checking alarms",
                "body": "Test your smoke alarm monthly.",
                "kind": "guide",
                "visibility": "public",
                "action": "publish",
            },
        )
        assert response.status_code == 302
        deadline = time.monotonic() + 30
        found = False
        with app.app_context():
            while time.monotonic() < deadline:
                if service.search(AnonymousUserMixin(), "smoke alarm", record=False).total:
                    found = True
                    break
                time.sleep(0.02)
            db.session.remove()
        assert found, "not searchable 30 s after publishing"
    finally:
        app.extensions["search_sync"].stop()


def test_commits_outside_a_request_leave_rows_for_the_server_or_sync(app_factory, roles):
    """A CLI batch (seed, import) never starts a drainer of its own; its rows wait for sync."""
    app = app_factory(SEARCH_AUTO_SYNC=True)
    with app.app_context():
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        resource = publish(author, title="Flu clinic schedule")
        assert app.extensions["search_sync"].thread is None
        waiting = (
            select(func.count())
            .select_from(SearchOutbox)
            .where(SearchOutbox.doc_type == "resource", SearchOutbox.doc_id == resource.id)
        )
        assert db.session.execute(waiting).scalar_one() >= 1  # left for the server or `flask search sync`
        assert service.search(AnonymousUserMixin(), "flu clinic", record=False).total == 0
        sync()
        assert service.search(AnonymousUserMixin(), "flu clinic", record=False).total == 1
        db.session.remove()


def test_several_processes_writing_and_syncing_at_once_never_raise_and_leave_check_clean(
    app, author, database_url, tmp_path
):
    ids = [publish(author, title=f"Shared rota {n}", commit=False).id for n in range(8)]
    db.session.commit()
    sync()
    config = conftest.make_test_config(tmp_path, database_url, SEARCH_BACKEND=app.config["SEARCH_BACKEND"])
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        outcomes = pool.starmap(
            __import__("tests.search.workers", fromlist=["edit_and_sync"]).edit_and_sync,
            [(config, ids, 12, seed) for seed in range(3)],
        )
    assert outcomes == [None, None, None], "\n".join(o for o in outcomes if o)
    db.session.expire_all()
    sync()
    report = indexer.check()
    assert report.clean, report
    assert report.indexed == report.expected == 8 + 2  # and the two organisations
