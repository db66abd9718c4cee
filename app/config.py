"""Settings: defaults, then ``instance/config.py`` if present, then the environment.

Tests pass a mapping to ``create_app`` which wins over everything. Every path the app writes
(database, index, uploads, mail) is a setting, so a test can point it at ``tmp_path``.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from zxcvbn import zxcvbn

log = logging.getLogger(__name__)

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
    "PROXY_COUNT",
    "WEB_CONCURRENCY",
    "CACHE_REDIS_URL",
    "PAGE_CACHE_GENERATION_FILE",
)

# On/off settings read from the environment ("1", "true", "yes", "on" / "0", "false", "no", "off").
ENV_FLAGS = ("SEARCH_AUTO_SYNC", "BACKGROUND_WORKER", "PAGE_CACHE")
# Numeric settings read from the environment.
ENV_NUMBERS = (
    "WORKER_POLL_SECONDS",
    "MAIL_TIMEOUT",
    "MAIL_MAX_ATTEMPTS",
    "JOB_LEASE_SECONDS",
    "EXTRACTION_MAX_PAGES",
    "EXTRACTION_MAX_CONTENT_BYTES",
    "EXTRACTION_CPU_SECONDS",
    "EXTRACTION_MEMORY_MB",
    "EXTRACTION_WALL_SECONDS",
    "SEARCH_MAX_TERMS",
    "PAGE_CACHE_SECONDS",
)
ENV_LIMITS = ("SEARCH_RATE_LIMIT_VISITOR", "SEARCH_RATE_LIMIT_MEMBER", "API_RATE_LIMIT_READ", "API_RATE_LIMIT_WRITE")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

MIN_SECRET_KEY_LENGTH = 32
# zxcvbn's estimate of guesses, as a power of ten: 32 random hex digits give about 10^31.
MIN_SECRET_KEY_GUESSES_LOG10 = 30


class ConfigurationError(RuntimeError):
    """The settings are unsafe or incomplete; the app refuses to start."""


def defaults(instance_path: Path, root_path: Path) -> dict[str, Any]:
    return {
        "SMHN_ENV": "development",
        "SITE_NAME": "Social Media Health Network",
        # None: in development, http://HOST:PORT (the address `make run` serves on); see load().
        "SITE_URL": None,
        "DATABASE_URL": f"sqlite:///{instance_path / 'smhn.db'}",
        # A replica for search and listing reads in requests that have not written (None: the primary).
        "DATABASE_READ_URL": None,
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_DIR": str(root_path / "search_index"),
        # Apply outbox rows from a background thread in this process (the embedded default).
        "SEARCH_AUTO_SYNC": True,
        # Mail and background jobs drained by threads of each serving process (off when only
        # dedicated `flask search worker` processes should do it); their idle poll interval.
        "BACKGROUND_WORKER": True,
        "WORKER_POLL_SECONDS": 2.0,
        "UPLOAD_DIR": str(instance_path / "uploads"),
        # Reading an attachment's text: a work budget, and the child process's limits.
        "EXTRACTION_MAX_PAGES": 500,
        "EXTRACTION_MAX_CONTENT_BYTES": 4 * 1024 * 1024,
        "EXTRACTION_MAX_CHARS": 1_000_000,
        "EXTRACTION_CPU_SECONDS": 30,
        "EXTRACTION_MEMORY_MB": 768,
        "EXTRACTION_WALL_SECONDS": 60,
        "JOB_LEASE_SECONDS": 600,
        "JOB_RETRY_BASE_SECONDS": 30,
        "JOB_RETRY_MAX_SECONDS": 3600,
        "MAIL_URL": None,
        "MAIL_DIR": str(instance_path / "mail"),
        "MAIL_SENDER": "Social Media Health Network <no-reply@smhn.example>",
        "MAIL_TIMEOUT": 30,
        "MAIL_MAX_ATTEMPTS": 8,
        "MAIL_RETRY_BASE_SECONDS": 60,
        "MAIL_RETRY_MAX_SECONDS": 6 * 3600,
        # Search for everyone is rate limited per address (visitors) or per account (members),
        # and every query has a cost bound. A person clicking through facets (bursts of ten, a
        # page every 1.5 s for minutes) stays inside; one address scraping is held to 600 an hour.
        "SEARCH_RATE_LIMIT_VISITOR": "10/10 seconds;60/minute;600/hour",
        "SEARCH_RATE_LIMIT_MEMBER": "20/10 seconds;120/minute;2000/hour",
        "SEARCH_MAX_TERMS": 16,
        # The JSON API, per token (docs/DESIGN.md "JSON API"); bodies above the size are refused (413).
        "API_RATE_LIMIT_READ": "10/second;600/minute",
        "API_RATE_LIMIT_WRITE": "2/second;60/minute",
        "API_MAX_BODY_BYTES": 1024 * 1024,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        # Visitors' pages cached whole (app/page_cache.py): in each process, or in Redis when
        # CACHE_REDIS_URL is set; retired by every change of published content, at most
        # PAGE_CACHE_SECONDS old for counters (views, votes).
        "PAGE_CACHE": True,
        "PAGE_CACHE_SECONDS": 60,
        "PAGE_CACHE_ENTRIES": 500,
        "CACHE_REDIS_URL": None,
        "PAGE_CACHE_GENERATION_FILE": str(instance_path / "page-cache.generation"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Retry-After as a date: Flask-Limiter's seconds are truncated and can read 0 with a wait left.
        "RATELIMIT_HEADER_RETRY_AFTER_VALUE": "http-date",
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
        # How many reverse proxies in front append to X-Forwarded-For (0: trust no such header).
        "PROXY_COUNT": 0,
        # Worker processes serving the app (gunicorn reads the same variable): rate limits kept in
        # one process's memory are not shared between them.
        "WEB_CONCURRENCY": 1,
        # Link checks of the directory's channels (app/directory/linkcheck.py, SECURITY.md 49).
        "LINK_CHECK_TIMEOUT": 5.0,  # seconds, per connect and per read
        "LINK_CHECK_DEADLINE": 20.0,  # seconds for one channel, redirects included
        "LINK_CHECK_CONCURRENCY": 4,  # requests in flight at once
        "LINK_CHECK_INTERVAL": timedelta(days=1),  # a channel is due again after this
        # Periodic tasks run by the background threads and workers: seconds between runs, 0 is off.
        "SCHEDULED_TASKS": {
            "review_reminders": 3600,
            "event_reminders": 600,
            "link_checks": 3600,
            "digests": 24 * 3600,
        },
        "LINK_CHECK_BATCH": 200,  # channels per run_due_link_checks() call
        # Networks a check may reach although not public: only tests set it (e.g. ["127.0.0.1/32"]).
        "LINK_CHECK_ALLOW_PRIVATE": [],
        # Review-by dates (app/library/review_dates.py): months after publishing or the last
        # review, per resource kind; None: never out of date (research is a dated record).
        "REVIEW_MONTHS_BY_KIND": {
            "guide": 12,
            "toolkit": 12,
            "policy_template": 12,
            "case_study": 24,
            "webinar": 24,
            "research": None,
            "link": 12,
            "other": 24,
        },
        "REVIEW_MONTHS_PLATFORM": 12,  # a resource about a platform's features ages faster
        "REVIEW_REMINDER_DAYS": 30,  # authors and org admins are reminded this long before
    }


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    instance_path = Path(app.instance_path)
    app.config.from_mapping(defaults(instance_path, Path(app.root_path).parent))
    app.config.from_pyfile("config.py", silent=True)
    for name in ENV_SETTINGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    _read_typed_environment(app)
    if isinstance(app.config.get("TRUSTED_HOSTS"), str):
        app.config["TRUSTED_HOSTS"] = [h.strip() for h in app.config["TRUSTED_HOSTS"].split(",") if h.strip()]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SITE_URL"):
        app.config["SITE_URL"] = serving_address(os.environ)

    for name in ("PROXY_COUNT", "WEB_CONCURRENCY"):
        app.config[name] = _whole_number(name, app.config[name])
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    _check_search_backend(app)
    if app.config["SMHN_ENV"] == "production":
        _harden_for_production(app)
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance_path)
    for key in ("UPLOAD_DIR", "MAIL_DIR"):
        Path(app.config[key]).mkdir(parents=True, exist_ok=True)


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", "5000"
# A server listening on every interface is reached, from the same machine, at localhost.
_ANY_INTERFACE = frozenset({"0.0.0.0", "::", "[::]"})


def serving_address(environ: Mapping[str, str]) -> str:
    """``http://HOST:PORT`` from the variables ``make run`` serves on (or Flask's own), so links in
    e-mails and feeds point at the port the development server really uses."""
    host = environ.get("HOST") or environ.get("FLASK_RUN_HOST") or DEFAULT_HOST
    port = environ.get("PORT") or environ.get("FLASK_RUN_PORT") or DEFAULT_PORT
    host = "localhost" if host in _ANY_INTERFACE else host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigurationError(f"PORT must be a port number, not {port!r}.")
    return f"http://{host}:{int(port)}"


def _whole_number(name: str, value: object) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None
    if number < 0:
        raise ConfigurationError(f"{name} must not be negative.")
    return number


def _read_typed_environment(app: Flask) -> None:
    for name in ENV_FLAGS:
        value = os.environ.get(name, "").strip().lower()
        if value in _TRUE | _FALSE:
            app.config[name] = value in _TRUE
        elif value:
            raise ConfigurationError(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")
    for name in ENV_NUMBERS:
        value = os.environ.get(name, "").strip()
        if value:
            try:
                app.config[name] = float(value) if "." in value else int(value)
            except ValueError:
                raise ConfigurationError(f"{name} must be a number, not {value!r}.") from None
    for name in ENV_LIMITS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]


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
    if len(key) < MIN_SECRET_KEY_LENGTH or _guesses_log10(key) < MIN_SECRET_KEY_GUESSES_LOG10:
        raise ConfigurationError(
            f"Refusing to start: SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters "
            "(for example: python3 -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if not app.config.get("TRUSTED_HOSTS"):
        raise ConfigurationError(
            "Refusing to start: set TRUSTED_HOSTS to the host names this site answers to "
            "(comma-separated), so a request for a foreign Host is refused."
        )
    _check_rate_limit_storage(app)
    for cookie in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(cookie) is False and os.environ.get(cookie) in ("0", "false", "False"):
            raise ConfigurationError(f"Refusing to start: {cookie} is off in production.")
        app.config[cookie] = True
    app.config["PREFERRED_URL_SCHEME"] = "https"


def _guesses_log10(key: str) -> float:
    return float(zxcvbn(key[:72], max_length=72)["guesses_log10"])


def _check_rate_limit_storage(app: Flask) -> None:
    """Limits in ``memory://`` count per process: refuse that with several workers, warn with one."""
    if not str(app.config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory://"):
        return
    workers = app.config["WEB_CONCURRENCY"]
    if workers > 1:
        raise ConfigurationError(
            f"Refusing to start: RATELIMIT_STORAGE_URI is memory:// with WEB_CONCURRENCY={workers} workers, so "
            "every worker would count its own limits. Set RATELIMIT_STORAGE_URI=redis://… (shared by all)."
        )
    log.warning(
        "RATE LIMITS ARE PER PROCESS: RATELIMIT_STORAGE_URI is memory://. Run a single worker "
        "(WEB_CONCURRENCY=1) or set RATELIMIT_STORAGE_URI=redis://… before adding workers."
    )
