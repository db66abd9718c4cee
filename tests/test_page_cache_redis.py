"""With ``CACHE_REDIS_URL``, apps on several machines share the cache and see each other's changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from app.extensions import db

from .factories.library import make_resource


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url() -> Iterator[str]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # polling for the server to listen, with a deadline
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_change_made_on_one_machine_retires_the_page_another_cached(app_factory, roles, redis_url):
    first = app_factory(CACHE_REDIS_URL=redis_url)
    second = app_factory(CACHE_REDIS_URL=redis_url)
    with first.app_context():
        assert "Answering angry comments" not in first.test_client().get("/library").get_data(as_text=True)
    shared = redis.Redis.from_url(redis_url)
    assert shared.keys("smhn:page:*") and shared.get("smhn:content-generation")
    with second.app_context():
        author, moderator = db.session.merge(roles.member), db.session.merge(roles.moderator)
        make_resource(author, title="Answering angry comments", publisher=moderator)
        db.session.commit()
    with first.app_context():
        assert "Answering angry comments" in first.test_client().get("/library").get_data(as_text=True)
