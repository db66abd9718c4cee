"""Text for the PostgreSQL backend, analysed in Python with the Whoosh backend's own analysers.

Both backends must find the same documents for the same query, so words are stemmed, folded and
stop-listed here (``schema.TEXT_ANALYZER``) and handed to PostgreSQL already analysed: a document
becomes a ``tsvector`` literal with positions and weights, a query a ``tsquery`` literal. The
database never applies its own dictionaries (no ``english`` configuration, no ``unaccent``), so
its results cannot drift from Whoosh's when a server's dictionaries differ.

Field weights: a ``tsvector`` has four weight classes (A–D); the seven weighted parts of a document
fall into them in the order of ``schema.FIELD_WEIGHTS`` and ``RANK_WEIGHTS`` keeps their ratios
(title 4 : tags, topics, summary 2.5 : body 1 : organisation name, replies, attachments 0.6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .documents import SearchDocument
from .query import Alternatives, Node, Not, ParsedQuery, Phrase, Word
from .schema import MAX_PAIRS, TEXT_ANALYZER, WORD_ANALYZER

# ts_rank's weights array is {D, C, B, A}.
RANK_WEIGHTS = (0.15, 0.25, 0.625, 1.0)
PART_CLASSES = {
    "title": "A",
    "keywords": "B",
    "summary": "B",
    "org_name": "D",
    "body": "C",
    "replies": "D",
    "attachments": "D",
}
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped to it
MAX_POSITIONS_PER_TERM = 256  # and it keeps at most this many per lexeme
PART_GAP = 2  # no quoted phrase spans two parts
MAX_SCORING_TERMS = 16


def quote_lexeme(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def document_parts(doc: SearchDocument) -> list[tuple[str, str]]:
    """(part name, text) in the weight order, empty parts left out."""
    keywords = " ; ".join(
        [*doc.tags, *(name for _, name in doc.topics), *(name for _, name in doc.platforms), *doc.keywords]
    )
    parts = [
        ("title", doc.title),
        ("keywords", keywords),
        ("summary", doc.summary),
        ("org_name", doc.org[1] if doc.org else ""),
        ("body", doc.body),
        ("replies", doc.replies),
        ("attachments", doc.attachments),
    ]
    return [(name, text) for name, text in parts if text]


@dataclass
class AnalysedDocument:
    tsvector: str  # a tsvector literal: 'lexeme':1A,7C …
    stems: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # unstemmed words of the short fields (did you mean)


def analyse(doc: SearchDocument) -> AnalysedDocument:
    positions: dict[str, list[str]] = {}
    at = 0
    for name, text in document_parts(doc):
        weight = PART_CLASSES[name]
        counted = 0
        for token in TEXT_ANALYZER(text):
            at += 1
            counted += 1
            # Like the Whoosh pair field, only the start of a long part takes part in phrases.
            position = min(at, MAX_POSITION) if counted <= MAX_PAIRS + 1 and name != "attachments" else MAX_POSITION
            slots = positions.setdefault(token.text, [])
            if len(slots) < MAX_POSITIONS_PER_TERM:
                slots.append(f"{position}{weight}")
        at += PART_GAP
    literal = " ".join(f"{quote_lexeme(term)}:{','.join(slots)}" for term, slots in positions.items())
    short = " ".join(text for name, text in document_parts(doc) if name in ("title", "keywords", "summary", "org_name"))
    words = {token.text for token in WORD_ANALYZER(short)}
    return AnalysedDocument(tsvector=literal, stems=set(positions), words=words)


# --- Queries ----------------------------------------------------------------------------


def stem(word: str) -> str | None:
    tokens = [token.text for token in TEXT_ANALYZER(word)]
    return tokens[0] if tokens else None


def stems_of(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(token.text for word in words for token in TEXT_ANALYZER(word))


@dataclass
class CompiledQuery:
    """A parsed query as tsquery literals: ``loose`` finds, ``strict`` (every word) ranks first."""

    loose: str | None
    strict: str | None
    scoring: list[tuple[str, float]]  # (stem, boost)
    stems: set[str]
    prefixes: list[str]


class _Compiler:
    def __init__(self) -> None:
        self.scoring: dict[str, float] = {}
        self.stems: set[str] = set()
        self.prefixes: list[str] = []

    def node(self, node: Node, strict: bool, negated: bool) -> str | None:
        if isinstance(node, Word):
            return self.word(node, negated)
        if isinstance(node, Phrase):
            return self.phrase(node, negated)
        if isinstance(node, Alternatives):
            options = [q for option in node.options if (q := self.node(option, strict, negated))]
            return _join(" | ", options)
        if isinstance(node, Not):
            inner = self.node(node.item, strict, not negated)
            return f"!({inner})" if inner else None
        positives = [i for i in node.items if not isinstance(i, Not)]
        negatives = [i for i in node.items if isinstance(i, Not)]
        every = node.op == "all" or (node.op == "implicit" and strict)
        parts = [q for item in positives if (q := self.node(item, strict, negated))]
        query = _join(" & " if every else " | ", parts)
        if positives and query is None:
            return None  # nothing searchable among the positive words: nothing matches
        for item in negatives:
            inner = self.node(item.item, strict, not negated)
            if inner:
                query = f"{query} & !({inner})" if query else f"!({inner})"
        return query

    def word(self, node: Word, negated: bool) -> str | None:
        term = stem(node.text)
        options = [quote_lexeme(term)] if term else []
        if node.prefix:
            options.append(f"{quote_lexeme(node.text)}:*")
        if not negated:
            if term:
                self._score(term, 1.0)
                self.stems.add(term)
            if node.prefix:
                self.prefixes.append(node.text)
        return _join(" | ", options)

    def phrase(self, node: Phrase, negated: bool) -> str | None:
        terms = stems_of(node.words)
        if not terms:
            return None
        if not negated:
            for term in terms:
                self._score(term, 1.0)
            self.stems.update(terms)
        return "(" + " <-> ".join(quote_lexeme(term) for term in terms) + ")"

    def _score(self, term: str, boost: float) -> None:
        if len(self.scoring) < MAX_SCORING_TERMS or term in self.scoring:
            self.scoring[term] = max(boost, self.scoring.get(term, 0.0))


def _join(operator: str, parts: list[str]) -> str | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + operator.join(parts) + ")"


def compile_query(parsed: ParsedQuery) -> CompiledQuery:
    if parsed.root is None:
        return CompiledQuery(None, None, [], set(), [])
    compiler = _Compiler()
    loose = compiler.node(parsed.root, strict=False, negated=False)
    strict = _Compiler().node(parsed.root, strict=True, negated=False)
    return CompiledQuery(loose or "", strict or "", list(compiler.scoring.items()), compiler.stems, compiler.prefixes)
