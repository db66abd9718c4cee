"""The after-commit queue: effects run once after a commit, never after a rollback."""

from __future__ import annotations

from sqlalchemy import text

from app.extensions import db
from app.unit_of_work import after_commit, pending_effects


def test_a_commit_runs_the_queued_effect_exactly_once(ctx):
    ran: list[str] = []
    db.session.execute(text("SELECT 1"))
    after_commit(lambda: ran.append("mail"))
    db.session.commit()
    db.session.commit()
    assert ran == ["mail"]


def test_a_rollback_drops_the_queued_effect(ctx):
    ran: list[str] = []
    after_commit(lambda: ran.append("mail"))
    db.session.rollback()
    db.session.commit()
    assert ran == []
    assert pending_effects() == 0


def test_a_rolled_back_savepoint_drops_only_its_own_effects(ctx):
    ran: list[str] = []
    after_commit(lambda: ran.append("outer"))
    savepoint = db.session.begin_nested()
    after_commit(lambda: ran.append("inner"))
    savepoint.rollback()
    kept = db.session.begin_nested()
    after_commit(lambda: ran.append("kept"))
    kept.commit()
    assert ran == []
    db.session.commit()
    assert ran == ["outer", "kept"]


def test_a_failing_effect_does_not_stop_the_others(ctx):
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("mail server down")

    after_commit(broken)
    after_commit(lambda: ran.append("index"))
    db.session.commit()
    assert ran == ["index"]
