"""DATABASE_READ_URL: search reads go to the replica unless the request has written.

The "replica" here is a second engine on the same test database: what is proven is the routing,
counted per engine.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.extensions import db
from app.read_replica import read_engine
from app.search import service

from .helpers import VISITOR, publish, sync


@pytest.fixture
def replica_app(app_factory, database_url, search_backend):
    if search_backend != "postgres":
        pytest.skip("the PostgreSQL backend reads through DATABASE_READ_URL; Whoosh reads its own files")
    app = app_factory(SEARCH_BACKEND="postgres", DATABASE_READ_URL=database_url)
    yield app
    with app.app_context():
        read_engine().dispose()


class StatementCounter:
    def __init__(self, engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += 1


def counters(app):
    with app.app_context():
        return StatementCounter(db.engine), StatementCounter(read_engine())


def test_a_visitors_search_page_reads_from_the_replica(replica_app, roles):
    with replica_app.app_context():
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        publish(author, title="Storm shelter updates")
        sync()
    primary, replica = counters(replica_app)
    data = replica_app.test_client().get("/api/v1/search?q=storm").get_json()
    assert data["total"] == 1
    assert replica.count >= 2  # the match, count and facets, then the page's rows


def test_a_request_that_has_written_searches_the_primary(replica_app, roles):
    with replica_app.app_context():
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        publish(author, title="Storm shelter updates")
        sync()
    primary, replica = counters(replica_app)
    with replica_app.test_request_context("/search?q=storm"):
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        author.name = "Renamed in this request"
        db.session.flush()
        before = primary.count
        assert service.search(VISITOR, "storm", record=False).total == 1
        assert replica.count == 0 and primary.count > before
        db.session.rollback()


def test_a_post_request_searches_the_primary(replica_app, roles):
    with replica_app.app_context():
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        publish(author, title="Storm shelter updates")
        sync()
    primary, replica = counters(replica_app)
    with replica_app.test_request_context("/anything", method="POST"):
        assert service.search(VISITOR, "storm", record=False).total == 1
        assert replica.count == 0 and primary.count > 0
        db.session.rollback()


def test_the_library_listing_filters_and_counts_on_the_replica(replica_app, roles):
    with replica_app.app_context():
        author = db.session.get(type(roles.org_admin), roles.org_admin.id)
        publish(author, title="Storm shelter updates")
    primary, replica = counters(replica_app)
    html = replica_app.test_client().get("/library").get_data(as_text=True)
    assert "Storm shelter updates" in html
    assert replica.count == 2  # the total, then the page's ids
