"""Writers wait, never lose work: concurrent HTTP writers under gunicorn, and an import beside them.

Each test starts gunicorn (several worker processes) on the test's database — SQLite or
PostgreSQL, whichever the run uses — and drives it through the real forms, CSRF tokens included.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
import requests
from sqlalchemy import func, select

from app.discussions import service as discussions
from app.discussions.models import Post
from app.extensions import db
from app.library.curation import ensure_default_topics
from app.library.models import Resource
from tests import factories

from ..library.import_data import line_fields
from .conftest import csrf_token, signed_in

pytestmark = pytest.mark.concurrency

SESSIONS_PER_WRITER = 2
REPLIES_PER_SESSION = 5
IMPORT_LINES = 300


def _reply(browser: requests.Session, base_url: str, thread_id: int, body: str) -> int:
    form_url = f"{base_url}/discussions/threads/{thread_id}/reply"
    token = csrf_token(browser.get(form_url, timeout=120).text)
    response = browser.post(form_url, data={"csrf_token": token, "body": body}, allow_redirects=False, timeout=120)
    return response.status_code


def _thread_for_replies(roles) -> int:
    category = {c.slug: c for c in discussions.ensure_default_categories()}["platforms"]
    thread = discussions.create_thread(roles.member, category, "Busy thread", "Everyone answers at once.")
    db.session.commit()
    return thread.id


def _writers(served_url: str, roles) -> list[tuple[str, requests.Session]]:
    people = [roles.member, roles.org_admin, roles.other_member]
    return [
        (f"{person.id}-{n}", signed_in(served_url, person.email, factories.PASSWORD))
        for person in people
        for n in range(SESSIONS_PER_WRITER)
    ]


def _run_all(jobs: list[Callable[[], None]]) -> None:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
        assert not thread.is_alive(), "a writer did not finish"


def _posts_with_prefix(prefix: str) -> list[str]:
    db.session.expire_all()
    return list(db.session.execute(select(Post.body_source).where(Post.body_source.like(f"{prefix}%"))).scalars())


def test_concurrent_writers_under_gunicorn_lose_nothing_and_see_no_errors(serve, roles):
    thread_id = _thread_for_replies(roles)
    served = serve(workers=4)
    writers = _writers(served.url, roles)
    start = threading.Barrier(len(writers))
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def write(name: str, browser: requests.Session) -> Callable[[], None]:
        def run() -> None:
            start.wait(60)
            for n in range(REPLIES_PER_SESSION):
                status = _reply(browser, served.url, thread_id, f"Concurrent reply {name}/{n}")
                with lock:
                    statuses[status] += 1

        return run

    _run_all([write(name, browser) for name, browser in writers])

    expected = len(writers) * REPLIES_PER_SESSION
    assert statuses == Counter({302: expected})
    bodies = _posts_with_prefix("Concurrent reply")
    assert sorted(bodies) == sorted(
        f"Concurrent reply {name}/{n}" for name, _ in writers for n in range(REPLIES_PER_SESSION)
    )


def test_an_import_beside_a_serving_and_draining_site_keeps_every_line(serve, roles, tmp_path):
    ensure_default_topics()
    db.session.commit()
    thread_id = _thread_for_replies(roles)
    orgs = [roles.org.slug, roles.other_org.slug]
    rng = random.Random(3)
    lines = [line_fields(n, orgs, rng) for n in range(IMPORT_LINES)]
    lines[-1]["title"] = "The very last line: quokkaphone rollout"
    lines[-1]["visibility"] = "public"
    path = tmp_path / "busy.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    served = serve(workers=2, SEARCH_AUTO_SYNC=True)
    writers = _writers(served.url, roles)[:3]
    imported = threading.Event()
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def write(name: str, browser: requests.Session) -> Callable[[], None]:
        def run() -> None:
            n = 0
            while not imported.is_set():
                status = _reply(browser, served.url, thread_id, f"Beside the import {name}/{n}")
                with lock:
                    statuses[status] += 1
                n += 1

        return run

    result: dict[str, object] = {}

    def run_import() -> None:
        try:
            result["run"] = served.flask("library", "import", str(path), "--batch-size", "25")
        finally:
            imported.set()

    _run_all([run_import, *(write(name, browser) for name, browser in writers)])

    run = result["run"]
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"Created {IMPORT_LINES:,}, updated 0 (0 unchanged), skipped 0." in run.stdout
    assert "Skipped line" not in run.stderr
    db.session.expire_all()
    assert db.session.execute(select(func.count()).select_from(Resource)).scalar_one() == IMPORT_LINES
    assert set(statuses) == {302} and sum(statuses.values()) >= len(writers)
    assert len(_posts_with_prefix("Beside the import")) == sum(statuses.values())
    _wait_until_searchable(served.url, "quokkaphone")


def _wait_until_searchable(base_url: str, word: str, seconds: float = 60.0) -> None:
    """The serving processes drain the outbox the import left; poll with a deadline."""
    deadline = time.monotonic() + seconds
    pause = threading.Event()
    while time.monotonic() < deadline:
        found = requests.get(f"{base_url}/api/v1/search", params={"q": word}, timeout=60).json()
        if found["total"] >= 1:
            return
        pause.wait(0.5)
    pytest.fail(f"“{word}” was not searchable within {seconds:.0f} s of the import")
