"""In development SITE_URL follows HOST and PORT, so links in e-mails and feeds reach the running app."""

from __future__ import annotations

import pytest

from app.config import ConfigurationError, serving_address


@pytest.fixture
def served_on(monkeypatch):
    def serve(host: str | None, port: str | None) -> None:
        for name in ("HOST", "PORT", "FLASK_RUN_HOST", "FLASK_RUN_PORT", "SITE_URL"):
            monkeypatch.delenv(name, raising=False)
        if host:
            monkeypatch.setenv("HOST", host)
        if port:
            monkeypatch.setenv("PORT", port)

    return serve


def test_feed_links_point_at_the_port_the_app_runs_on(app_factory, served_on):
    served_on("127.0.0.1", "8123")
    app = app_factory(SITE_URL=None)
    assert app.config["SITE_URL"] == "http://127.0.0.1:8123"
    feed = app.test_client().get("/library/feed.atom").get_data(as_text=True)
    assert 'href="http://127.0.0.1:8123/library' in feed
    assert ":5000" not in feed


def test_an_explicit_site_url_wins(app_factory, served_on):
    served_on("127.0.0.1", "8123")
    assert app_factory().config["SITE_URL"] == "http://smhn.test"


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        (None, None, "http://127.0.0.1:5000"),
        ("0.0.0.0", "8080", "http://localhost:8080"),
        ("::1", "8080", "http://[::1]:8080"),
        ("smhn.local", None, "http://smhn.local:5000"),
    ],
)
def test_the_serving_address(host, port, expected):
    environ = {name: value for name, value in (("HOST", host), ("PORT", port)) if value}
    assert serving_address(environ) == expected


def test_flasks_own_run_variables_count_too():
    assert serving_address({"FLASK_RUN_PORT": "9000"}) == "http://127.0.0.1:9000"


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_port_that_is_not_a_port_is_refused_with_its_name(port):
    with pytest.raises(ConfigurationError, match="PORT"):
        serving_address({"PORT": port})
