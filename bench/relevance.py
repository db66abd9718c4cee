"""Relevance: nDCG@10 of each search backend beside a plain BM25 baseline, on a BEIR-layout collection.

A collection is a folder with ``corpus.jsonl`` (``_id``, ``title``, ``text``), ``queries.jsonl``
(``_id``, ``text``) and ``qrels/test.tsv`` (``query-id``, ``corpus-id``, ``score``), as BEIR
distributes NFCorpus, TREC-COVID, SciFact… Each document is loaded as a public library resource
(title; text as the body) straight into a fresh index of each backend (Whoosh in a temporary
folder; PostgreSQL in a fresh database created on ``--database-url``'s server and dropped after),
then every query runs through the app's own search service as a visitor types it (parsing,
synonyms, ranking: what ``/search`` does) and its first ten results are scored against the
judgements. The baseline is Okapi BM25 from ``rank-bm25`` (k1 1.5, b 0.75) over the same tokens
(the app's analyser: lower case, accents folded, stop words dropped, Porter stems), title and
text as one field: the plain reference that full-text engines are measured against.

    .venv/bin/python bench/relevance.py                                   # the shipped collection
    .venv/bin/python bench/relevance.py --collection ~/beir/nfcorpus --backends postgres
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_COLLECTION = ROOT / "bench" / "relevance_data" / "healthcomms"
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
K = 10


# --- The collection ---------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            parts = line.rstrip("\n").split("\t")
            if n == 0 and not parts[-1].lstrip("-").isdigit():
                continue  # header
            judged[parts[0]][parts[1]] = int(parts[2])
    return judged


def load(collection: Path, max_docs: int | None) -> tuple[list[dict], list[dict], dict[str, dict[str, int]]]:
    corpus = read_jsonl(collection / "corpus.jsonl")[:max_docs]
    qrels = read_qrels(collection / "qrels" / "test.tsv")
    queries = [q for q in read_jsonl(collection / "queries.jsonl") if q["_id"] in qrels]
    return corpus, queries, qrels


# --- Scoring ----------------------------------------------------------------------------


def ndcg_at_k(ranked: list[str], judged: dict[str, int], k: int = K) -> float:
    """Linear gains, log2 discount: trec_eval's ndcg_cut_10, as BEIR reports it."""
    dcg = sum(judged.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- The baseline -----------------------------------------------------------------------


def bm25_rankings(corpus: list[dict], queries: list[dict]) -> dict[str, list[str]]:
    from rank_bm25 import BM25Okapi

    from app.search.schema import TEXT_ANALYZER

    def tokens(text: str) -> list[str]:
        return [token.text for token in TEXT_ANALYZER(text)]

    model = BM25Okapi([tokens(f"{doc.get('title', '')} {doc.get('text', '')}") for doc in corpus] or [[""]])
    ids = [doc["_id"] for doc in corpus]
    rankings = {}
    for query in queries:
        scores = model.get_scores(tokens(query["text"]))
        best = sorted(range(len(ids)), key=lambda i: -scores[i])[:K]
        rankings[query["_id"]] = [ids[i] for i in best if scores[i] > 0]
    return rankings


# --- The app's backends -----------------------------------------------------------------


def documents(corpus: list[dict]) -> Iterator:
    from app.search.documents import MAX_BODY_CHARS, SearchDocument, clean_text

    date = datetime(2026, 1, 1, tzinfo=UTC)
    for n, doc in enumerate(corpus, 1):
        yield SearchDocument(
            id=f"resource:{n}",
            type="resource",
            audience="public",
            title=clean_text(doc.get("title") or doc["_id"], 300),
            url=f"/library/doc-{n}",
            label="Research",
            body=clean_text(doc.get("text", ""), MAX_BODY_CHARS),
            kind="research",
            date=date,
        )


def fresh_postgres(server: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"smhn_relevance_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres(database_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def backend_rankings(
    backend: str, corpus: list[dict], queries: list[dict], server: str, workdir: Path
) -> tuple[dict[str, list[str]], float]:
    from flask_login import AnonymousUserMixin

    from app import create_app
    from app.extensions import db
    from app.search import service
    from app.search.backend import get_backend

    database_url = fresh_postgres(server) if backend == "postgres" else f"sqlite:///{workdir / 'relevance.db'}"
    try:
        app = create_app(
            {
                "DATABASE_URL": database_url,
                "SEARCH_BACKEND": backend,
                "SEARCH_INDEX_DIR": str(workdir / "index"),
                "SEARCH_AUTO_SYNC": False,
                "SECRET_KEY": "relevance-secret-key-0123456789-0123456789",
                "UPLOAD_DIR": str(workdir / "uploads"),
                "MAIL_DIR": str(workdir / "mail"),
                "RATELIMIT_ENABLED": False,
            }
        )
        ids = {n: doc["_id"] for n, doc in enumerate(corpus, 1)}
        with app.app_context():
            import app.models  # noqa: F401

            db.create_all()
            engine = get_backend()
            started = time.monotonic()
            engine.activate(engine.build(documents(corpus), lambda n: None))
            built = time.monotonic() - started
            rankings = {}
            for query in queries:
                results = service.search(AnonymousUserMixin(), query["text"], per_page=K, record=False)
                if results.unavailable:
                    raise SystemExit(f"{backend}: search unavailable: {results.reason}")
                rankings[query["_id"]] = [ids[hit.id] for hit in results.hits if hit.type == "resource"]
            db.session.remove()
        return rankings, built
    finally:
        if backend == "postgres":
            drop_postgres(database_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collection", type=Path, default=DEFAULT_COLLECTION)
    parser.add_argument("--backends", default="whoosh,postgres", help="Comma-separated: whoosh, postgres.")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL") or DEFAULT_SERVER)
    parser.add_argument("--max-docs", type=int, default=None, help="Load only the first N documents.")
    args = parser.parse_args()

    corpus, queries, qrels = load(args.collection, args.max_docs)
    print(f"Collection {args.collection.name}: {len(corpus)} documents, {len(queries)} judged queries.\n")
    rows = [("BM25 baseline (rank-bm25 Okapi)", bm25_rankings(corpus, queries), None)]
    with tempfile.TemporaryDirectory(prefix="smhn-relevance-") as tmp:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            workdir = Path(tmp) / backend
            workdir.mkdir()
            rankings, built = backend_rankings(backend, corpus, queries, args.database_url, workdir)
            rows.append((f"{backend} backend (app search service)", rankings, built))
    baseline = mean([ndcg_at_k(rows[0][1].get(q["_id"], []), qrels[q["_id"]]) for q in queries])
    print("| ranking | nDCG@10 | ratio to BM25 | index built in |")
    print("|---|---:|---:|---:|")
    for label, rankings, built in rows:
        score = mean([ndcg_at_k(rankings.get(q["_id"], []), qrels[q["_id"]]) for q in queries])
        ratio = score / baseline if baseline else float("nan")
        print(f"| {label} | {score:.4f} | {ratio:.3f} | {f'{built:.1f} s' if built is not None else '–'} |")


if __name__ == "__main__":
    main()
