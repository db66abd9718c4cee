"""The search tests are the backends' contract: every test here runs against each backend.

Whoosh everywhere; the PostgreSQL backend too when the suite runs on PostgreSQL
(``TEST_DATABASE_URL``). A test about one engine's internals asks for ``whoosh_only``.
"""

from __future__ import annotations

import os

import pytest

from app.extensions import db
from app.search import indexer, outbox
from app.search.backend import get_backend


def available_backends() -> list[str]:
    on_postgres = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
    return ["whoosh", "postgres"] if on_postgres else ["whoosh"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "search_backend" in metafunc.fixturenames:
        metafunc.parametrize("search_backend", available_backends(), indirect=True)


@pytest.fixture
def search_backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def app(app_factory, search_backend):
    instance = app_factory(SEARCH_BACKEND=search_backend)
    yield instance
    if search_backend == "postgres":
        with instance.app_context():
            db.session.remove()
            get_backend(instance).drop()


@pytest.fixture
def whoosh_only(search_backend: str) -> None:
    """For tests of the Whoosh engine's own mechanics (locks, segments, its BM25F numbers)."""
    if search_backend != "whoosh":
        pytest.skip("tests the Whoosh engine itself")


@pytest.fixture
def author(roles):
    """An organisation admin (publishes without review). The test organisations are approved
    through factories, not the service, so their outbox rows are written here."""
    outbox.enqueue("organisation", roles.org.id)
    outbox.enqueue("organisation", roles.other_org.id)
    db.session.commit()
    indexer.sync(lock_timeout=10)
    return roles.org_admin
