"""Writing the PostgreSQL index: upserts and deletes from the outbox, and complete rebuilds.

``apply`` runs inside the caller's transaction (the session's connection): the indexer deletes the
outbox rows it claimed in that same transaction, so a change is applied exactly once or not at
all. Any number of workers may apply at once: each takes a transaction-level advisory lock per
document key (in key order, so two workers never deadlock), and the term counts are adjusted by
deltas, in term order, with ``INSERT … ON CONFLICT DO UPDATE``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from . import pg_schema
from .documents import SearchDocument
from .pg_text import analyse
from .schema import SNIPPET_SOURCE_CHARS

BUILD_BATCH = 500
# Facet dimensions whose values show a name other than themselves (kept in ``search_labels``).
LABELLED_DIMENSIONS = ("org", "topic", "platform")


def facet_values(doc: SearchDocument) -> list[tuple[str, str, str]]:
    """(dimension, value, label) of every facet the document counts in.

    Generic on purpose: a new facet (a platform, an event's format) is one more line here and
    flows into filters and counts without any change to the queries.
    """
    values = [("type", doc.type, doc.type)]
    if doc.kind:
        values.append(("kind", doc.kind, doc.kind))
    if doc.org:
        values.append(("org", doc.org[0], doc.org[1]))
    values.extend(("topic", slug, name) for slug, name in doc.topics)
    values.extend(("platform", slug, name) for slug, name in doc.platforms)
    if doc.date:
        values.append(("year", str(doc.date.year), str(doc.date.year)))
    return values


def facet_key(dimension: str, value: str) -> str:
    return f"{dimension}:{value}"


def row_for(doc: SearchDocument) -> tuple[dict[str, Any], Counter]:
    """The table row of a document, and its contribution to the term counts."""
    analysed = analyse(doc)
    facets = facet_values(doc)
    row = {
        "key": doc.id,
        "type": doc.type,
        "audience": doc.audience,
        "kind": doc.kind,
        "org": doc.org[0] if doc.org else "",
        "org_name": doc.org[1] if doc.org else "",
        "date": doc.date,
        "facet_keys": [facet_key(dim, value) for dim, value, _ in facets],
        "tags": [tag.lower() for tag in doc.tags],
        "tsv": analysed.tsvector,
        "words": sorted(analysed.words),
        "title": doc.title,
        "url": doc.url,
        "label": doc.label,
        "summary": doc.summary,
        "body": doc.body[:SNIPPET_SOURCE_CHARS],
        "replies": doc.replies[: SNIPPET_SOURCE_CHARS // 2],
        "digest": doc.digest,
        "_labels": {facet_key(dim, value): label for dim, value, label in facets if dim in LABELLED_DIMENSIONS},
    }
    counts: Counter = Counter()
    for stem in analysed.stems:
        counts[("s", "", stem)] += 1
    for word in analysed.words:
        counts[("w", doc.audience, word)] += 1
    return row, counts


COLUMNS = (
    "key, type, audience, kind, org, org_name, date, facet_keys, tags, tsv, words, title, url, label, "
    "summary, body, replies, digest"
)


def _insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    values = (
        ":key, :type, :audience, :kind, :org, :org_name, :date, :facet_keys, :tags, CAST(:tsv AS tsvector), "
        ":words, :title, :url, :label, :summary, :body, :replies, :digest"
    )
    clean = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
    conn.execute(text(f"INSERT INTO {table} ({COLUMNS}) VALUES ({values})"), clean)


def _save_labels(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    labels: dict[str, str] = {}
    for row in rows:
        labels.update(row["_labels"])
    if not labels:
        return
    keys = sorted(labels)
    conn.execute(
        text(
            "INSERT INTO search_labels (key, label) SELECT k, l FROM unnest(CAST(:keys AS text[]), "
            "CAST(:labels AS text[])) AS t(k, l) ORDER BY k "
            "ON CONFLICT (key) DO UPDATE SET label = excluded.label WHERE search_labels.label <> excluded.label"
        ),
        {"keys": keys, "labels": [labels[key] for key in keys]},
    )


def _add_counts(conn: Connection, table: str, deltas: Counter) -> None:
    changed = sorted((key, delta) for key, delta in deltas.items() if delta)
    if not changed:
        return
    params = {
        "kinds": [key[0] for key, _ in changed],
        "audiences": [key[1] for key, _ in changed],
        "terms": [key[2] for key, _ in changed],
        "deltas": [delta for _, delta in changed],
    }
    conn.execute(
        text(
            f"INSERT INTO {table} (kind, audience, term, df) "
            "SELECT * FROM unnest(CAST(:kinds AS text[]), CAST(:audiences AS text[]), CAST(:terms AS text[]), "
            "CAST(:deltas AS int[])) ORDER BY 1, 2, 3 "
            f"ON CONFLICT (kind, audience, term) DO UPDATE SET df = {table}.df + excluded.df"
        ),
        params,
    )
    if any(delta < 0 for _, delta in changed):
        conn.execute(
            text(
                f"DELETE FROM {table} WHERE df <= 0 AND (kind, audience, term) IN "
                "(SELECT * FROM unnest(CAST(:kinds AS text[]), CAST(:audiences AS text[]), CAST(:terms AS text[])))"
            ),
            params,
        )


def apply(conn: Connection, prefix: str, upserts: Iterable[SearchDocument], deletes: Iterable[str]) -> None:
    tables = pg_schema.names(prefix)
    documents = list(upserts)
    keys = sorted({*deletes, *(doc.id for doc in documents)})
    if not keys:
        return
    conn.execute(
        text(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 7)) "
            "FROM (SELECT k FROM unnest(CAST(:keys AS text[])) AS k ORDER BY k) AS ordered"
        ),
        {"keys": keys},
    )
    deltas: Counter = Counter()
    old = conn.execute(
        text(f"SELECT audience, tsvector_to_array(tsv), words FROM {tables['documents']} WHERE key = ANY(:keys)"),
        {"keys": keys},
    )
    for audience, stems, words in old:
        for stem in stems:
            deltas[("s", "", stem)] -= 1
        for word in words:
            deltas[("w", audience, word)] -= 1
    conn.execute(text(f"DELETE FROM {tables['documents']} WHERE key = ANY(:keys)"), {"keys": keys})
    rows = []
    for doc in documents:
        row, counts = row_for(doc)
        rows.append(row)
        deltas.update(counts)
    _insert_rows(conn, tables["documents"], rows)
    _add_counts(conn, tables["terms"], deltas)
    _save_labels(conn, rows)


def _batches(documents: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(connect: Callable[[], Any], documents: Iterable[SearchDocument], progress: Callable[[int], None]) -> None:
    """Fill the build tables from ``documents`` (one short transaction per batch)."""
    tables = pg_schema.names(pg_schema.BUILD)
    with connect() as conn:
        pg_schema.create_build(conn)
    counts: Counter = Counter()
    for batch in _batches(documents, BUILD_BATCH):
        rows = []
        for doc in batch:
            row, contribution = row_for(doc)
            rows.append(row)
            counts.update(contribution)
        with connect() as conn:
            _insert_rows(conn, tables["documents"], rows)
            _save_labels(conn, rows)
        progress(len(batch))
    items = sorted(counts.items())
    for start in range(0, len(items), 20_000):
        with connect() as conn:
            _add_counts(conn, tables["terms"], Counter(dict(items[start : start + 20_000])))
    with connect() as conn:
        conn.execute(text(f"ANALYZE {tables['documents']}"))
        conn.execute(text(f"ANALYZE {tables['terms']}"))
