"""The factory, configuration and response headers."""

import pytest

from app import create_app
from app.config import ConfigurationError


def test_home_page_tells_a_visitor_what_the_network_is(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"share what works" in response.data


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert "Strict-Transport-Security" not in response.headers


def test_missing_page_is_a_generic_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Not found" in response.data


def test_production_refuses_a_short_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app({"SMHN_ENV": "production", "SECRET_KEY": "short", "DATABASE_URL": "sqlite://",
                    "UPLOAD_DIR": str(tmp_path / "u"), "MAIL_DIR": str(tmp_path / "m")})


def test_production_refuses_debug_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigurationError, match="debug"):
        create_app({"SMHN_ENV": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://",
                    "UPLOAD_DIR": str(tmp_path / "u"), "MAIL_DIR": str(tmp_path / "m")})


def test_production_sends_hsts_and_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app({"SMHN_ENV": "production", "SECRET_KEY": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b",
                      "DATABASE_URL": "sqlite://", "TRUSTED_HOSTS": ["localhost"], "SEARCH_AUTO_SYNC": False,
                      "BACKGROUND_WORKER": False, "TELEMETRY_BACKGROUND": False,
                      "UPLOAD_DIR": str(tmp_path / "u"), "MAIL_DIR": str(tmp_path / "m")})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = app.test_client().get("/no/such/page")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
