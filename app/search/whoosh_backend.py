"""The Whoosh backend: writing documents, and answering queries with facets and snippets.

A query runs in two steps. Which documents match, and the facet counts, come from bitmaps
(``bitmaps.View``): per-term document sets cached per segment, combined with integer AND/OR.
Then only the page being shown is ranked, by BM25F (``ranking.py``, Whoosh's formula on the
weighted ``content`` field), among those documents: first the documents that contain every word
(the "strict" reading of the query), then the rest. Recency only breaks ties between equal scores.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup, escape

from . import bitmaps, docvalues, whoosh_writer
from .backend import FacetValue, Hit, SearchOutcome, SearchRequest
from .documents import SearchDocument, parse_key
from .query import Alternatives, Group, Node, Not, ParsedQuery, Phrase, Word
from .schema import (
    PREFIX_WEIGHT,
    TEXT_ANALYZER,
    pair_terms,
)
from .snippets import Highlighter, plain
from .whoosh_store import IndexStore, handle_for

FACET_DIMENSIONS = ("type", "kind", "topic", "platform", "org", "year")
FACET_LIMIT = {"org": 15, "topic": 15, "platform": 15}
MAX_PREFIX_TERMS = 64  # words matched by a prefix
MAX_PREFIX_SCORED = 8  # of which the most frequent are ranked
TIE_SLACK = 10


def stem(word: str) -> str | None:
    tokens = [token.text for token in TEXT_ANALYZER(word)]
    return tokens[0] if tokens else None


def stems(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(token.text for word in words for token in TEXT_ANALYZER(word))


# --- From the query tree to document sets and to a ranking query -------------------------


class Compiled:
    """One parsed query against one searcher's view."""

    def __init__(self, parsed: ParsedQuery, view: bitmaps.View) -> None:
        self.view = view
        self.scoring: list[tuple[str, float]] = []  # (stemmed term, boost)
        self.stems: set[str] = set()
        self.prefixes: list[str] = []
        root = parsed.root
        if root is None:
            self.loose = self.strict = view.live
        else:
            self.loose = self._bits(root, strict=False, negated=False)
            self.strict = self._bits(root, strict=True, negated=False)

    @property
    def ranked(self) -> bool:
        return bool(self.scoring)

    def scoring_terms(self) -> list[tuple[str, float]]:
        best: dict[str, float] = {}
        for term, boost in self.scoring:
            best[term] = max(boost, best.get(term, 0.0))
        return list(best.items())

    def _bits(self, node: Node, strict: bool, negated: bool) -> int:
        if isinstance(node, Word):
            return self._word(node, negated)
        if isinstance(node, Phrase):
            return self._phrase(node, negated)
        if isinstance(node, Alternatives):
            bits = 0
            for option in node.options:
                bits |= self._bits(option, strict, negated)
            return bits
        if isinstance(node, Not):
            return self.view.live & ~self._bits(node.item, strict, not negated)
        assert isinstance(node, Group)
        positives = [i for i in node.items if not isinstance(i, Not)]
        negatives = [i for i in node.items if isinstance(i, Not)]
        if positives:
            every = node.op == "all" or (node.op == "implicit" and strict)
            parts = [self._bits(item, strict, negated) for item in positives]
            bits = parts[0]
            for part in parts[1:]:
                bits = bits & part if every else bits | part
        else:
            bits = self.view.live
        for item in negatives:
            bits &= ~self._bits(item.item, strict, not negated)
        return bits

    def _word(self, node: Word, negated: bool) -> int:
        term = stem(node.text)
        view = self.view
        bits = view.term("content", term) if term else 0
        scoring = [(term, 1.0)] if term and bits else []
        if node.prefix:
            words = view.expand_prefix("words", node.text, MAX_PREFIX_TERMS)
            for word in words:
                bits |= view.term("words", word)
            if not scoring:
                # Still typing: rank by the likeliest completions.
                likely = sorted(words, key=lambda w: -view.searcher.reader().doc_frequency("words", w))
                stems = dict.fromkeys(filter(None, (stem(w) for w in likely[:MAX_PREFIX_SCORED])))
                scoring = [(s, PREFIX_WEIGHT) for s in stems]
        if not negated and scoring:
            self.scoring.extend(scoring)
            if term:
                self.stems.add(term)
            if node.prefix:
                self.prefixes.append(node.text)
        return bits

    def _phrase(self, node: Phrase, negated: bool) -> int:
        terms = stems(node.words)
        if not terms:
            return 0
        if len(terms) == 1:
            return self._word(Word(terms[0]), negated)
        # Every adjacent pair present: exact for two words, and for longer phrases it misses only
        # texts with all the pairs in different places.
        bits = self.view.live
        for pair in pair_terms(terms):
            bits &= self.view.term("pairs", pair)
        if not negated and bits:
            self.scoring.extend((term, 1.0) for term in terms)
            self.stems.update(terms)
        return bits


# --- The backend ----------------------------------------------------------------------------


class WhooshBackend:
    def __init__(self, root: str) -> None:
        self.store = IndexStore(root)

    # --- writing ---

    def writer_lock(self, timeout: float, exclusive: bool = False) -> AbstractContextManager[bool]:
        return self.store.writer_lock(timeout)  # one writer per index: always exclusive

    def apply(self, upserts: Iterable[SearchDocument], deletes: Iterable[str], target: str | None = None) -> None:
        name = target or self.store.ensure_current()
        whoosh_writer.apply(self.store.open(name), upserts, deletes, into_build=target is not None)

    def build(self, documents: Iterable[SearchDocument], progress: Callable[[int], None]) -> str:
        name, index = self.store.create()
        try:
            whoosh_writer.build(index, documents, progress)
        except BaseException:
            self.store.discard(name)
            raise
        return name

    def activate(self, name: str) -> None:
        self.store.activate(name)

    def discard(self, name: str) -> None:
        self.store.discard(name)

    # --- reading ---

    def _view(self, handle: Any) -> bitmaps.View | None:
        searcher = handle.current()
        if searcher is None:
            return None
        view = handle.cache.get("view")
        if view is None or view.searcher is not searcher:
            facts = handle.cache.setdefault("facts", {})
            terms = handle.cache.setdefault("terms", bitmaps.TermCache())
            view = handle.cache["view"] = bitmaps.View(searcher, facts, terms)
        return view

    def search(self, request: SearchRequest) -> SearchOutcome:
        handle = handle_for(self.store.root)
        with handle.lock:
            view = self._view(handle)
            if view is None:
                return SearchOutcome(total=0, hits=[], facets={})
            return _run(view, request)

    def more_like_this(self, key: str, audiences: tuple[str, ...], limit: int) -> list[Hit]:
        handle = handle_for(self.store.root)
        with handle.lock:
            view = self._view(handle)
            if view is None:
                return []
            return _more_like_this(view, key, audiences, limit)

    def entries(self) -> Iterator[tuple[str, str]]:
        index = self.store.open_current()
        if index is None:
            return
        with index.reader() as reader:
            for leaf, _ in reader.leaf_readers():
                if leaf.doc_count_all() == 0 or not leaf.has_column("meta"):
                    continue
                column = leaf.column_reader("meta")
                for docnum in range(leaf.doc_count_all()):
                    if not leaf.is_deleted(docnum):
                        yield docvalues.decode_meta(column[docnum])


# --- Running a query -------------------------------------------------------------------------


def _allowed(view: bitmaps.View, request: SearchRequest) -> int:
    bits = view.live & view.any_of("audience", request.audiences)
    for dim, values in request.filters.items():
        if values:
            bits &= _dimension(view, dim, values)
    for dim, values in request.excluded.items():
        if values:
            bits &= ~_dimension(view, dim, values)
    return bits


def _dimension(view: bitmaps.View, dim: str, values: list[str]) -> int:
    if dim == "tag":
        bits = 0
        for value in values:
            bits |= view.term("tag", value)
        return bits
    return view.any_of(dim, values)


def _run(view: bitmaps.View, request: SearchRequest) -> SearchOutcome:
    compiled = Compiled(request.query, view)
    allowed = _allowed(view, request)
    loose = compiled.loose & allowed
    total = loose.bit_count()
    need = request.offset + request.limit
    if request.sort == "newest" or not compiled.ranked:
        ranked: list[tuple[int, float | None]] = [(docnum, None) for docnum in _newest(view, loose, need)]
    else:
        ranked = [*_ranked(view, compiled, loose, compiled.strict & allowed, need)]
    page = ranked[request.offset : need]
    highlighter = Highlighter(compiled.stems, compiled.prefixes) if request.snippets else None
    hits = [_hit(view, docnum, score, highlighter) for docnum, score in page]
    facets = _facets(view, loose) if request.facets else {}
    vocabulary = view.live & view.any_of("audience", request.vocabulary)
    suggestion = _suggest(view, request.query, vocabulary)
    return SearchOutcome(total=total, hits=hits, facets=facets, suggestion=suggestion)


def _newest(view: bitmaps.View, bits: int, need: int) -> list[int]:
    if not bits or need <= 0:
        return []
    if bits.bit_count() <= 5000:
        stamps = view.stamps
        return sorted(bitmaps.to_ids(bits), key=lambda d: (-stamps[d], d))[:need]
    member = bitmaps.BitsFilter(bits)
    out = []
    for docnum in view.newest_order():
        if docnum in member:
            out.append(docnum)
            if len(out) >= need:
                break
    return out


def _ranked(view: bitmaps.View, compiled: Compiled, loose: int, strict: int, need: int) -> list[tuple[int, float]]:
    """All-words matches first, then the rest; each tier by score, ties by recency."""
    terms = compiled.scoring_terms()
    ranked: list[tuple[int, float]] = []
    tiers = [strict, loose & ~strict] if strict and strict != loose else [loose]
    for tier in tiers:
        if len(ranked) >= need or not tier:
            break
        ranked.extend(_scored(view, terms, tier, need - len(ranked)))
    return ranked


def _scored(view: bitmaps.View, terms: list[tuple[str, float]], bits: int, count: int) -> list[tuple[int, float]]:
    items = view.ranker.top(terms, bits, count + TIE_SLACK)
    stamps = view.stamps
    items.sort(key=lambda item: (-round(item[1], 6), -stamps[item[0]], item[0]))
    found = {docnum for docnum, _ in items}
    if len(items) < min(count, bits.bit_count()):
        # Documents no query term scores (matched through a NOT only): newest first.
        extra = [d for d in _newest(view, bits, count + len(items)) if d not in found]
        items.extend((docnum, 0.0) for docnum in extra)
    return items[:count]


def _facets(view: bitmaps.View, bits: int) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for dim in FACET_DIMENSIONS:
        counts: Counter[str] = Counter()
        for value, value_bits in view.values[dim].items():
            count = (bits & value_bits).bit_count()
            if count:
                counts[value] = count
        if dim == "year":
            ordered = sorted(counts.items(), reverse=True)
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        limit = FACET_LIMIT.get(dim)
        facets[dim] = [
            FacetValue(value, view.labels.get((dim, value), value), count)
            for value, count in (ordered[:limit] if limit else ordered)
        ]
    return facets


def _hit(view: bitmaps.View, docnum: int, score: float | None, highlighter: Highlighter | None) -> Hit:
    stored = view.searcher.stored_fields(docnum)
    key = stored.get("id", "")
    doc_type, doc_id = parse_key(key) if ":" in key else ("", 0)
    title = stored.get("title", "")
    summary, body, replies = stored.get("excerpt") or ("", "", "")
    values = _values(view, docnum)
    snippet = None
    title_html = Markup(escape(title))
    if highlighter is not None:
        title_html = highlighter.mark_all(title)
        for text in (summary, body, replies):
            snippet = highlighter.snippet(text)
            if snippet is not None:
                break
    if snippet is None:
        snippet = plain(summary or body)
    stamp = values.stamp
    return Hit(
        key=key,
        type=doc_type,
        id=doc_id,
        title=title,
        title_html=title_html,
        url=stored.get("url", ""),
        label=stored.get("label", ""),
        snippet=snippet,
        score=round(score, 4) if score is not None else None,
        date=datetime.fromtimestamp(stamp, UTC) if stamp else None,
        kind=values.kind,
        org=values.org,
        org_name=values.org_name,
    )


def _values(view: bitmaps.View, docnum: int) -> docvalues.DocValues:
    for leaf, offset, key in reversed(view.leaves):
        if docnum >= offset:
            return docvalues.decode(view.column(leaf, key, "facets")[docnum - offset])
    return docvalues.EMPTY


# --- Did you mean ---------------------------------------------------------------------------


def _seen(view: bitmaps.View, field: str, word: str, scope: int) -> int:
    """How many documents in ``scope`` hold ``word`` (the term dictionary alone also knows words of
    deleted and unseeable documents)."""
    return (view.term(field, word) & scope).bit_count()


def _known(view: bitmaps.View, word: str, prefix: bool, scope: int) -> bool:
    if _seen(view, "words", word, scope):
        return True
    term = stem(word)
    if term and _seen(view, "content", term, scope):
        return True
    return prefix and any(_seen(view, "words", w, scope) for w in view.expand_prefix("words", word, MAX_PREFIX_TERMS))


def _correction(view: bitmaps.View, word: str, scope: int) -> str | None:
    for distance in (1, 2):
        if distance == 2 and len(word) < 5:
            break
        candidates: set[str] = set()
        for leaf, _, key in view.leaves:
            candidates.update(view.vocabulary(leaf, key).within(word, distance))
        candidates.discard(word)
        counted = {w: _seen(view, "words", w, scope) for w in sorted(candidates)}
        counted = {w: n for w, n in counted.items() if n}
        if counted:
            return max(counted, key=lambda w: counted[w])
    return None


def _suggest(view: bitmaps.View, parsed: ParsedQuery, scope: int) -> str | None:
    """The query with misspelled words corrected from words of documents in ``scope`` (what the
    searcher may see, live), if any (SECURITY.md 40)."""
    replacements = []
    last = max((start for start, _, _ in parsed.spellable), default=-1)
    for start, end, word in sorted(parsed.spellable):
        if len(word) < 3 or word.isdigit() or _known(view, word, start == last, scope):
            continue
        fixed = _correction(view, word, scope)
        if fixed:
            replacements.append((start, end, fixed))
    if not replacements:
        return None
    text = parsed.text
    for start, end, fixed in reversed(replacements):
        text = text[:start] + fixed + text[end:]
    return text


# --- More like this -------------------------------------------------------------------------


def _more_like_this(view: bitmaps.View, key: str, audiences: tuple[str, ...], limit: int) -> list[Hit]:
    searcher = view.searcher
    docnum = searcher.document_number(id=key)
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    summary, body, _ = stored.get("excerpt") or ("", "", "")
    text = " ".join((stored.get("title", ""), summary, body))
    frequencies = Counter(token.text for token in TEXT_ANALYZER(text))
    reader = searcher.reader()
    documents = max(reader.doc_count(), 1)
    weighted = []
    for term, tf in frequencies.items():
        df = reader.doc_frequency("content", term)
        if df > 1:
            weighted.append((tf * (1 + math.log(documents / df)), term))
    terms = [term for _, term in sorted(weighted, reverse=True)[:12]]
    if not terms:
        return []
    allowed = view.live & view.any_of("audience", audiences) & view.dimension("type", "resource")
    allowed &= ~(1 << docnum)
    matching = 0
    for term in terms:
        matching |= view.term("content", term)
    ranked = view.ranker.top([(term, 1.0) for term in terms], matching & allowed, limit)
    return [_hit(view, d, score, None) for d, score in ranked]
