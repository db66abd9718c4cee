"""The Alembic revisions build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

from .conftest import make_test_config


def _differences_after_upgrade(tmp_path, url: str) -> list:
    app = create_app(make_test_config(tmp_path, url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    return differences


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert _differences_after_upgrade(tmp_path, f"sqlite:///{tmp_path / 'migrated.db'}") == []


def test_migrations_match_the_models_on_postgresql(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not PostgreSQL (the PostgreSQL run of make test covers this)")
    url = make_url(base)
    name = f"{url.database}_migrations_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        assert _differences_after_upgrade(tmp_path, url.set(database=name).render_as_string(hide_password=False)) == []
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
