"""Shared fixtures, in the flaskr manner: app, client, runner, sign-in, mailbox, roles.

The database is chosen by ``TEST_DATABASE_URL``: unset, each test worker uses its own SQLite
file; a ``postgresql+psycopg://`` URL gives each worker its own database on that server
(created and dropped here). The schema is created once per worker; after every test all rows
are removed, so each test starts from an empty database.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

from . import factories
from .background import deliver_mail

ON_CI = os.environ.get("CI", "").lower() == "true"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Public hostile-input corpora (BLNS, OWASP, html5lib), kept beside the checkout or named by SMHN_CORPORA_DIR.
CORPORA_DIR = Path(os.environ.get("SMHN_CORPORA_DIR") or PROJECT_ROOT.parent / "shared" / "corpora")


# --- Database ---------------------------------------------------------------------------


def _worker_suffix(worker_id: str) -> str:
    """Unique per test run and worker, so concurrent runs on one server never share a database."""
    if worker_id == "master":
        return f"main_{os.getpid()}"
    return f"{worker_id}_{os.getppid()}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        path = tmp_path_factory.mktemp("db") / "test.db"
        yield f"sqlite:///{path}"
        return
    url = make_url(base)
    name = f"{url.database}_smhn_{_worker_suffix(worker_id)}"
    admin_engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture(scope="session")
def _schema(database_url: str) -> str:
    """Create every table once per worker."""
    import app.models  # noqa: F401  (registers every table)

    engine = create_engine(database_url)
    db.metadata.drop_all(engine)
    db.metadata.create_all(engine)
    engine.dispose()
    return database_url


def _wipe(app: Flask) -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
        db.engine.dispose()


# --- App, client, runner ----------------------------------------------------------------


def make_test_config(tmp_path: Path, database_url: str, **overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "SEARCH_AUTO_SYNC": False,
        "BACKGROUND_WORKER": False,  # tests run the queues explicitly (tests/background.py)
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "page-cache.generation"),
        "MAIL_URL": None,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SITE_URL": "http://smhn.test",
        "SERVER_NAME": None,
    }
    config.update(overrides)
    return config


@pytest.fixture
def app_factory(tmp_path: Path, _schema: str) -> Iterator[Any]:
    """Build an app with extra settings, e.g. ``app_factory(WTF_CSRF_ENABLED=True)``."""
    apps: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        instance = create_app(make_test_config(tmp_path, _schema, **overrides))
        apps.append(instance)
        return instance

    yield build
    for instance in apps:  # telemetry the test never flushed would refer to rows wiped below
        instance.extensions["telemetry"].pending.clear()
    if apps:
        _wipe(apps[0])


@pytest.fixture
def app(app_factory: Any) -> Flask:
    return app_factory()


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    """An app context for the length of one test (for calling services and factories)."""
    with app.app_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


# --- Signing in and roles ---------------------------------------------------------------


def login(client: FlaskClient, user: Any) -> FlaskClient:
    """Sign ``user`` in on ``client`` without going through the form (the form has its own tests)."""
    from app.db_types import utcnow

    now = utcnow().timestamp()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["started_at"] = now
        session["seen_at"] = now
    return client


@dataclass
class Roles:
    """One user per role, around one approved organisation (``org``) and a second one (``other_org``)."""

    outsider: Any  # signed in, verified, no organisation
    member: Any
    org_admin: Any
    other_member: Any  # member of other_org
    moderator: Any
    admin: Any
    org: Any
    other_org: Any


@pytest.fixture
def roles(ctx: Flask) -> Roles:
    outsider = factories.make_user(name="Olive Outsider")
    member = factories.make_user(name="Mina Member")
    org_admin = factories.make_user(name="Oscar Orgadmin")
    other_member = factories.make_user(name="Otto Othermember")
    moderator = factories.make_user(name="Mo Moderator", moderator=True)
    admin = factories.make_user(name="Ada Admin", admin=True)
    org = factories.make_org("Mercy General Hospital", admin=org_admin, members=(member,))
    other_org = factories.make_org("Lakeside Patients Association", members=(other_member,))
    db.session.commit()
    return Roles(outsider, member, org_admin, other_member, moderator, admin, org, other_org)


@pytest.fixture
def client_as(app: Flask):
    """``client_as(user)`` gives a fresh test client signed in as ``user`` (None: a visitor)."""

    def make(user: Any) -> FlaskClient:
        new_client = app.test_client()
        return login(new_client, user) if user is not None else new_client

    return make


# --- Mail -------------------------------------------------------------------------------


class Mailbox:
    """The ``.eml`` files the app wrote to ``MAIL_DIR``, parsed, oldest first.

    Mail is queued in the database and delivered by the worker; reading the mailbox first
    delivers what is due, as the worker would after the commit.
    """

    def __init__(self, app: Flask, folder: Path) -> None:
        self.app = app
        self.folder = folder

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        deliver_mail(self.app)
        if not self.folder.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(self.folder.glob("*.eml"))
        ]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def last_to(self, address: str) -> email.message.EmailMessage:
        found = self.to(address)
        assert found, f"no e-mail to {address}"
        return found[-1]

    @staticmethod
    def body(message: email.message.EmailMessage) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def mailbox(app: Flask) -> Mailbox:
    return Mailbox(app, Path(app.config["MAIL_DIR"]))


# --- Hostile-input corpora (read in place from CORPORA_DIR) -------------------------------


def load_corpus(name: str) -> Any:
    path = CORPORA_DIR / name
    if not path.exists():
        if ON_CI:
            raise FileNotFoundError(f"{path} is missing, and under CI=true the corpus tests must run")
        pytest.skip(f"corpus {name} not found beside the project ({CORPORA_DIR})")
    return json.loads(path.read_text(encoding="utf-8"))


# --- The PostgreSQL run -----------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, run the tests that touch a database; the others (parsers, the sanitizer,
    the privacy rules…) give the same answer whatever the database and ran on SQLite already."""
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        return
    keep, drop = [], []
    for item in items:
        uses_database = "database_url" in getattr(item, "fixturenames", ())
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
