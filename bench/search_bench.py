"""Search benchmark: synthetic libraries of 10,000 and 100,000 resources.

For each size: build the library in a fresh SQLite database with ``flask seed scale`` (or, in a
checkout without it, ``bench/corpus.py``); three times, enqueue an outbox row per organisation
(pending rows, as production has) and time ``flask search reindex`` in its own process; then
three runs of searches through the app's whole HTTP stack (Flask test client → view → service →
index → template), each on a freshly opened searcher: every query once (first pass), then all
again (warm). One- to three-word queries, phrases, and faceted queries; every search page
computes facet counts and highlighted snippets. Each figure is the median of the three runs;
during each phase the machine's steal time, busy share and load are read from /proc/stat and
/proc/loadavg. The same documents and queries then run on SQLite FTS5 (bm25, snippet(), facet
counts by GROUP BY) as a reference. Also timed: how long a newly published resource takes to
become searchable with the background drainer on.

    .venv/bin/python bench/search_bench.py                  # 10k and 100k (minutes)
    .venv/bin/python bench/search_bench.py --sizes 10000    # just 10k

Data and indexes go to ``bench/results/`` (ignored by git); results are printed as Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import TOPICS, generate_library  # noqa: E402
from search_report import Phase, machine, median_runs, percentiles, table  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def settings(workdir: Path) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{workdir / 'smhn.db'}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "SECRET_KEY": "bench-secret-key-0123456789-0123456789-abcdef",
        "UPLOAD_DIR": str(workdir / "uploads"),
        "MAIL_DIR": str(workdir / "mail"),
    }


def make_app(workdir: Path, **extra):
    from app import create_app

    return create_app({**settings(workdir), "SEARCH_AUTO_SYNC": False, "RATELIMIT_ENABLED": False, **extra})


# --- Data ---------------------------------------------------------------------------------


def flask(workdir: Path, *args: str, quiet: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, **settings(workdir)}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def has_seed_scale(workdir: Path) -> bool:
    try:
        flask(workdir, "seed", "scale", "--help", quiet=True)
    except subprocess.CalledProcessError:
        return False
    return True


def build_library(app, workdir: Path, size: int, generator: str) -> str:
    """A library of ``size`` published resources; returns how it was made."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.library.models import Resource

    with app.app_context():
        db.create_all()
        existing = db.session.execute(select(func.count()).select_from(Resource)).scalar_one()
    if existing == size:
        return (workdir / "generator").read_text() if (workdir / "generator").exists() else "existing"
    if existing:
        raise SystemExit(f"{workdir} holds {existing} resources, not {size}: delete it first")
    started = time.monotonic()
    if generator == "seed" and has_seed_scale(workdir):
        flask(workdir, "seed", "scale", "--resources", str(size), "--organisations", "200", "--no-outbox")
        how = "flask seed scale"
    else:
        generate_library(app, size)
        how = "bench/corpus.py"
    (workdir / "generator").write_text(how)
    print(f"  {size:,} resources by {how} in {time.monotonic() - started:.0f} s")
    return how


def enqueue_organisations(workdir: Path) -> int:
    """Outbox rows for every approved organisation, as `flask seed scale` leaves them; returns the
    number of pending rows (each renames its resources' organisation: production's normal case)."""
    conn = sqlite3.connect(workdir / "smhn.db")
    with conn:
        pending = conn.execute("SELECT count(*) FROM search_outbox").fetchone()[0]
        if not pending:
            conn.execute(
                "INSERT INTO search_outbox (doc_type, doc_id, op, attempts, created_at) "
                "SELECT 'organisation', id, 'upsert', 0, datetime('now') FROM organisations WHERE status = 'approved'"
            )
        pending = conn.execute("SELECT count(*) FROM search_outbox").fetchone()[0]
    conn.close()
    return pending


def index_mb(workdir: Path) -> float:
    live = workdir / "index" / (workdir / "index" / "CURRENT").read_text().strip()
    return sum(p.stat().st_size for p in live.rglob("*") if p.is_file()) / 1e6


def reindex(workdir: Path) -> dict:
    """One `flask search reindex` with pending rows: wall clock, CPU-seconds of the command and its
    indexing processes, the pending rows, the index size after, and the machine meanwhile."""
    pending = enqueue_organisations(workdir)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Phase() as phase:
        started = time.monotonic()
        flask(workdir, "search", "reindex", "--quiet", quiet=True)
        seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_s": cpu, "pending": pending, "index_mb": index_mb(workdir), **phase.summary()}


# --- Queries ------------------------------------------------------------------------------


def query_sets(app, count: int, seed: int = 11) -> dict[str, list[tuple[str, dict]]]:
    from sqlalchemy import select

    from app.content import slugify
    from app.extensions import db
    from app.library.models import Resource

    rng = random.Random(seed)
    with app.app_context():
        ids = rng.sample(range(1, db.session.query(Resource.id).count() + 1), count * 2)
        rows = db.session.execute(select(Resource.title, Resource.body_source).where(Resource.id.in_(ids))).all()
    titles = [re.findall(r"[a-z]+", title.lower()) for title, _ in rows]
    bodies = [re.findall(r"[a-z]+", body.lower()) for _, body in rows]
    kinds = ["guide", "toolkit", "case_study", "policy_template", "research"]
    topics = [slugify(t) for t in TOPICS]
    sets: dict[str, list[tuple[str, dict]]] = {"1 word": [], "2-3 words": [], "phrase": [], "faceted": []}
    for i in range(count):
        words = titles[i % len(titles)]
        sets["1 word"].append((rng.choice(words), {}))
        sets["2-3 words"].append((" ".join(rng.sample(words, min(len(words), rng.randint(2, 3)))), {}))
        body = bodies[i % len(bodies)]
        at = rng.randrange(len(body) - 1)
        sets["phrase"].append((f'"{body[at]} {body[at + 1]}"', {}))
        sets["faceted"].append(
            (
                " ".join(rng.sample(words, min(len(words), rng.randint(1, 2)))),
                {"kind": rng.choice(kinds), "topic": rng.choice(topics)},
            )
        )
    return sets


def fresh_searcher() -> None:
    """Forget this process's searcher and everything cached from it, as a newly started worker."""
    from app.search import schema, whoosh_store

    with whoosh_store._handles_lock:
        for handle in whoosh_store._handles.values():
            with handle.lock:
                handle.close()
        whoosh_store._handles.clear()
    schema.cached_stem.cache_clear()


def time_app(app, sets) -> dict:
    """One run: every query once on a freshly opened searcher (first pass), then all again (warm)."""
    client = app.test_client()
    fresh_searcher()
    out: dict = {}
    with Phase() as phase:
        started = time.perf_counter()
        client.get("/search", query_string={"q": "opening"})
        out["open_ms"] = (time.perf_counter() - started) * 1000
        for label in ("first", "warm"):
            for name, queries in sets.items():
                samples, cpu = [], []
                for text, params in queries:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get("/search", query_string={"q": text, **params})
                    samples.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                    assert response.status_code == 200
                out.setdefault(label, {})[name] = percentiles(samples)
                out.setdefault(f"{label}_cpu", {})[name] = percentiles(cpu)
    out["machine"] = phase.summary()
    return out


# --- SQLite FTS5 reference ------------------------------------------------------------------


def build_fts(workdir: Path) -> tuple[sqlite3.Connection, float]:
    fts_path = workdir / "fts.db"
    fts_path.unlink(missing_ok=True)
    conn = sqlite3.connect(workdir / "smhn.db")
    conn.execute(f"ATTACH DATABASE '{fts_path}' AS f")
    started = time.monotonic()
    tokenizer = "porter unicode61 remove_diacritics 2"
    conn.execute(f"CREATE VIRTUAL TABLE f.docs USING fts5(title, summary, body, tokenize='{tokenizer}')")
    conn.execute(
        "INSERT INTO f.docs(rowid, title, summary, body) SELECT id, title, summary, body_source FROM resources"
    )
    conn.commit()
    return conn, time.monotonic() - started


def fts_expression(text: str) -> str:
    if text.startswith('"'):
        return text
    return " OR ".join(f'"{w}"' for w in text.split())


def fts_query(conn: sqlite3.Connection, text: str, params: dict) -> None:
    """One search page's worth of work on FTS5: ranked page with snippets, count, four facets."""
    match = fts_expression(text)
    rank = "bm25(docs, 4.0, 2.0, 1.0)"  # the same field weights as the app's
    where = "docs MATCH ? AND r.visibility = 'public'"
    args: list = [match]
    if "kind" in params:
        where += " AND r.kind = ?"
        args.append(params["kind"])
    if "topic" in params:
        where += (
            " AND EXISTS (SELECT 1 FROM resource_topics x JOIN topics t ON t.id = x.topic_id"
            " WHERE x.resource_id = r.id AND t.slug = ?)"
        )
        args.append(params["topic"])
    # Match once into a temporary table, then page, count and facets from it.
    conn.execute("DROP TABLE IF EXISTS temp.m")
    conn.execute(
        f"CREATE TEMP TABLE m AS SELECT r.id AS id, {rank} AS score, r.kind AS kind, "
        "r.organisation_id AS org, substr(r.published_at, 1, 4) AS year "
        f"FROM f.docs AS docs JOIN resources r ON r.id = docs.rowid WHERE {where}",
        args,
    )
    snippet = "snippet(docs, 2, '<mark>', '</mark>', '…', 16)"
    conn.execute(
        f"SELECT rowid, {snippet} FROM f.docs AS docs WHERE docs MATCH ? "
        "AND rowid IN (SELECT id FROM m ORDER BY score LIMIT 20)",
        [match],
    ).fetchall()
    conn.execute("SELECT count(*) FROM m").fetchall()
    conn.execute("SELECT kind, count(*) FROM m GROUP BY kind").fetchall()
    conn.execute("SELECT org, count(*) FROM m GROUP BY org ORDER BY 2 DESC LIMIT 15").fetchall()
    conn.execute("SELECT year, count(*) FROM m GROUP BY year").fetchall()
    by_topic = "FROM m JOIN resource_topics rt ON rt.resource_id = m.id GROUP BY rt.topic_id"
    conn.execute(f"SELECT rt.topic_id, count(*) {by_topic}").fetchall()


def time_fts(conn, sets) -> dict[str, tuple[float, float]]:
    for text, params in [q for queries in sets.values() for q in queries[:20]]:
        fts_query(conn, text, params)
    out = {}
    for name, queries in sets.items():
        samples = []
        for text, params in queries:
            started = time.perf_counter()
            fts_query(conn, text, params)
            samples.append(time.perf_counter() - started)
        out[name] = percentiles(samples)
    return out


# --- Freshness ----------------------------------------------------------------------------------


def time_to_searchable(workdir: Path) -> float:
    """Publish one resource (row + outbox row, one commit in a request) and wait for the drainer."""
    from flask_login import AnonymousUserMixin
    from sqlalchemy import func, insert, select

    from app.extensions import db
    from app.library.models import Resource
    from app.search import outbox, service

    app = make_app(workdir, SEARCH_AUTO_SYNC=True)
    app.test_client().get("/search?q=warm+up")  # a serving process: its first request starts the drainer
    # The publishing commit happens in a request, as a publish from the web form does.
    with app.test_request_context("/library/new", method="POST"):
        new_id = db.session.execute(select(func.max(Resource.id))).scalar_one() + 1
        word = f"zyzzogeton{new_id}x{int(time.time())}"
        db.session.execute(
            insert(Resource),
            [
                {
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
            ],
        )
        outbox.enqueue("resource", new_id)
        started = time.monotonic()
        db.session.commit()
        while not service.search(AnonymousUserMixin(), word, record=False).total:
            if time.monotonic() - started > 30:
                background = app.extensions["search_sync"]
                alive = background.thread is not None and background.thread.is_alive()
                raise RuntimeError(f"not searchable after 30 s (drainer thread alive: {alive})")
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        db.session.execute(Resource.__table__.delete().where(Resource.id == new_id))
        outbox.enqueue("resource", new_id)
        db.session.commit()
        time.sleep(0.5)
    app.extensions["search_sync"].stop()
    return elapsed


# --- Report -------------------------------------------------------------------------------------


def run(
    size: int, count: int, fts_count: int, generator: str, repeats: int, rebuilt: list[str], rebuild_count: int
) -> dict:
    workdir = RESULTS / f"library-{size}" if generator == "seed" else RESULTS / f"library-{size}-{generator}"
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"== {size:,} resources ==")
    app = make_app(workdir)
    generator = build_library(app, workdir, size, generator)
    rebuilds = [json.loads(line) for line in rebuilt]
    for number in range(len(rebuilds), rebuild_count):
        rebuilds.append(reindex(workdir))
        print(f"  flask search reindex #{number + 1}: {json.dumps(rebuilds[-1])}", flush=True)
    sets = query_sets(app, count)
    runs = []
    for number in range(repeats):
        runs.append(time_app(make_app(workdir), sets))
        print(f"  app search run #{number + 1}: {json.dumps(runs[-1])}", flush=True)
    with Phase() as fts_phase:
        conn, fts_build = build_fts(workdir)
        fts = time_fts(conn, {name: queries[:fts_count] for name, queries in sets.items()})
        conn.close()
    print(f"  FTS5 (built in {fts_build:.1f} s): {fts}")
    fresh = time_to_searchable(workdir)
    result = {
        "size": size,
        "rebuilds": rebuilds,
        "reindex_s": statistics.median(r["seconds"] for r in rebuilds),
        "reindex_cpu_s": statistics.median(r["cpu_s"] for r in rebuilds),
        "pending": statistics.median(r["pending"] for r in rebuilds),
        "index_mb": statistics.median(r["index_mb"] for r in rebuilds),
        "fts_build_s": fts_build,
        "search_runs": runs,
        "whoosh": median_runs(runs),
        "fts5": fts,
        "fts_machine": fts_phase.summary(),
        "searchable_after_s": fresh,
        "generator": generator,
        "queries_per_set": count,
        "fts_queries_per_set": fts_count,
        "repeats": repeats,
    }
    (RESULTS / f"search-{size}.json").write_text(json.dumps(result, indent=2))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="queries per set")
    parser.add_argument("--fts-queries", type=int, default=50, help="queries per set for FTS5 (slow on facets)")
    parser.add_argument(
        "--generator",
        choices=["seed", "corpus"],
        default="seed",
        help="seed: flask seed scale (if present); corpus: bench/corpus.py (longer, random text)",
    )
    parser.add_argument(
        "--rebuilt",
        nargs="*",
        default=[],
        help="rebuild figures (JSON, as printed) already measured on this library: fewer rebuilds now",
    )
    parser.add_argument("--rebuilds", type=int, default=0, help="rebuilds to measure (default: --repeats)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each measurement (figures are medians)")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    rebuilds = args.rebuilds or args.repeats
    results = [
        run(size, args.queries, args.fts_queries, args.generator, args.repeats, args.rebuilt, rebuilds)
        for size in args.sizes
    ]
    print()
    print(table(results))


if __name__ == "__main__":
    main()
