"""flask search reindex | sync | worker | check | query."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import delete, update

from app.extensions import db
from app.library.models import Resource
from app.search import indexer
from app.search.whoosh_store import IndexStore

from .helpers import publish, search, sync, titles

PROJECT = Path(__file__).resolve().parents[2]


def test_reindex_builds_a_new_index_beside_the_live_one_and_swaps_it_in(app, author, runner, whoosh_only):
    publish(author, title="Blood drive promotion")
    sync()
    store = IndexStore(app.config["SEARCH_INDEX_DIR"])
    before = store.current_name()
    seen_during_rebuild = []

    def progress(_n):
        if not seen_during_rebuild:
            seen_during_rebuild.extend(titles(search("blood drive")))

    after = indexer.reindex(progress)
    assert seen_during_rebuild == ["Blood drive promotion"]  # the live index kept answering
    assert after != before and store.current_name() == after
    assert titles(search("blood drive")) == ["Blood drive promotion"]
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "is live" in result.output
    names = sorted(p.name for p in Path(app.config["SEARCH_INDEX_DIR"]).glob("index-*"))
    assert store.current_name() in names and len(names) == 2  # the live one and the one before


def test_rows_written_during_a_rebuild_reach_the_new_index(app, author):
    publish(author, title="Stroke awareness month")
    sync()

    def progress(_n):
        if not search("sepsis").total and not getattr(progress, "done", False):
            progress.done = True
            publish(author, title="Sepsis signs explained")  # committed while the rebuild runs

    indexer.reindex(progress)
    assert titles(search("sepsis")) == ["Sepsis signs explained"]
    assert indexer.check().clean


def test_check_reports_missing_orphaned_and_stale_entries(author, runner):
    kept = publish(author, title="Organ donor stories")
    gone = publish(author, title="Retired hashtag list")
    sync()
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    newcomer = publish(author, title="Unsynced newcomer")
    db.session.execute(update(Resource).where(Resource.id == kept.id).values(title="Organ donor voices"))
    db.session.execute(delete(Resource).where(Resource.id == gone.id))
    db.session.commit()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert f"1 missing: resource:{newcomer.id}" in result.output
    assert f"1 orphaned: resource:{gone.id}" in result.output
    assert f"1 stale: resource:{kept.id}" in result.output
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert runner.invoke(args=["search", "reindex", "--quiet"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_query_runs_a_search_as_a_visitor(author, runner):
    publish(author, title="Members-only rota", visibility="members")
    publish(author, title="Public rota")
    sync()
    result = runner.invoke(args=["search", "query", "rota", "--json", "--limit", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 1 and data["results"][0]["title"] == "Public rota"
    plain = runner.invoke(args=["search", "query", "rota"])
    assert "1 result(s)" in plain.output and "Public rota" in plain.output


def test_the_worker_applies_rows_written_by_another_process(app, author, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": app.config["DATABASE_URL"],
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "SEARCH_BACKEND": app.config["SEARCH_BACKEND"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "MAIL_DIR": str(tmp_path / "mail"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "search", "worker", "--interval", "0.2"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        publish(author, title="Hand hygiene reel")
        deadline = time.monotonic() + 90  # a worker starting on a busy machine takes a while
        while time.monotonic() < deadline and not search("hand hygiene").total:
            time.sleep(0.1)
        assert titles(search("hand hygiene")) == ["Hand hygiene reel"]
    finally:
        worker.terminate()
        output = worker.communicate(timeout=10)[0].decode()
    assert "Worker started (search, mail, jobs, schedule)" in output
