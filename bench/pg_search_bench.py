"""PostgreSQL search backend benchmark: 100,000 resources and 200,000 posts on one database.

Steps, each optional with ``--skip-…`` so a long seed is not repeated:

1. a fresh database on ``--server`` filled by ``flask seed scale --resources N --threads M
   --no-outbox`` (about 16.5 posts a thread: 12,000 threads ≈ 200,000 posts);
2. ``flask search reindex`` in its own process (wall clock; the work is shared between that
   process, which analyses the text, and the PostgreSQL server, which writes and indexes it);
3. searches through the app's HTTP stack as the Whoosh benchmark does (Flask test client →
   ``/search`` view → service → PostgreSQL → Jinja template), as a visitor, every page with facet
   counts and highlighted snippets: one word, two or three words, a quoted phrase, and words with
   a kind and a topic filter;
4. one resource published in a request (row and outbox row, one commit) with the background
   drainer on: milliseconds until a search finds it.

Prints Markdown with the machine's load and CPU steal, for ``bench/README.md``.

    nice -n 10 .venv/bin/python bench/pg_search_bench.py                      # everything (long)
    nice -n 10 .venv/bin/python bench/pg_search_bench.py --skip-seed --skip-reindex   # searches only
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import machine, percentiles, query_sets  # noqa: E402

WORKDIR = ROOT / "bench" / "results" / "pg"
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATABASE = "smhn_pgbench"


def database_url(server: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=DATABASE).render_as_string(hide_password=False)


def settings(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "SEARCH_BACKEND": "postgres",
        "SECRET_KEY": "bench-secret-key-0123456789-0123456789-abcdef",
        "UPLOAD_DIR": str(WORKDIR / "uploads"),
        "MAIL_DIR": str(WORKDIR / "mail"),
        "SEARCH_INDEX_DIR": str(WORKDIR / "index"),
    }


def make_app(url: str, **extra):
    from app import create_app

    return create_app({**settings(url), "SEARCH_AUTO_SYNC": False, "RATELIMIT_ENABLED": False, **extra})


def flask(url: str, *args: str) -> None:
    env = {**os.environ, **settings(url), "SEARCH_AUTO_SYNC": "0"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env, check=True)


def steal_and_total() -> tuple[int, int]:
    """CPU jiffies stolen by the hypervisor, and all jiffies, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return fields[7] if len(fields) > 7 else 0, sum(fields)


def seed(server: str, url: str, resources: int, threads: int) -> float:
    from sqlalchemy import create_engine, text

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()
    app = make_app(url)
    from app.extensions import db

    with app.app_context():
        import app.models  # noqa: F401

        db.create_all()
    started = time.monotonic()
    flask(url, "seed", "scale", "--resources", str(resources), "--threads", str(threads), "--organisations", "200")
    return time.monotonic() - started


def counts(url: str) -> tuple[int, int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        found = tuple(
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in ("resources", "posts")
        )
        indexed = conn.execute(text("SELECT count(*) FROM search_documents")).scalar_one()
    engine.dispose()
    return found[0], found[1], indexed


def time_searches(url: str, count: int) -> dict[str, tuple[float, float]]:
    app = make_app(url)
    sets = query_sets(app, count)
    client = app.test_client()
    for text, params in [q for queries in sets.values() for q in queries[:20]]:  # warm up
        client.get("/search", query_string={"q": text, **params})
    out = {}
    for name, queries in sets.items():
        samples = []
        for text, params in queries:
            started = time.perf_counter()
            response = client.get("/search", query_string={"q": text, **params})
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        out[name] = percentiles(samples)
    return out


def time_to_searchable(url: str) -> float:
    from flask_login import AnonymousUserMixin
    from sqlalchemy import func, insert, select

    from app.extensions import db
    from app.library.models import Resource
    from app.search import outbox, service

    app = make_app(url, SEARCH_AUTO_SYNC=True)
    app.test_client().get("/search?q=warm+up")  # a serving process: its first request starts the drainer
    with app.test_request_context("/library/new", method="POST"):
        new_id = db.session.execute(select(func.max(Resource.id))).scalar_one() + 1
        word = f"zyzzogeton{new_id}x{int(time.time())}"
        row = {
            "id": new_id,
            "title": f"{word} freshness probe",
            "slug": f"probe-{new_id}",
            "summary": "Probe.",
            "body_html": "<p>Probe.</p>",
            "status": "published",
            "visibility": "public",
            "kind": "guide",
            "organisation_id": 1,
        }
        db.session.execute(insert(Resource), [row])
        outbox.enqueue("resource", new_id)
        started = time.monotonic()
        db.session.commit()
        while not service.search(AnonymousUserMixin(), word, record=False).total:
            if time.monotonic() - started > 30:
                raise RuntimeError("not searchable after 30 s")
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        db.session.execute(Resource.__table__.delete().where(Resource.id == new_id))
        outbox.enqueue("resource", new_id)
        db.session.commit()
        time.sleep(0.5)
    app.extensions["search_sync"].stop()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("TEST_DATABASE_URL") or DEFAULT_SERVER)
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=12_000)
    parser.add_argument("--queries", type=int, default=200, help="Queries per set.")
    parser.add_argument("--skip-seed", action="store_true", help="Reuse the database of an earlier run.")
    parser.add_argument("--skip-reindex", action="store_true")
    args = parser.parse_args()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    url = database_url(args.server)

    print(machine())
    steal0, total0 = steal_and_total()
    if not args.skip_seed:
        print(f"seeded in {seed(args.server, url, args.resources, args.threads):.0f} s")
    if not args.skip_reindex:
        load = os.getloadavg()[0]
        started = time.monotonic()
        flask(url, "search", "reindex", "--quiet")
        print(f"flask search reindex: {time.monotonic() - started:.1f} s (load average before: {load:.1f})")
    resources, posts, indexed = counts(url)
    print(f"{resources:,} resources, {posts:,} posts; {indexed:,} documents in the index")
    load = os.getloadavg()[0]
    timings = time_searches(url, args.queries)
    print(f"\nSearches through HTTP (Flask test client), {args.queries} per set; load average before: {load:.1f}\n")
    print("| query set | p50 (ms) | p95 (ms) |\n|---|---:|---:|")
    for name, (p50, p95) in timings.items():
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    print(f"\npublished → searchable: {time_to_searchable(url) * 1000:.0f} ms")
    steal1, total1 = steal_and_total()
    print(f"CPU steal over the run: {100 * (steal1 - steal0) / max(total1 - total0, 1):.1f} %")
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
