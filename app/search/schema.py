"""The Whoosh schema: what each index document holds, how its text is analysed, and field weights.

Text fields share one analyser (English stemming with accent folding). ``words`` keeps the same
words unstemmed, for prefix matches as one types and for "did you mean". Filters and facets read
per-document columns (``facets``, ``meta``) rather than stored fields, so a faceted query never
touches the stored documents of the hits it only counts.
"""

from __future__ import annotations

from whoosh import columns
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Tokens longer than this are noise (hashes, base64): dropped rather than indexed.
MAX_TOKEN = 60


def text_analyzer():
    """English stemming with accent folding: "Café", "cafe" and "cafes" meet on one term."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(minsize=2, maxsize=MAX_TOKEN)
        | StemFilter(cachesize=100_000)
    )


def word_analyzer():
    """The same words, folded but not stemmed (prefixes and spelling suggestions)."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(
        minsize=2, maxsize=MAX_TOKEN
    )


TEXT_ANALYZER = text_analyzer()
WORD_ANALYZER = word_analyzer()

# BM25F field weights: a match in the title counts most, then tags, topics and summary, then the
# body; attachment text counts least (long and noisy).
FIELD_WEIGHTS: dict[str, float] = {
    "title": 6.0,
    "keywords": 3.0,  # tags, topic names, a thread's category, an organisation's platforms
    "summary": 2.5,
    "org_name": 1.5,
    "body": 1.0,
    "replies": 0.8,
    "attachments": 0.5,
}
TEXT_FIELDS = tuple(FIELD_WEIGHTS)
# Fields with positions, where a quoted phrase can match.
PHRASE_FIELDS = ("title", "summary", "body", "replies", "attachments")
# Weight of a prefix match on the last word typed (below any whole-word match).
PREFIX_WEIGHT = 0.5
# Stored text used for snippets is cut to this many characters (the whole body is indexed).
SNIPPET_SOURCE_CHARS = 5000


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        type=ID(stored=True),
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        summary=TEXT(analyzer=TEXT_ANALYZER),
        body=TEXT(analyzer=TEXT_ANALYZER),
        replies=TEXT(analyzer=TEXT_ANALYZER),
        attachments=TEXT(analyzer=TEXT_ANALYZER),
        keywords=TEXT(analyzer=TEXT_ANALYZER),
        org_name=TEXT(analyzer=TEXT_ANALYZER),
        words=TEXT(analyzer=WORD_ANALYZER, phrase=False),
        tag=KEYWORD(commas=True, lowercase=True),
        # Shown with each hit, without a database query: the link, what the item is, and the
        # start of its summary, body and replies for the snippet.
        url=STORED(),
        label=STORED(),
        excerpt=STORED(),
        # Per-document values for filters, facets and sorting (see ``columns.py``).
        facets=COLUMN(columns.VarBytesColumn()),
        # "<id>\x1f<digest>" for ``flask search check``.
        meta=COLUMN(columns.VarBytesColumn()),
    )
