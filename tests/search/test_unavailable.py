"""A search engine that cannot answer says so: 503 with a reason, a non-zero exit — never an empty 200."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from app.config import ConfigurationError
from app.extensions import db

from .. import conftest
from .helpers import publish, sync


def break_the_index(app) -> None:
    """A real fault in each engine: the Whoosh index folder is a file; the PostgreSQL table has lost a column."""
    if app.config["SEARCH_BACKEND"] == "whoosh":
        folder = Path(app.config["SEARCH_INDEX_DIR"])
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()
        folder.write_text("not an index")
        app.extensions.pop("search_backend", None)
    else:
        with app.app_context():
            db.session.execute(text("ALTER TABLE search_documents DROP COLUMN facet_keys"))
            db.session.commit()


def test_the_api_answers_503_with_a_reason_when_the_engine_fails(app, client, author):
    publish(author, title="Storm shelter updates")
    sync()
    assert client.get("/api/v1/search?q=storm").get_json()["total"] == 1
    break_the_index(app)
    response = client.get("/api/v1/search?q=storm")
    assert response.status_code == 503
    body = response.get_json()
    assert body["error"] == "search_unavailable" and body["reason"]
    assert "total" not in body


def test_the_page_answers_503_and_says_search_is_unavailable(app, client, author):
    publish(author, title="Storm shelter updates")
    sync()
    break_the_index(app)
    response = client.get("/search?q=storm")
    assert response.status_code == 503
    assert "Search is not available right now" in response.get_data(as_text=True)


def test_the_cli_exits_non_zero_with_the_reason(app, runner, author):
    publish(author, title="Storm shelter updates")
    sync()
    break_the_index(app)
    result = runner.invoke(args=["search", "query", "storm"])
    assert result.exit_code != 0
    assert "Search is not available" in result.output
    assert "0 result(s)" not in result.output


def test_an_empty_network_searches_quietly_before_anything_was_indexed(client):
    response = client.get("/api/v1/search?q=anything")
    assert response.status_code == 200 and response.get_json()["total"] == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SEARCH_BACKEND": "elastic"}, "not a search backend"),
        ({"SEARCH_BACKEND": "postgres", "DATABASE_URL": "sqlite:///x.db"}, "needs a PostgreSQL DATABASE_URL"),
    ],
)
def test_a_misconfigured_backend_refuses_to_start(tmp_path, settings, message):
    config = conftest.make_test_config(tmp_path, "sqlite:///" + str(tmp_path / "x.db"), **settings)
    with pytest.raises(ConfigurationError, match=message):
        create_app(config)


@pytest.mark.parametrize(("raw", "expected"), [("0", False), ("false", False), ("1", True), ("on", True)])
def test_search_auto_sync_is_read_from_the_environment(tmp_path, monkeypatch, raw, expected):
    monkeypatch.setenv("SEARCH_AUTO_SYNC", raw)
    config = conftest.make_test_config(tmp_path, "sqlite:///" + str(tmp_path / "x.db"))
    config.pop("SEARCH_AUTO_SYNC")
    assert create_app(config).config["SEARCH_AUTO_SYNC"] is expected


def test_a_meaningless_search_auto_sync_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("SEARCH_AUTO_SYNC", "sometimes")
    with pytest.raises(ConfigurationError, match="SEARCH_AUTO_SYNC"):
        create_app(conftest.make_test_config(tmp_path, "sqlite:///" + str(tmp_path / "x.db")))
