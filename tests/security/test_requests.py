"""docs/SECURITY.md 2, 31-33, 35: GET never changes state; headers; Host; generic errors."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db

from ..conftest import login
from .routes import get_rules_without_arguments

# Tables a GET may legitimately write: counters and logs that are not user-visible state.
READ_SIDE_EFFECT_TABLES = {"resource_views", "search_log", "search_logs", "thread_reads"}


def _row_counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
        if table.name not in READ_SIDE_EFFECT_TABLES
    }


def test_no_get_route_changes_stored_state(app, roles):
    rules = get_rules_without_arguments(app)
    assert len(rules) >= 5
    before = _row_counts()
    for user in (None, roles.member, roles.admin):
        client = login(app.test_client(), user) if user else app.test_client()
        for rule in rules:
            if rule.rule.startswith("/auth/logout"):
                continue
            response = client.get(rule.rule)
            assert response.status_code < 500, f"GET {rule.rule} -> {response.status_code}"
    db.session.expire_all()
    assert _row_counts() == before


def test_signed_in_pages_are_not_cached(client_as, roles):
    response = client_as(roles.member).get("/")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_host_outside_the_configured_ones_gets_400(app_factory):
    app = app_factory(TRUSTED_HOSTS=["smhn.test"])
    client = app.test_client()
    assert client.get("/", headers={"Host": "smhn.test"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_an_unexpected_error_shows_a_generic_page_without_details(app_factory):
    app = app_factory()

    def explode():
        raise RuntimeError("secret detail: SELECT * FROM users /srv/app/secret.py")

    app.add_url_rule("/explode-for-test", "explode_for_test", explode)
    response = app.test_client().get("/explode-for-test")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    for leak in ("secret detail", "SELECT", "Traceback", "/srv/app", "RuntimeError"):
        assert leak not in body


def test_api_errors_are_json(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    body = response.get_json()
    assert body["error"] == "not_found" and body["status"] == 404 and body["reason"]


def test_an_id_too_large_for_the_database_is_a_plain_404(client):
    assert client.get("/users/99999999999").status_code == 404
    assert client.get("/files/99999999999/x.pdf").status_code == 404
