"""`flask search reindex` with changes waiting in the outbox, as in production."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.search import indexer, outbox
from app.search.models import SearchOutbox
from app.search.whoosh_store import IndexStore

from .helpers import publish, search, sync, titles


def pending() -> int:
    return db.session.execute(select(func.count()).select_from(SearchOutbox)).scalar_one()


def test_a_rebuild_with_pending_rows_finds_both_old_and_new_content(app, author, roles):
    publish(author, title="Hand hygiene poster", body="Wash for twenty seconds.")
    sync()
    publish(author, title="Vaccine clinic hours", body="Open on Saturdays.")  # pending
    roles.org.name = "Riverside Community Hospital"  # renamed: every resource of it shows the name
    outbox.enqueue("organisation", roles.org.id)
    db.session.commit()
    assert pending() == 2

    def progress(_n):
        if not getattr(progress, "done", False):
            progress.done = True
            publish(author, title="Asthma action plan")  # committed while the rebuild runs

    indexer.reindex(progress)
    assert titles(search("hygiene poster")) == ["Hand hygiene poster"]
    assert titles(search("vaccine clinic")) == ["Vaccine clinic hours"]
    assert titles(search("asthma plan")) == ["Asthma action plan"]
    renamed = {"Riverside Community Hospital", "Hand hygiene poster", "Vaccine clinic hours", "Asthma action plan"}
    assert set(titles(search("riverside"))) == renamed
    assert search("mercy").total == 0
    assert pending() == 0
    assert indexer.check().clean


def _live_files(store: IndexStore) -> dict[str, int]:
    live = store.root / (store.current_name() or "")
    return {path.name: path.stat().st_size for path in live.rglob("*") if path.is_file()}


def test_index_files_after_two_rebuilds_are_no_more_than_after_one(app, author, roles, whoosh_only):
    for number in range(30):
        publish(author, title=f"Discharge leaflet {number}", body="Going home safely after surgery.")
    sync()
    store = IndexStore(app.config["SEARCH_INDEX_DIR"])
    killed = store.root / "index-20260101T000000-dead00"  # left by a rebuild that was killed
    killed.mkdir()
    (killed / "MAIN_x.pst").write_bytes(b"half a segment")
    sizes = []
    for _ in range(2):
        outbox.enqueue("organisation", roles.org.id)  # pending at every rebuild
        db.session.commit()
        indexer.reindex()
        assert not killed.exists()
        files = _live_files(store)
        assert not [name for name in files if "tmp" in name.lower()], files
        sizes.append((len(files), sum(files.values())))
        assert search("discharge leaflet").total == 30
        index = store.open_current()
        assert index is not None and index.doc_count_all() == index.doc_count()  # nothing indexed twice
    (files_first, bytes_first), (files_second, bytes_second) = sizes
    assert files_second <= files_first
    assert bytes_second <= bytes_first * 1.01  # segment names are random; the content is the same
    assert len(list(Path(store.root).glob("index-*"))) == 2  # the live index and the one before
