"""Production refuses unsafe settings at start (SECURITY.md 33, 34, 42; issue 11.4 and 11.8)."""

from __future__ import annotations

import logging
import secrets

import pytest

from app import create_app
from app.config import ConfigurationError
from app.extensions import db
from app.seed.marker import mark_demo_database

STRONG_KEY = secrets.token_hex(32)


def production(tmp_path, **overrides):
    settings = {
        "SMHN_ENV": "production",
        "SECRET_KEY": STRONG_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
        "TRUSTED_HOSTS": ["network.example.org"],
        "UPLOAD_DIR": str(tmp_path / "u"),
        "MAIL_DIR": str(tmp_path / "m"),
        "SEARCH_AUTO_SYNC": False,
        "BACKGROUND_WORKER": False,  # no threads polling a database these tests never migrate
        "TELEMETRY_BACKGROUND": False,
    }
    settings.update(overrides)
    return create_app(settings)


@pytest.fixture(autouse=True)
def _no_worker_count(monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)


def test_a_sound_production_configuration_starts(tmp_path):
    app = production(tmp_path)
    assert app.test_client().get("/no/such/page", headers={"Host": "network.example.org"}).status_code == 404


def test_production_without_trusted_hosts_refuses_to_start(tmp_path):
    with pytest.raises(ConfigurationError, match="TRUSTED_HOSTS"):
        production(tmp_path, TRUSTED_HOSTS=None)


def test_a_foreign_host_gets_400_in_production(tmp_path):
    app = production(tmp_path)
    assert app.test_client().get("/no/such/page", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "key", ["a" * 32, "x" * 64, "abcdefghijklmnopqrstuvwxyz012345", "changeme-changeme-changeme-12"]
)
def test_a_long_but_guessable_secret_key_refuses_to_start(tmp_path, key):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        production(tmp_path, SECRET_KEY=key)


def test_a_database_seeded_by_the_demo_refuses_to_start_in_production(tmp_path):
    development = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
            "SECRET_KEY": STRONG_KEY,
            "UPLOAD_DIR": str(tmp_path / "u"),
            "MAIL_DIR": str(tmp_path / "m"),
            "BACKGROUND_WORKER": False,
            "TELEMETRY_BACKGROUND": False,
        }
    )
    with development.app_context():
        db.create_all()
        mark_demo_database()
        db.session.commit()
    with pytest.raises(ConfigurationError, match="demo"):
        production(tmp_path)


def test_memory_rate_limits_with_several_workers_refuse_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(ConfigurationError, match="RATELIMIT_STORAGE_URI"):
        production(tmp_path)
    assert production(tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0") is not None


def test_memory_rate_limits_in_one_process_are_announced_loudly(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    production(tmp_path)
    assert any("per process" in record.getMessage().lower() for record in caplog.records)


def test_client_address_comes_from_the_configured_proxy_count(app_factory, caplog):
    caplog.set_level(logging.INFO, logger="smhn.security")
    direct = app_factory(PROXY_COUNT=0, RATELIMIT_ENABLED=True)
    forged = {"X-Forwarded-For": "1.2.3.4"}
    direct.test_client().post("/auth/login", data={"email": "a@example.org", "password": "x"}, headers=forged)
    assert "ip='1.2.3.4'" not in caplog.text and "ip=1.2.3.4" not in caplog.text

    proxied = app_factory(PROXY_COUNT=1, RATELIMIT_ENABLED=True)
    statuses = []
    for n in range(7):
        client = proxied.test_client()
        headers = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
        statuses.append(
            client.post(
                "/auth/login", data={"email": f"u{n}@example.org", "password": "x"}, headers=headers
            ).status_code
        )
    assert 429 not in statuses  # seven clients behind one proxy, not one client
    assert "ip=198.51.100.7" in caplog.text
