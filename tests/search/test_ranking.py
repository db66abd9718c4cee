"""Our ranking loop gives Whoosh's own BM25F scores, whichever path it takes."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from app.search import ranking
from app.search.backend import get_backend
from app.search.whoosh_store import handle_for

from .helpers import publish, sync

WORDS = "vaccine clinic reminder parents schedule weekend staff video caption story".split()


@pytest.fixture
def view(app, author, whoosh_only):
    for n in range(40):
        words = [WORDS[(n * k) % len(WORDS)] for k in range(1, 2 + n % 7)]
        publish(
            author,
            title=" ".join(words[:3]).capitalize(),
            summary=" ".join(words),
            body=" ".join(words * (1 + n % 3)),
        )
    sync()
    backend = get_backend()
    handle = handle_for(backend.store.root)
    with handle.lock:
        yield backend._view(handle)


def whoosh_scores(view, terms):
    query = wq.Or([wq.Term("content", term, boost=boost) for term, boost in terms])
    results = view.searcher.search(query, limit=None, terms=False)
    return {docnum: score for score, docnum in results.top_n}


@pytest.mark.parametrize(
    "terms",
    [
        [("vaccin", 1.0)],
        [("vaccin", 1.0), ("clinic", 1.0)],
        [("parent", 1.0), ("video", 0.5), ("staff", 1.0)],
    ],
)
def test_scores_equal_whoosh_bm25f(view, terms):
    expected = whoosh_scores(view, terms)
    assert expected
    for docnum, score in expected.items():
        assert view.ranker.score(terms, docnum) == pytest.approx(score, rel=1e-5)


def test_the_threshold_walk_and_direct_scoring_find_the_same_page(view, monkeypatch):
    terms = [("vaccin", 1.0), ("clinic", 1.0), ("caption", 1.0)]
    candidates = view.term("content", "vaccin") | view.term("content", "clinic") | view.term("content", "caption")
    expected = sorted(whoosh_scores(view, terms).items(), key=lambda item: (-item[1], item[0]))[:7]
    monkeypatch.setattr(ranking, "DIRECT_LIMIT", 10_000)
    direct = view.ranker.top(terms, candidates, 7)
    monkeypatch.setattr(ranking, "DIRECT_LIMIT", 0)
    walked = view.ranker.top(terms, candidates, 7)
    assert [d for d, _ in direct] == [d for d, _ in walked] == [d for d, _ in expected]
    only_some = candidates & view.term("content", "caption")
    assert [d for d, _ in view.ranker.top(terms, only_some, 3)] == [
        d
        for d, _ in sorted(
            ((d, s) for d, s in whoosh_scores(view, terms).items() if only_some >> d & 1),
            key=lambda i: (-i[1], i[0]),
        )[:3]
    ]
