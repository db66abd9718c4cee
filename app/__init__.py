"""Application factory: a few named steps, each doing one thing."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from . import config
from .extensions import csrf, db, limiter, login_manager, migrate

# Feature blueprints, registered in this order. Each package's ``views`` module has ``bp`` (or a
# tuple ``blueprints`` when the package serves different audiences on different blueprints).
BLUEPRINT_MODULES = (
    "main",
    "accounts",
    "orgs",
    "directory",
    "admin",
    "library",
    "discussions",
    "moderation",
    "notifications",
    "search",
    "api",
    "events",
    "courses",
    "news",
    "experts",
    "follows",
    "content_requests",
)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    configure_logging(app)
    trust_proxies(app)
    register_extensions(app)
    register_models()
    register_blueprints(app)
    register_request_hooks(app)
    register_error_handlers(app)
    register_commands(app)
    if config.is_production(app):
        refuse_demo_database(app)
    register_background_services(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Read the client's address (rate limits, security log) and scheme from the ``PROXY_COUNT``
    proxies in front; with none configured, forwarded headers are ignored (anyone can forge them)."""
    count = app.config["PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def refuse_demo_database(app: Flask) -> None:
    """The demo's accounts share a published password: production never serves that database."""
    from .seed.marker import is_demo_database

    with app.app_context():
        if is_demo_database():
            raise config.ConfigurationError(
                "Refusing to start: this database was filled by `flask seed demo`, whose accounts share a "
                "published password. Use a fresh database in production."
            )


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    from .accounts.session import configure_login
    from .api.auth import init_app as init_api_auth

    configure_login(app, login_manager)
    # Before the limiter: its per-account and per-token keys read the user these hooks set.
    init_api_auth(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
    from .db_setup import configure_sqlite
    from .read_replica import init_app as init_read_replica

    configure_sqlite(app)
    init_read_replica(app)
    from . import telemetry

    telemetry.init_app(app)
    from . import page_cache

    page_cache.init_app(app)
    from . import static_files

    static_files.init_app(app)


def register_models() -> None:
    """Import every model module so metadata (and Alembic) knows every table."""
    from . import models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from importlib import import_module

    from .routing import register_converters

    register_converters(app)
    for name in BLUEPRINT_MODULES:
        module = import_module(f".{name}.views", __name__)
        for blueprint in getattr(module, "blueprints", (module.bp,)):
            app.register_blueprint(blueprint)


def register_request_hooks(app: Flask) -> None:
    from .permissions import register_template_helper
    from .security import register_security_headers
    from .templating import register_template_globals
    from .unit_of_work import register_request_transaction

    register_security_headers(app)
    register_template_helper(app)
    register_template_globals(app)
    register_request_transaction(app)  # registered last: its after_request hook runs first


def register_error_handlers(app: Flask) -> None:
    from .errors import register_error_handlers as register

    register(app)


def register_commands(app: Flask) -> None:
    from .commands import register_cli

    register_cli(app)


def register_background_services(app: Flask) -> None:
    """The serving process's own drainers: the search outbox (``SEARCH_AUTO_SYNC``), mail and
    jobs (``BACKGROUND_WORKER``). Their threads start with the first request, never in a CLI."""
    from .search import background as search_background
    from .worker import background
    from .worker.steps import EMBEDDED_STEPS

    search_background.init_app(app)
    background.init_app(app, EMBEDDED_STEPS)
