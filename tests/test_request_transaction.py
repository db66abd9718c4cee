"""One unit of work per request, seen from the client: commit once, roll back on errors, retry busy moments."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, flash, redirect, session
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.mail import send_mail
from app.site_settings import SiteSetting
from app.unit_of_work import after_commit


def _count_settings() -> int:
    db.session.expire_all()
    return db.session.execute(select(func.count()).select_from(SiteSetting)).scalar_one()


def _add_setting(key: str) -> None:
    db.session.add(SiteSetting(name=key, value="1"))
    db.session.flush()


@pytest.fixture
def routes(app: Flask) -> Flask:
    """A few views that write, queue an e-mail and answer in different ways."""
    calls = {"flaky": 0}

    @app.post("/_test/ok")
    def ok():
        _add_setting("ok")
        after_commit(lambda: send_mail("someone@example.org", "Queued", "Sent after the commit."))
        flash("Saved.")
        return redirect("/")

    @app.post("/_test/refused")
    def refused():
        _add_setting("refused")
        after_commit(lambda: send_mail("someone@example.org", "Queued", "Never sent."))
        return "Please correct the errors below.", 422

    @app.post("/_test/flaky")
    def flaky():
        calls["flaky"] += 1
        _add_setting(f"flaky-{calls['flaky']}")
        flash(f"attempt {calls['flaky']}")
        session["attempt"] = calls["flaky"]
        if calls["flaky"] == 1:
            raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
        return redirect("/")

    @app.post("/_test/always-busy")
    def always_busy():
        _add_setting(f"busy-{calls['flaky']}")
        calls["flaky"] += 1
        session["signed_in_by_mistake"] = True
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))

    app.extensions["test_calls"] = calls
    return app


def test_a_request_that_succeeds_commits_once_and_sends_its_mail_once(routes, client, mailbox):
    assert client.post("/_test/ok").status_code == 302
    with routes.app_context():
        assert _count_settings() == 1
    assert [m["Subject"] for m in mailbox.messages] == ["Queued"]


def test_a_refused_form_keeps_nothing_and_sends_nothing(routes, client, mailbox):
    assert client.post("/_test/refused").status_code == 422
    with routes.app_context():
        assert _count_settings() == 0
    assert mailbox.messages == []


def test_a_busy_database_is_retried_and_the_first_attempt_leaves_no_trace(routes, client):
    response = client.post("/_test/flaky")
    assert response.status_code == 302
    assert routes.extensions["test_calls"]["flaky"] == 2
    with routes.app_context():
        keys = db.session.execute(select(SiteSetting.name)).scalars().all()
    assert keys == ["flaky-2"]
    with client.session_transaction() as stored:
        assert stored["attempt"] == 2
        assert stored["_flashes"] == [("message", "attempt 2")]


def test_a_database_that_stays_busy_answers_503_and_keeps_nothing(routes, client):
    response = client.post("/_test/always-busy")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "nothing was saved" in response.get_data(as_text=True)
    with routes.app_context():
        assert _count_settings() == 0
    with client.session_transaction() as stored:
        assert "signed_in_by_mistake" not in stored


@contextmanager
def _write_lock_held(app: Flask) -> Iterator[None]:
    """Another process's writer: holds SQLite's write lock until the block ends."""
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _sqlite_only(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite's write lock")


def test_reading_pages_answer_while_another_process_holds_the_write_lock(app_factory, roles):
    """GET pages never take SQLite's write lock, and their telemetry waits for later."""
    from tests.library.helpers import make_resource

    app = app_factory(SQLITE_BUSY_TIMEOUT_MS=200)
    _sqlite_only(app)
    resource = make_resource(roles.member, publisher=roles.moderator, title="Lock-free reading")
    db.session.commit()
    reader = app.test_client()
    with _write_lock_held(app):
        for url in (f"/library/{resource.slug}", "/library", "/search?q=reading", "/discussions"):
            assert reader.get(url).status_code == 200, url
