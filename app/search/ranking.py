"""BM25F ranking of one page of results, from cached per-term postings.

The score is Whoosh's ``BM25F`` (B=0.75, K1=1.2, its idf and average length) on the weighted
``content`` field, summed over the query's terms: the same numbers ``searcher.search`` gives
(a test checks). What differs is the loop. Whoosh scores every matching posting through a tree
of matcher objects, tens of microseconds each; here each term's postings are read once per
segment into compact arrays — in document order for lookups and in descending score order — and
a page is found with the threshold algorithm: walk the lists best-first, score each new document
fully, and stop as soon as nothing unseen can beat the page. When the candidates are few (a
selective filter), they are scored directly instead.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

from .bitsets import BitsFilter, to_ids

B = 0.75
K1 = 1.2
FIELD = "content"
# Below this many candidates in a segment, score them one by one instead of walking the lists.
DIRECT_LIMIT = 1000


class TermPostings:
    """One term in one segment: saturated term frequencies, by document (and by impact, lazily).

    Computed with numpy: a term in most of 50,000 documents takes a millisecond, not the tens of
    milliseconds a Python loop over its postings took on the term's first use.
    """

    __slots__ = ("docs", "norms", "_by_impact", "avgfl", "size")

    def __init__(self, docs: array, tfs: array, lengths: np.ndarray, avgfl: float) -> None:
        self.avgfl = avgfl
        self.docs = docs
        ids = np.frombuffer(docs, dtype=np.uint32) if len(docs) else np.zeros(0, dtype=np.uint32)
        frequencies = np.frombuffer(tfs, dtype=np.float32).astype(np.float64) if len(tfs) else np.zeros(0)
        k = K1 * (1 - B)
        kb = K1 * B / avgfl
        norms = frequencies * (K1 + 1) / (frequencies + k + kb * lengths[ids])
        self.norms = array("f", norms.astype(np.float32).tobytes())
        self._by_impact: tuple[array, array] | None = None
        self.size = len(docs)

    def by_impact(self) -> tuple[array, array]:
        """Documents and norms, best first (sorted on first use: only the threshold walk needs it)."""
        if self._by_impact is None:
            norms = np.frombuffer(self.norms, dtype=np.float32) if self.size else np.zeros(0, dtype=np.float32)
            docs = np.frombuffer(self.docs, dtype=np.uint32) if self.size else np.zeros(0, dtype=np.uint32)
            order = np.argsort(-norms, kind="stable")
            self._by_impact = (array("I", docs[order].tobytes()), array("f", norms[order].tobytes()))
        return self._by_impact

    def norm(self, docnum: int) -> float:
        i = bisect_left(self.docs, docnum)
        if i < self.size and self.docs[i] == docnum:
            return self.norms[i]
        return 0.0


def read_postings(leaf: Any, text: str, field: str = FIELD) -> tuple[array, array]:
    """Document numbers and term frequencies of ``text`` in one segment, deleted documents included
    (callers intersect with live documents)."""
    docs, tfs = array("I"), array("f")
    if (field, text) not in leaf:
        return docs, tfs
    matcher = leaf.postings(field, text)
    matcher = getattr(matcher, "child", matcher)  # unwrap the deleted-documents filter
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block") and not matcher._byteids:
        return _read_blocks(matcher)
    else:
        while matcher.is_active():
            docs.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
    return docs, tfs


# Whoosh stores a document's field length as one byte (a logarithmic code); this decodes them.
_LENGTH_OF_BYTE = np.array([byte_to_length(code) for code in range(256)], dtype=np.float64)


def _read_blocks(matcher: Any) -> tuple[array, array]:
    """Whoosh 2.7's W3 postings, block by block: each block holds its ids as deltas from 0 and its
    weights as None (all 1), one float, or one per posting. The deltas of all blocks are summed
    at once with numpy instead of one Python step per posting."""
    deltas: list[int] = []
    weights = array("f")
    starts = []
    while matcher.is_active():
        matcher._read_data()
        block_ids, block_weights = matcher._data[0], matcher._data[1]
        starts.append(len(deltas))
        deltas.extend(block_ids)
        if block_weights is None or isinstance(block_weights, float):
            weights.extend([1.0 if block_weights is None else block_weights] * len(block_ids))
        else:
            weights.extend(block_weights)
        matcher._next_block()
    if not deltas:
        return array("I"), weights
    sums = np.cumsum(np.array(deltas, dtype=np.int64))
    bases = np.zeros(len(starts), dtype=np.int64)
    bases[1:] = sums[np.array(starts[1:], dtype=np.int64) - 1]
    lengths = np.diff(np.append(np.array(starts, dtype=np.int64), len(deltas)))
    ids = sums - np.repeat(bases, lengths)
    return array("I", ids.astype(np.uint32).tobytes()), weights


def segment_lengths(leaf: Any) -> np.ndarray:
    """Every document's ``content`` length in one segment (as Whoosh stores it), read from the
    segment's length column in one piece where the reader allows it."""
    size = leaf.doc_count_all()
    column = _length_column(leaf)
    if column is not None and column._fixedlen == 1:
        raw = column._dbfile.get(column._basepos, min(column._count, size))
        codes = np.zeros(size, dtype=np.uint8)
        codes[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)
        return _LENGTH_OF_BYTE[codes]
    return np.array([leaf.doc_field_length(d, FIELD, 0) or 0 for d in range(size)], dtype=np.float64)


def _length_column(leaf: Any) -> Any:
    perdoc = getattr(leaf, "_perdoc", None)
    reader = getattr(perdoc, "_cached_reader", None)
    if reader is None:
        return None
    column = reader(f"_{FIELD}_len", LENGTHS_COLUMN)
    wanted = ("_dbfile", "_basepos", "_count", "_fixedlen")
    return column if all(hasattr(column, name) for name in wanted) else None


class Ranker:
    """Scores for one searcher: global statistics from the top-level reader."""

    def __init__(self, view: Any) -> None:
        self.view = view
        reader = view.searcher.reader()
        self.reader = reader
        self.doc_count_all = reader.doc_count_all()
        self.avgfl = (reader.field_length(FIELD) / (self.doc_count_all or 1)) or 1.0

    def idf(self, text: str) -> float:
        return math.log(self.doc_count_all / (self.reader.doc_frequency(FIELD, text) + 1)) + 1

    def top(self, terms: Sequence[tuple[str, float]], candidates: int, count: int) -> list[tuple[int, float]]:
        """The ``count`` best (docnum, score) among ``candidates`` (a bitmap), best first."""
        if not candidates or count <= 0 or not terms:
            return []
        weights = [(text, self.idf(text) * boost) for text, boost in terms]
        best: list[tuple[float, int]] = []
        for leaf, offset, key in self.view.leaves:
            size = leaf.doc_count_all()
            local = (candidates >> offset) & ((1 << size) - 1)
            if not local:
                continue
            lists = [(weight, self.view.postings(leaf, key, text, self.avgfl)) for text, weight in weights]
            if local.bit_count() <= DIRECT_LIMIT:
                found = _direct(lists, local, count)
            else:
                found = _threshold(lists, BitsFilter(local), count)
            best.extend((score, offset + docnum) for score, docnum in found)
        best.sort(key=lambda item: (-item[0], item[1]))
        return [(docnum, score) for score, docnum in best[:count]]

    def score(self, terms: Sequence[tuple[str, float]], docnum: int) -> float:
        """One document's score (for tests and tie checks)."""
        for leaf, offset, key in self.view.leaves:
            if offset <= docnum < offset + leaf.doc_count_all():
                return sum(
                    self.idf(text) * boost * self.view.postings(leaf, key, text, self.avgfl).norm(docnum - offset)
                    for text, boost in terms
                )
        return 0.0


def _full_score(lists: list[tuple[float, TermPostings]], docnum: int) -> float:
    return sum(weight * postings.norm(docnum) for weight, postings in lists)


def _direct(lists: list[tuple[float, TermPostings]], local: int, count: int) -> list[tuple[float, int]]:
    scored = ((_full_score(lists, docnum), docnum) for docnum in to_ids(local))
    return heapq.nlargest(count, scored, key=lambda item: (item[0], -item[1]))


def _threshold(lists: list[tuple[float, TermPostings]], member: BitsFilter, count: int) -> list[tuple[float, int]]:
    """Fagin's threshold algorithm over the impact-ordered lists."""
    heap: list[tuple[float, int]] = []  # (score, -docnum): the smallest is the page's worst
    seen: set[int] = set()
    depth = 0
    longest = max(postings.size for _, postings in lists)
    ordered = [(weight, postings.size, *postings.by_impact()) for weight, postings in lists]
    while depth < longest:
        threshold = 0.0
        for weight, size, impact_docs, impact_norms in ordered:
            if depth >= size:
                continue
            docnum = impact_docs[depth]
            threshold += weight * impact_norms[depth]
            if docnum in seen:
                continue
            seen.add(docnum)
            if docnum not in member:
                continue
            item = (_full_score(lists, docnum), -docnum)
            if len(heap) < count:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
        depth += 1
        if len(heap) >= count and heap[0][0] > threshold:  # nothing unseen can enter the page
            break
    return [(score, -negative) for score, negative in heap]
