"""The Whoosh schema: what each index document holds, how its text is analysed, and field weights.

Text fields share one analyser (English stemming with accent folding). ``words`` keeps the same
words unstemmed, for prefix matches as one types and for "did you mean". Filters and facets read
per-document columns (``facets``, ``meta``) rather than stored fields, so a faceted query never
touches the stored documents of the hits it only counts.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh import columns
from whoosh.analysis import Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Tokens longer than this are noise (hashes, base64): dropped rather than indexed.
MAX_TOKEN = 60


@lru_cache(maxsize=200_000)
def cached_stem(word: str) -> str:
    """Porter stemming behind a C-level cache (Whoosh's own cache is pure Python)."""
    return stem(word)


def text_analyzer():
    """English stemming with accent folding: "Café", "cafe" and "cafes" meet on one term."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(minsize=2, maxsize=MAX_TOKEN)
        | StemFilter(stemfn=cached_stem, cachesize=None)
    )


def word_analyzer():
    """The same words, folded but not stemmed (prefixes and spelling suggestions)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(minsize=2, maxsize=MAX_TOKEN)
    )


class WeightedText(str):
    """Text in weighted parts, indexed as one field: each token counts its part's weight."""

    parts: tuple[tuple[str, float], ...]

    def __new__(cls, parts: list[tuple[str, float]]) -> WeightedText:
        text = super().__new__(cls, "\n".join(part for part, _ in parts))
        text.parts = tuple(parts)
        return text

    def __reduce__(self):
        return (WeightedText, (list(self.parts),))


class WeightedAnalyzer(Analyzer):
    """The text analyser, honouring the part weights of a ``WeightedText`` when indexing."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __eq__(self, other) -> bool:
        return isinstance(other, WeightedAnalyzer) and self.inner == other.inner

    def __call__(self, value, positions=False, start_pos=0, **kwargs):
        parts = getattr(value, "parts", None)
        if parts is None:
            yield from self.inner(value, positions=positions, start_pos=start_pos, **kwargs)
            return
        position = start_pos
        for text, weight in parts:
            last = position
            for token in self.inner(text, positions=positions, start_pos=position, **kwargs):
                token.boost = weight
                if positions:
                    last = token.pos
                yield token
            position = last + PART_GAP


TEXT_ANALYZER = text_analyzer()
WORD_ANALYZER = word_analyzer()
CONTENT_ANALYZER = WeightedAnalyzer(TEXT_ANALYZER)

# BM25F field weights. BM25F adds up a term's weighted frequencies across fields before BM25's
# saturation and length normalisation; one ``content`` field whose tokens carry their part's
# weight (``WeightedText``) computes exactly that, with one posting list per word instead of one
# per word and field (the difference between 300 ms and a few ms a query). A match in the title
# counts most, then tags and topics, then the summary, then the body; attachment text least.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 4.0,
    "keywords": 3.0,  # tags, topic names, a thread's category, an organisation's platforms
    "summary": 2.0,
    "org_name": 1.0,
    "body": 1.0,
    "replies": 0.8,
    "attachments": 0.5,
}
# Positions left empty between parts, so a quoted phrase never spans two parts.
PART_GAP = 10
# A prefix match on the last word typed counts less than the whole word.
PREFIX_WEIGHT = 0.5
# Stored text used for snippets is cut to this many characters (the whole body is indexed).
SNIPPET_SOURCE_CHARS = 5000


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        type=ID(stored=True),
        content=TEXT(analyzer=CONTENT_ANALYZER),  # every text field, weighted (FIELD_WEIGHTS)
        words=TEXT(analyzer=WORD_ANALYZER, phrase=False),
        tag=KEYWORD(commas=True, lowercase=True),
        # Shown with each hit, without a database query: the link, what the item is, and the
        # start of its summary, body and replies for the snippet.
        title=STORED(),
        url=STORED(),
        label=STORED(),
        excerpt=STORED(),
        # Per-document values for filters, facets and sorting (see ``columns.py``).
        facets=COLUMN(columns.VarBytesColumn()),
        # "<id>\x1f<digest>" for ``flask search check``.
        meta=COLUMN(columns.VarBytesColumn()),
    )
