"""Settings: defaults, then ``instance/config.py`` if present, then the environment.

Tests pass a mapping to ``create_app`` which wins over everything. Every path the app writes
(database, index, uploads, mail) is a setting, so a test can point it at ``tmp_path``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

# Settings read from the environment by name (docs/DESIGN.md "Contracts").
ENV_SETTINGS = (
    "DATABASE_URL",
    "DATABASE_READ_URL",
    "SEARCH_BACKEND",
    "SEARCH_INDEX_DIR",
    "UPLOAD_DIR",
    "SECRET_KEY",
    "MAIL_URL",
    "MAIL_SENDER",
    "MAIL_DIR",
    "RATELIMIT_STORAGE_URI",
    "SITE_URL",
    "SMHN_ENV",
    "TRUSTED_HOSTS",
)

# Switches read from the environment: 1/true/yes/on or 0/false/no/off.
ENV_FLAGS = ("SEARCH_AUTO_SYNC",)
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")

MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The settings are unsafe or incomplete; the app refuses to start."""


def defaults(instance_path: Path, root_path: Path) -> dict[str, Any]:
    return {
        "SMHN_ENV": "development",
        "SITE_NAME": "Social Media Health Network",
        "SITE_URL": "http://127.0.0.1:5000",
        "DATABASE_URL": f"sqlite:///{instance_path / 'smhn.db'}",
        # A replica for search and listing reads in requests that have not written (None: the primary).
        "DATABASE_READ_URL": None,
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_DIR": str(root_path / "search_index"),
        # Apply outbox rows from a background thread in this process (the embedded default).
        "SEARCH_AUTO_SYNC": True,
        "UPLOAD_DIR": str(instance_path / "uploads"),
        "MAIL_URL": None,
        "MAIL_DIR": str(instance_path / "mail"),
        "MAIL_SENDER": "Social Media Health Network <no-reply@smhn.example>",
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        # "Between posts" limits are exact only with a moving window.
        "RATELIMIT_STRATEGY": "moving-window",
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024 + 64 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        # Idle and absolute limits on a signed-in session (docs/SECURITY.md 7).
        "SESSION_IDLE_TIMEOUT": timedelta(hours=12),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "PASSWORD_RESET_MAX_AGE": 3600,
        "EMAIL_VERIFY_MAX_AGE": 3 * 24 * 3600,
        "INVITATION_MAX_AGE": 7 * 24 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # SQLite: how long a writer waits for the write lock before the unit of work retries.
        "SQLITE_BUSY_TIMEOUT_MS": 10_000,
        # Write reading pages' telemetry (view counts, read markers, search log) from a
        # background thread; off in tests, which call app.telemetry.flush() instead.
        "TELEMETRY_BACKGROUND": True,
        "TRUSTED_HOSTS": None,
    }


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    instance_path = Path(app.instance_path)
    app.config.from_mapping(defaults(instance_path, Path(app.root_path).parent))
    app.config.from_pyfile("config.py", silent=True)
    for name in ENV_SETTINGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    for name in ENV_FLAGS:
        if os.environ.get(name):
            app.config[name] = _flag(name, os.environ[name])
    if isinstance(app.config.get("TRUSTED_HOSTS"), str):
        app.config["TRUSTED_HOSTS"] = [h.strip() for h in app.config["TRUSTED_HOSTS"].split(",") if h.strip()]
    if test_config:
        app.config.from_mapping(test_config)

    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    _check_search_backend(app)
    if app.config["SMHN_ENV"] == "production":
        _harden_for_production(app)
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance_path)
    for key in ("UPLOAD_DIR", "MAIL_DIR"):
        Path(app.config[key]).mkdir(parents=True, exist_ok=True)


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigurationError(f"Refusing to start: {name}={raw!r} is not one of {', '.join(TRUE_WORDS + FALSE_WORDS)}.")


def _check_search_backend(app: Flask) -> None:
    from .search.backend import configuration_problem

    problem = configuration_problem(str(app.config.get("SEARCH_BACKEND")), app.config["SQLALCHEMY_DATABASE_URI"])
    if problem:
        raise ConfigurationError(f"Refusing to start: {problem}.")


def is_production(app: Flask) -> bool:
    return app.config.get("SMHN_ENV") == "production"


def _instance_secret_key(instance_path: Path) -> str:
    """A random key generated once and kept in the instance folder (never in code)."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _harden_for_production(app: Flask) -> None:
    """Refuse unsafe production settings (docs/SECURITY.md 34) and switch on secure cookies."""
    if app.debug or os.environ.get("FLASK_DEBUG") in ("1", "true", "True"):
        raise ConfigurationError("Refusing to start: debug mode is on in production.")
    key = app.config.get("SECRET_KEY") or ""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"Refusing to start: SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters."
        )
    for cookie in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(cookie) is False and os.environ.get(cookie) in ("0", "false", "False"):
            raise ConfigurationError(f"Refusing to start: {cookie} is off in production.")
        app.config[cookie] = True
    app.config["PREFERRED_URL_SCHEME"] = "https"
