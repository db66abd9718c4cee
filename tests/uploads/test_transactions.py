"""A stored file follows the database transaction: kept on commit, removed on rollback."""

from __future__ import annotations

from pathlib import Path

from app.extensions import db
from app.uploads import delete_after_commit, save_upload

from . import files
from .files import Upload


def _stored(app) -> list[str]:
    return sorted(p.name for p in Path(app.config["UPLOAD_DIR"]).iterdir())


def test_upload_is_kept_when_the_transaction_commits(ctx):
    stored = save_upload(Upload("a.pdf", files.pdf()))
    db.session.commit()
    assert _stored(ctx) == [stored.stored_name]


def test_upload_is_removed_when_the_transaction_rolls_back(ctx):
    save_upload(Upload("a.pdf", files.pdf()))
    db.session.rollback()
    assert _stored(ctx) == []


def test_deletion_waits_for_the_commit(ctx):
    stored = save_upload(Upload("a.pdf", files.pdf()))
    db.session.commit()
    delete_after_commit(stored.stored_name)
    assert _stored(ctx) == [stored.stored_name]
    db.session.commit()
    assert _stored(ctx) == []


def test_deletion_is_forgotten_when_the_transaction_rolls_back(ctx):
    stored = save_upload(Upload("a.pdf", files.pdf()))
    db.session.commit()
    delete_after_commit(stored.stored_name)
    db.session.rollback()
    db.session.commit()
    assert _stored(ctx) == [stored.stored_name]


def test_upload_in_a_rolled_back_savepoint_is_removed_and_earlier_ones_kept(ctx):
    kept = save_upload(Upload("kept.pdf", files.pdf()))
    savepoint = db.session.begin_nested()
    save_upload(Upload("undone.pdf", files.pdf()))
    savepoint.rollback()
    db.session.commit()
    assert _stored(ctx) == [kept.stored_name]


def test_upload_in_a_released_savepoint_follows_the_outer_transaction(ctx):
    with db.session.begin_nested():
        save_upload(Upload("inner.pdf", files.pdf()))
    db.session.rollback()
    assert _stored(ctx) == []


def test_upload_is_removed_when_the_session_closes_without_a_commit(ctx):
    save_upload(Upload("a.pdf", files.pdf()))
    db.session.close()
    assert _stored(ctx) == []
