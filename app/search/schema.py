"""The Whoosh schema: what each index document holds, how its text is analysed, and field weights.

Text fields share one analyser (English stemming with accent folding). ``words`` keeps the same
words unstemmed, for prefix matches as one types and for "did you mean". Filters and facets read
per-document columns (``facets``, ``meta``) rather than stored fields, so a faceted query never
touches the stored documents of the hits it only counts.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh import columns
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
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
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(
        minsize=2, maxsize=MAX_TOKEN
    )


TEXT_ANALYZER = text_analyzer()
WORD_ANALYZER = word_analyzer()

# BM25F field weights. BM25F adds up a term's weighted frequencies across fields before the
# saturation and length normalisation of BM25; one ``content`` field holding each part repeated
# by its weight computes exactly that, with one posting list per word instead of one per word
# and field (the difference between 300 ms and a few ms a query). A match in the title counts
# most, then tags and topics, then the summary, then the body; attachment text is long, so its
# words weigh least after length normalisation.
FIELD_WEIGHTS: dict[str, int] = {
    "title": 4,
    "keywords": 3,  # tags, topic names, a thread's category, an organisation's platforms
    "summary": 2,
    "org_name": 1,
    "body": 1,
    "replies": 1,
    "attachments": 1,
}
# A prefix match on the last word typed counts less than the whole word.
PREFIX_WEIGHT = 0.5
# Stored text used for snippets is cut to this many characters (the whole body is indexed).
SNIPPET_SOURCE_CHARS = 5000


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        type=ID(stored=True),
        content=TEXT(analyzer=TEXT_ANALYZER),  # every text field, weighted (see FIELD_WEIGHTS)
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
