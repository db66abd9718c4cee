"""Profile the reading pages in-process (Flask test client, cProfile) on an existing database.

Run against a seeded database (``flask seed demo``), configured as for ``flask`` (the
``DATABASE_URL`` and ``SEARCH_INDEX_DIR`` environment variables)::

    .venv/bin/python bench/profile_pages.py                 # mean ms per page, warm
    .venv/bin/python bench/profile_pages.py --profile home  # the top functions of one page

It prints the mean time of each page over ``--repeat`` warm requests and the SQL statements
each runs, so a change to a page can be judged before the load test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from bench.load_targets import Targets, find_targets  # noqa: E402


def pages(targets: Targets) -> dict[str, tuple[str, bool]]:
    """Page name → (path, signed in)."""
    return {
        "home": ("/", False),
        "library": ("/library", False),
        "resource": (f"/library/{targets.resource_slug}", False),
        "discussions": ("/discussions", False),
        "thread": (targets.thread_path, False),
        "organisation": (f"/orgs/{targets.org_slug}", False),
        "home_member": ("/", True),
        "resource_member": (f"/library/{targets.resource_slug}", True),
        "library_member": ("/library", True),
        "thread_member": (targets.thread_path, True),
        "search_member": (f"/search?q={targets.search_word}", True),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="a page name: print its top functions")
    args = parser.parse_args()
    app = create_app({"BACKGROUND_WORKER": False, "SEARCH_AUTO_SYNC": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        targets = find_targets()
        from app.accounts.models import User

        member = db.session.scalars(select(User).where(User.email == targets.member_email)).one()
        member_session = f"{member.id}:{member.session_version}"
        engine = db.engine
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    visitor = app.test_client()
    signed_in = app.test_client()
    with signed_in.session_transaction() as sess:
        now = time.time()
        sess.update({"_user_id": member_session, "_fresh": True, "started_at": now, "seen_at": now})
    for name, (path, as_member) in pages(targets).items():
        if args.profile and name != args.profile:
            continue
        client = signed_in if as_member else visitor
        response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        statements.clear()
        client.get(path)
        count = len(statements)
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(args.repeat):
            client.get(path)
        if profiler:
            profiler.disable()
        elapsed = (time.perf_counter() - started) / args.repeat * 1000
        print(f"{name:18} {elapsed:7.2f} ms  {count:3} statements  {path}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
