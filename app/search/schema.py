"""The Whoosh schema: what each index document holds, how its text is analysed, and field weights.

Text fields share one analyser (English stemming with accent folding). ``words`` keeps the same
words unstemmed, for prefix matches as one types and for "did you mean". Filters and facets read
per-document columns (``facets``, ``meta``) rather than stored fields, so a faceted query never
touches the stored documents of the hits it only counts.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh import columns
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.analysis.tokenizers import default_pattern as _WORD_PATTERN
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
    return FlatAnalyzer(stemming=True)


def word_analyzer():
    """The same words, folded but not stemmed (prefixes and spelling suggestions)."""
    return FlatAnalyzer(stemming=False)


class FlatAnalyzer(Analyzer):
    """Whoosh's chain ``RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) |
    StopFilter(minsize=2, maxsize=MAX_TOKEN) [| StemFilter]`` as one loop.

    The same tokens (a test compares them on hostile text), without a generator per filter per
    token: analysis is most of a rebuild's CPU time, and this halves it. Token positions and kept
    originals, which nothing here asks for, go through the chain itself.
    """

    def __init__(self, stemming: bool) -> None:
        self.stemming = stemming

    def __eq__(self, other) -> bool:
        return isinstance(other, FlatAnalyzer) and self.stemming == other.stemming

    def chain(self):
        words = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
        words |= StopFilter(minsize=2, maxsize=MAX_TOKEN)
        return words | StemFilter(stemfn=cached_stem, cachesize=None) if self.stemming else words

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, **kwargs):
        if positions or keeporiginal or not kwargs.get("tokenize", True):
            yield from self.chain()(value, positions=positions, chars=chars, removestops=removestops, **kwargs)
            return
        start_char = kwargs.pop("start_char", 0)
        kwargs.pop("start_pos", None)
        kwargs.pop("tokenize", None)
        token = Token(False, chars, removestops=removestops, **kwargs)
        stemming = self.stemming
        for match in _WORD_PATTERN.finditer(value):
            text = match.group(0).lower().translate(accent_map)
            stopped = not (2 <= len(text) <= MAX_TOKEN) or text in STOP_WORDS
            if stopped and removestops:
                continue
            token.text = cached_stem(text) if stemming and not stopped else text
            token.boost = 1.0
            token.stopped = stopped
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class WeightedText(str):
    """Text in weighted parts, indexed as one field: each token counts its part's weight."""

    parts: tuple[tuple[str, float], ...]
    phrase_parts: int  # the first parts, where quoted phrases are looked for

    def __new__(cls, parts: list[tuple[str, float]], phrase_parts: int | None = None) -> WeightedText:
        text = super().__new__(cls, "\n".join(part for part, _ in parts))
        text.parts = tuple(parts)
        text.phrase_parts = len(parts) if phrase_parts is None else phrase_parts
        return text

    def __reduce__(self):
        return (WeightedText, (list(self.parts), self.phrase_parts))


class WeightedAnalyzer(Analyzer):
    """The text analyser, honouring the part weights of a ``WeightedText`` when indexing.

    It leaves each part's terms on the value (``analyzed``) for ``PairAnalyzer``, so the text is
    analysed once for both fields (Whoosh indexes fields in name order: content, then pairs).
    """

    def __init__(self, inner) -> None:
        self.inner = inner

    def __eq__(self, other) -> bool:
        return isinstance(other, WeightedAnalyzer) and self.inner == other.inner

    def __call__(self, value, **kwargs):
        parts = getattr(value, "parts", None)
        if parts is None:
            yield from self.inner(value, **kwargs)
            return
        analyzed = []
        for text, weight in parts:
            terms = []
            for token in self.inner(text, **kwargs):
                token.boost = weight
                terms.append(token.text)
                yield token
            analyzed.append(terms)
        value.analyzed = analyzed


class PairAnalyzer(Analyzer):
    """Adjacent terms as one term ("patient privaci"): a quoted phrase becomes a few lookups.

    With positions instead, checking a phrase of two common words meant decoding the positions
    of every document holding both: hundreds of milliseconds at 100,000 documents; positions
    also made up most of the index's size and writing time. Pairs never span two parts of a
    ``WeightedText``, and only the first ``MAX_PAIRS`` of a part are kept, which bounds what a
    very long text adds to the index.
    """

    def __init__(self, inner) -> None:
        self.inner = inner

    def __eq__(self, other) -> bool:
        return isinstance(other, PairAnalyzer) and self.inner == other.inner

    def __call__(self, value, **kwargs):
        analyzed = getattr(value, "analyzed", None)
        if analyzed is None:
            texts = [text for text, _ in getattr(value, "parts", ((value, 1.0),))]
            analyzed = [[token.text for token in self.inner(text)] for text in texts]
        analyzed = analyzed[: getattr(value, "phrase_parts", len(analyzed))]
        token = Token(**kwargs)
        token.boost = 1.0
        for terms in analyzed:
            terms = terms[: MAX_PAIRS + 1]
            for first, second in zip(terms, terms[1:], strict=False):
                token.text = f"{first} {second}"
                yield token


MAX_PAIRS = 2000


def pair_terms(terms: list[str] | tuple[str, ...]) -> list[str]:
    return [f"{first} {second}" for first, second in zip(terms, terms[1:], strict=False)]


TEXT_ANALYZER = text_analyzer()
WORD_ANALYZER = word_analyzer()
CONTENT_ANALYZER = WeightedAnalyzer(TEXT_ANALYZER)
PAIR_ANALYZER = PairAnalyzer(TEXT_ANALYZER)

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
# A prefix match on the last word typed counts less than the whole word.
PREFIX_WEIGHT = 0.5
# Stored text used for snippets is cut to this many characters (the whole body is indexed).
SNIPPET_SOURCE_CHARS = 5000


def _unscored(field: TEXT) -> TEXT:
    field.scorable = False  # no per-document lengths to store
    return field


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        type=ID(stored=True),
        content=TEXT(analyzer=CONTENT_ANALYZER, phrase=False),  # every text field, weighted
        pairs=_unscored(TEXT(analyzer=PAIR_ANALYZER, phrase=False)),  # quoted phrases
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
