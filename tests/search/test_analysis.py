"""The one-loop analyser gives exactly the tokens of Whoosh's filter chain it replaces."""

from __future__ import annotations

from app.search.schema import FlatAnalyzer

from ..conftest import load_corpus

SAMPLES = [
    "Café CAFÉS cafe naïve Ærøskøbing straße İstanbul ΣΊΣΥΦΟΣ",
    "Vaccination rates, e.g. 2024.10 v1.2.3 co-op e-mail *wild*card x" + "a" * 70,
    "The quick brown fox: what is it to be or not to be? It's a 'test' — ok.",
    "日本語のテキスト 中文 한국어 العربية עברית",
]


def _tokens(analyzer, text: str, **options) -> list[tuple]:
    return [
        (t.text, t.stopped, t.boost, getattr(t, "startchar", None), getattr(t, "endchar", None))
        for t in analyzer(text, **options)
    ]


def test_the_flat_analyser_matches_the_filter_chain_on_hostile_text():
    texts = SAMPLES + [text for text in load_corpus("blns.json") if isinstance(text, str)]
    for stemming in (True, False):
        flat = FlatAnalyzer(stemming)
        chain = flat.chain()
        for text in texts:
            for options in ({}, {"mode": "index", "boosts": True}, {"chars": True, "removestops": False}):
                assert _tokens(flat, text, **options) == _tokens(chain, text, **options), (text, options)
            shifted = {"chars": True, "removestops": False, "start_char": 7}
            assert _tokens(flat, text, **shifted) == _tokens(chain, text, **shifted), text
