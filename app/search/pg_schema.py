"""The PostgreSQL backend's tables: the index lives in the database, beside what it indexes.

Like the Whoosh index directory, these tables are derived data owned by the backend, not by the
ORM models or Alembic: ``flask search reindex`` creates them (and the first outbox sync does, if
they are missing), and a rebuild writes a complete new set beside the live one and swaps it in
with renames inside one transaction, so readers never see a half-built index.

- ``search_documents``: one row per indexed item: a weighted ``tsvector`` (GIN), the filter and
  facet values as arrays (GIN), the date, and what a hit shows (title, url, label, the start of
  its texts for snippets) so a results page needs no other table.
- ``search_terms``: document frequencies: of every stem (``kind`` 's', all audiences, for the
  ranking's idf) and of every unstemmed word of the short fields per audience (``kind`` 'w', for
  "did you mean", with a trigram index: ``pg_trgm``).
- ``search_labels``: the display name of each facet value ("org:mercy" → "Mercy General").
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

LIVE = "search"
BUILD = "search_build"
TABLES = ("documents", "terms")


def names(prefix: str) -> dict[str, str]:
    return {table: f"{prefix}_{table}" for table in TABLES}


def _ddl(prefix: str) -> list[str]:
    docs, terms = f"{prefix}_documents", f"{prefix}_terms"
    return [
        f"""CREATE TABLE IF NOT EXISTS {docs} (
            key text PRIMARY KEY,
            type text NOT NULL,
            audience text NOT NULL,
            kind text NOT NULL DEFAULT '',
            org text NOT NULL DEFAULT '',
            org_name text NOT NULL DEFAULT '',
            date timestamptz,
            facet_keys text[] NOT NULL DEFAULT '{{}}',
            tags text[] NOT NULL DEFAULT '{{}}',
            tsv tsvector NOT NULL,
            words text[] NOT NULL DEFAULT '{{}}',
            title text NOT NULL DEFAULT '',
            url text NOT NULL DEFAULT '',
            label text NOT NULL DEFAULT '',
            summary text NOT NULL DEFAULT '',
            body text NOT NULL DEFAULT '',
            replies text NOT NULL DEFAULT '',
            digest text NOT NULL DEFAULT ''
        )""",
        f"CREATE INDEX IF NOT EXISTS {docs}_tsv ON {docs} USING gin (tsv)",
        f"CREATE INDEX IF NOT EXISTS {docs}_facets ON {docs} USING gin (facet_keys)",
        f"CREATE INDEX IF NOT EXISTS {docs}_tags ON {docs} USING gin (tags)",
        f"CREATE INDEX IF NOT EXISTS {docs}_date ON {docs} (date DESC NULLS LAST, key)",
        f"""CREATE TABLE IF NOT EXISTS {terms} (
            kind char(1) NOT NULL,
            audience text NOT NULL,
            term text NOT NULL,
            df integer NOT NULL,
            PRIMARY KEY (kind, audience, term)
        )""",
        f"CREATE INDEX IF NOT EXISTS {terms}_trgm ON {terms} USING gin (term gin_trgm_ops) WHERE kind = 'w'",
    ]


def ensure(conn: Connection, prefix: str = LIVE) -> None:
    """Create the extension and the tables if missing (idempotent; a lock keeps two processes apart)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('smhn-search-schema'))"))
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    for statement in _ddl(prefix):
        conn.execute(text(statement))
    conn.execute(text("CREATE TABLE IF NOT EXISTS search_labels (key text PRIMARY KEY, label text NOT NULL)"))


def exists(conn: Connection, prefix: str = LIVE) -> bool:
    return conn.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": f"{prefix}_documents"}).scalar_one()


def create_build(conn: Connection) -> None:
    drop(conn, BUILD)
    ensure(conn, BUILD)


def drop(conn: Connection, prefix: str) -> None:
    for table in TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {prefix}_{table}"))


def drop_all(conn: Connection) -> None:
    drop(conn, LIVE)
    drop(conn, BUILD)
    conn.execute(text("DROP TABLE IF EXISTS search_labels"))


def swap_in_build(conn: Connection) -> None:
    """Replace the live tables by the build tables (one transaction: readers see one or the other)."""
    indexes = {
        "documents": ("tsv", "facets", "tags", "date", "pkey"),
        "terms": ("trgm", "pkey"),
    }
    drop(conn, LIVE)
    for table, suffixes in indexes.items():
        conn.execute(text(f"ALTER TABLE {BUILD}_{table} RENAME TO {LIVE}_{table}"))
        for suffix in suffixes:
            conn.execute(text(f"ALTER INDEX IF EXISTS {BUILD}_{table}_{suffix} RENAME TO {LIVE}_{table}_{suffix}"))
