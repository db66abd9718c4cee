"""Answering a query from the PostgreSQL index: matches, ranking, facets, snippets, did you mean.

One statement finds the matching documents the audience may see (GIN on ``tsv``, the filters on
GIN arrays), counts them, counts every facet value among them, and ranks one page: documents
with every word first (the "strict" reading), then the rest; within a tier by a BM25-like sum
over the query's stems of ``idf × ts_rank(weights, tsv, stem, 32)`` — ``ts_rank`` grows with
the term's frequency and weighs each occurrence by its field's class, and normalisation 32
saturates it (r / (r + 1)); the idf, from ``search_terms``, keeps a rare word from drowning
under a common one.
Recency breaks ties. A second statement reads what the page shows. Snippets are made by the
same highlighter as the Whoosh backend's (escaped text, ``<mark>`` the only markup), not by
``ts_headline``, which returns the stored text unescaped and re-parses whole documents.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlalchemy.engine import Connection

from .backend import FacetValue, Hit, SearchOutcome, SearchRequest
from .documents import parse_key
from .pg_text import RANK_WEIGHTS, CompiledQuery, compile_query, quote_lexeme, stem
from .pg_writer import LABELLED_DIMENSIONS, facet_key
from .query import ParsedQuery
from .snippets import Highlighter, plain

FACET_DIMENSIONS = ("type", "kind", "topic", "platform", "org", "year")
FACET_LIMIT = {"org": 15, "topic": 15, "platform": 15}
PREFIX_WEIGHT = 0.5
MAX_PREFIX_SCORED = 8
WEIGHTS = "{" + ",".join(str(w) for w in RANK_WEIGHTS) + "}"
MLT_TERMS = 12
# ts_rank's normalisation 32 maps each stem's rank r to r / (r + 1): saturating like BM25's tf
# term, before the idf weighs it. On the shipped relevance collection it scored nDCG@10 0.828
# against 0.814 for 1 (÷ 1 + log length), 0.813 for 0, 0.795 for 2 (÷ length) (bench/README.md).
NORMALIZATION = 32
MLT_CLASSES = ("A", "B", "C")  # like the Whoosh backend: words of the title, summary and body
# Ties: newer first (to the second, as the Whoosh backend stores dates), then the older item.
NEWEST = "date_trunc('second', date) DESC NULLS LAST, split_part(key, ':', 2)::bigint, key"


def document_count(conn: Connection, docs: str) -> int:
    estimate = conn.execute(
        text("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(:t)"), {"t": docs}
    ).scalar()
    if estimate is None or estimate < 1000:
        return conn.execute(text(f"SELECT count(*) FROM {docs}")).scalar_one()
    return int(estimate)


def idf(documents: int, df: int) -> float:
    return math.log(max(documents, 1) / (df + 1)) + 1


def _frequencies(conn: Connection, terms_table: str, stems: Iterable[str]) -> dict[str, int]:
    rows = conn.execute(
        text(f"SELECT term, df FROM {terms_table} WHERE kind = 's' AND audience = '' AND term = ANY(:terms)"),
        {"terms": sorted(set(stems))},
    )
    return dict(rows.all())


def _completions(conn: Connection, terms_table: str, prefix: str) -> list[str]:
    """The most frequent stems starting with what was typed so far (ranking a half-typed word)."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(
        conn.execute(
            text(
                f"SELECT term FROM {terms_table} WHERE kind = 's' AND audience = '' AND term LIKE :p "
                "ORDER BY df DESC, term LIMIT :n"
            ),
            {"p": pattern, "n": MAX_PREFIX_SCORED},
        ).scalars()
    )


def _scoring(conn: Connection, terms_table: str, compiled: CompiledQuery, documents: int) -> list[tuple[str, float]]:
    weights = dict(compiled.scoring)
    frequencies = _frequencies(conn, terms_table, weights)
    for prefix in compiled.prefixes:
        typed = stem(prefix)
        if typed and frequencies.get(typed):
            continue
        for completion in _completions(conn, terms_table, prefix):
            weights.setdefault(completion, PREFIX_WEIGHT)
    frequencies.update(_frequencies(conn, terms_table, [t for t in weights if t not in frequencies]))
    return [(term, boost * idf(documents, frequencies.get(term, 0))) for term, boost in weights.items()]


def _where(request: SearchRequest, params: dict[str, Any]) -> list[str]:
    clauses = ["audience = ANY(:audiences)"]
    params["audiences"] = list(request.audiences)
    for negate, chosen in ((False, request.filters), (True, request.excluded)):
        for n, (dim, values) in enumerate(sorted(chosen.items())):
            if not values:
                continue
            name = f"{'x' if negate else 'f'}{n}"
            if dim == "tag":
                clause = f"tags && CAST(:{name} AS text[])"
                params[name] = [value.lower() for value in values]
            else:
                clause = f"facet_keys && CAST(:{name} AS text[])"
                params[name] = [facet_key(dim, value) for value in values]
            clauses.append(f"NOT ({clause})" if negate else clause)
    return clauses


def search(conn: Connection, tables: dict[str, str], request: SearchRequest) -> SearchOutcome:
    docs, terms = tables["documents"], tables["terms"]
    compiled = compile_query(request.query)
    if compiled.loose == "":
        return SearchOutcome(total=0, hits=[], facets={} if not request.facets else _empty_facets())
    params: dict[str, Any] = {"limit": request.limit, "offset": request.offset}
    clauses = _where(request, params)
    if compiled.loose:
        clauses.append("tsv @@ CAST(:loose AS tsquery)")
        params["loose"] = compiled.loose
    scoring: list[tuple[str, float]] = []
    if compiled.loose and request.sort != "newest":
        scoring = _scoring(conn, terms, compiled, document_count(conn, docs))
    if scoring:
        parts = []
        for n, (term, weight) in enumerate(scoring):
            params[f"t{n}"] = quote_lexeme(term)
            params[f"w{n}"] = weight
            parts.append(f"CAST(:w{n} AS float8) * ts_rank('{WEIGHTS}', tsv, CAST(:t{n} AS tsquery), {NORMALIZATION})")
        score = " + ".join(parts)
        strict = "tsv @@ CAST(:strict AS tsquery)" if compiled.strict != compiled.loose else "true"
        params["strict"] = compiled.strict
        order = f"strict DESC, round(score::numeric, 6) DESC, {NEWEST}"
    else:
        score, strict, order = "NULL::float8", "true", NEWEST
    facets_sql = (
        "(SELECT coalesce(json_agg(json_build_array(v, n)), '[]'::json) FROM "
        "(SELECT v, count(*) AS n FROM m, unnest(m.facet_keys) AS v GROUP BY v) AS c)"
        if request.facets
        else "'[]'::json"
    )
    row = conn.execute(
        text(
            f"WITH m AS MATERIALIZED (SELECT key, date, facet_keys, tsv FROM {docs} WHERE {' AND '.join(clauses)}), "
            f"ranked AS (SELECT key, score FROM (SELECT key, date, {score} AS score, {strict} AS strict FROM m) s "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset) "
            "SELECT (SELECT count(*) FROM m), "
            f"{facets_sql}, "
            "(SELECT coalesce(json_agg(json_build_array(key, score)), '[]'::json) FROM ranked)"
        ),
        params,
    ).one()
    total, facet_counts, page = row
    hits = _hits(conn, docs, page, compiled if request.snippets else None)
    facets = _facets(conn, facet_counts) if request.facets else {}
    suggestion = suggest(conn, terms, request.query, request.audiences)
    return SearchOutcome(total=total, hits=hits, facets=facets, suggestion=suggestion)


def _empty_facets() -> dict[str, list[FacetValue]]:
    return {dim: [] for dim in FACET_DIMENSIONS}


def _hits(conn: Connection, docs: str, page: list[list[Any]], compiled: CompiledQuery | None) -> list[Hit]:
    if not page:
        return []
    keys = [key for key, _ in page]
    rows = {
        row.key: row
        for row in conn.execute(
            text(
                "SELECT key, type, title, url, label, summary, body, replies, kind, org, org_name, date "
                f"FROM {docs} WHERE key = ANY(:keys)"
            ),
            {"keys": keys},
        )
    }
    highlighter = Highlighter(compiled.stems, compiled.prefixes) if compiled is not None else None
    return [_hit(rows[key], score, highlighter) for key, score in page if key in rows]


def _hit(row: Any, score: float | None, highlighter: Highlighter | None) -> Hit:
    doc_type, doc_id = parse_key(row.key)
    snippet = None
    title_html = Markup(escape(row.title))
    if highlighter is not None:
        title_html = highlighter.mark_all(row.title)
        for part in (row.summary, row.body, row.replies):
            snippet = highlighter.snippet(part)
            if snippet is not None:
                break
    if snippet is None:
        snippet = plain(row.summary or row.body)
    return Hit(
        key=row.key,
        type=doc_type,
        id=doc_id,
        title=row.title,
        title_html=title_html,
        url=row.url,
        label=row.label,
        snippet=snippet,
        score=round(score, 4) if score is not None else None,
        date=row.date,
        kind=row.kind,
        org=row.org,
        org_name=row.org_name,
    )


def _facets(conn: Connection, counts: list[list[Any]]) -> dict[str, list[FacetValue]]:
    by_dim: dict[str, Counter] = {dim: Counter() for dim in FACET_DIMENSIONS}
    for key, count in counts:
        dim, _, value = key.partition(":")
        if dim in by_dim:
            by_dim[dim][value] = count
    chosen: dict[str, list[tuple[str, int]]] = {}
    for dim, values in by_dim.items():
        if dim == "year":
            ordered = sorted(values.items(), reverse=True)
        else:
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        limit = FACET_LIMIT.get(dim)
        chosen[dim] = ordered[:limit] if limit else ordered
    wanted = [facet_key(dim, value) for dim in LABELLED_DIMENSIONS for value, _ in chosen[dim]]
    labels: dict[str, str] = {}
    if wanted:
        rows = conn.execute(text("SELECT key, label FROM search_labels WHERE key = ANY(:keys)"), {"keys": wanted})
        labels = {key: label for key, label in rows}
    return {
        dim: [FacetValue(value, labels.get(facet_key(dim, value), value), count) for value, count in values]
        for dim, values in chosen.items()
    }


# --- Did you mean -----------------------------------------------------------------------


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _known(conn: Connection, terms: str, word: str, audiences: list[str], prefix: bool) -> bool:
    """Whether the audience's documents hold ``word`` (or, when it is the last word, a word it begins).

    Another inflection counts too (stems are shared by all audiences), unless the word as typed
    occurs only in documents the audience may not see: then it is treated as a typo, as an unseen
    word would be, so a correction never reveals that hidden documents hold it (SECURITY.md 40).
    """
    term = stem(word)
    pattern = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return bool(
        conn.execute(
            text(
                f"SELECT EXISTS (SELECT 1 FROM {terms} WHERE kind = 'w' AND audience = ANY(:aud) AND "
                "(term = :w OR (:prefix AND term LIKE :p))) "
                f"OR (EXISTS (SELECT 1 FROM {terms} WHERE kind = 's' AND audience = '' AND term = :s) "
                f"AND NOT EXISTS (SELECT 1 FROM {terms} WHERE kind = 'w' AND term = :w))"
            ),
            {"aud": audiences, "w": word, "prefix": prefix, "p": pattern, "s": term or ""},
        ).scalar_one()
    )


def _correction(conn: Connection, terms: str, word: str, audiences: list[str]) -> str | None:
    """The likeliest word within one edit (two for longer words), from what this audience may see."""
    rows = conn.execute(
        text(
            f"SELECT term, sum(df) AS df FROM {terms} WHERE kind = 'w' AND audience = ANY(:aud) "
            "AND term % :w AND left(term, 1) = left(:w, 1) AND term <> :w GROUP BY term"
        ),
        {"aud": audiences, "w": word},
    ).all()
    for distance in (1, 2):
        if distance == 2 and len(word) < 5:
            break
        near = [(df, term) for term, df in rows if _distance(term, word) <= distance]
        if near:
            return max(sorted(near, key=lambda item: item[1]), key=lambda item: item[0])[1]
    return None


def suggest(conn: Connection, terms: str, parsed: ParsedQuery, audiences: tuple[str, ...]) -> str | None:
    """The query with misspelled words corrected, from the words the audience may see (SECURITY.md 40)."""
    replacements = []
    last = max((start for start, _, _ in parsed.spellable), default=-1)
    for start, end, word in sorted(parsed.spellable):
        if len(word) < 3 or word.isdigit() or _known(conn, terms, word, list(audiences), prefix=start == last):
            continue
        fixed = _correction(conn, terms, word, list(audiences))
        if fixed:
            replacements.append((start, end, fixed))
    if not replacements:
        return None
    result = parsed.text
    for start, end, fixed in reversed(replacements):
        result = result[:start] + fixed + result[end:]
    return result


# --- More like this ---------------------------------------------------------------------


def more_like_this(
    conn: Connection, tables: dict[str, str], key: str, audiences: tuple[str, ...], limit: int
) -> list[Hit]:
    docs, terms = tables["documents"], tables["terms"]
    documents = document_count(conn, docs)
    rows = conn.execute(
        text(
            f"SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS tf, t.df FROM {docs} d, "
            f"unnest(d.tsv) AS u JOIN {terms} t ON t.kind = 's' AND t.audience = '' AND t.term = u.lexeme "
            "WHERE d.key = :key AND t.df > 1 AND u.weights && CAST(:fields AS text[])"
        ),
        {"key": key, "fields": list(MLT_CLASSES)},
    ).all()
    weighted = sorted(((tf * idf(documents, df), lexeme) for lexeme, tf, df in rows), reverse=True)
    chosen = [lexeme for _, lexeme in weighted[:MLT_TERMS]]
    if not chosen:
        return []
    params: dict[str, Any] = {"key": key, "audiences": list(audiences), "limit": limit}
    parts = []
    for n, lexeme in enumerate(chosen):
        params[f"t{n}"] = quote_lexeme(lexeme)
        parts.append(f"ts_rank('{WEIGHTS}', tsv, CAST(:t{n} AS tsquery), {NORMALIZATION})")
    params["any"] = " | ".join(quote_lexeme(lexeme) for lexeme in chosen)
    page = conn.execute(
        text(
            f"SELECT key, {' + '.join(parts)} AS score FROM {docs} WHERE tsv @@ CAST(:any AS tsquery) "
            "AND audience = ANY(:audiences) AND type = 'resource' AND key <> :key "
            f"ORDER BY score DESC, {NEWEST} LIMIT :limit"
        ),
        params,
    ).all()
    return _hits(conn, docs, [[k, s] for k, s in page], None)
