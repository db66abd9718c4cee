"""What a searcher typed → a small query tree, independent of the search engine.

The syntax: words; "quoted phrases"; ``AND``, ``OR``, ``NOT`` (upper case) and ``-word``;
parentheses; field filters ``kind:``, ``topic:``, ``org:``, ``tag:`` and ``type:``. Words side by
side form an *implicit* group: the engine ranks documents with all of them first and still
returns documents with most of them. The last word also matches as a prefix (as one types).
Synonyms from ``synonyms.txt`` are expanded here, so a backend sees alternatives, not data.

Parsing never raises: anything it cannot read as syntax is read as words, and a query longer than
``MAX_QUERY_LENGTH`` characters is cut (the caller tells the searcher).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whoosh.support.charset import accent_map

from ..text import slugify
from .schema import WORD_ANALYZER

MAX_QUERY_LENGTH = 256
MAX_DEPTH = 8
MIN_PREFIX = 3
SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")

FILTER_FIELDS = ("type", "kind", "topic", "org", "tag")
TYPE_ALIASES = {
    "resource": "resource",
    "resources": "resource",
    "library": "resource",
    "thread": "thread",
    "threads": "thread",
    "discussion": "thread",
    "discussions": "thread",
    "organisation": "organisation",
    "organisations": "organisation",
    "organization": "organisation",
    "organizations": "organisation",
    "org": "organisation",
    "orgs": "organisation",
}


# --- The tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str  # lower case, accents folded
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Alternatives:
    """Synonyms: a document matching any option matches this one unit."""

    options: tuple[Word | Phrase, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class Group:
    """``op`` is "all" (AND), "any" (OR) or "implicit" (side by side: all first, then most)."""

    op: str
    items: tuple[Node, ...]


Node = Word | Phrase | Alternatives | Not | Group


@dataclass
class ParsedQuery:
    text: str  # what was searched for (cut to MAX_QUERY_LENGTH)
    truncated: bool = False
    root: Node | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    excluded: dict[str, list[str]] = field(default_factory=dict)
    # Bare words as typed, with their place in ``text``: candidates for "did you mean".
    spellable: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.root is None and not self.filters and not self.excluded


# --- Normalising --------------------------------------------------------------------------


def fold(text: str) -> str:
    return text.lower().translate(accent_map)


def raw_tokens(text: str) -> list[str]:
    """Folded words, stop words and one-letter words included (for synonym matching)."""
    return re.findall(r"\w+", fold(text))


def index_words(text: str) -> list[str]:
    """The words the index keeps (stop words and one-letter words dropped)."""
    return [token.text for token in WORD_ANALYZER(text)]


def normalise_filter(name: str, value: str) -> str:
    value = " ".join(value.strip().strip('"').split())
    if name == "type":
        return TYPE_ALIASES.get(value.lower(), value.lower())
    if name == "kind":
        return re.sub(r"[\s-]+", "_", value.lower())
    if name == "tag":
        return value.lower()
    return slugify(value, fallback="")


def cut(text: str | None) -> tuple[str, bool]:
    """The query as searched: control characters removed, spaces collapsed, length capped."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


# --- Synonyms ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def synonym_table() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each term (as a tuple of folded words) → every term of its group."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = tuple(dict.fromkeys(tuple(raw_tokens(term)) for term in line.split("~")))
        terms = tuple(term for term in terms if term)
        for term in terms:
            table[term] = terms
    return table


def _longest_synonym() -> int:
    return max((len(term) for term in synonym_table()), default=1)


def _unit(words: tuple[str, ...]) -> Word | Phrase | None:
    kept = tuple(w for token in words for w in index_words(token))
    if not kept:
        return None
    return Word(kept[0]) if len(kept) == 1 else Phrase(kept)


def _alternatives(term: tuple[str, ...]) -> Alternatives | None:
    options = []
    for alternative in synonym_table()[term]:
        unit = _unit(alternative)
        if unit is not None and unit not in options:
            options.append(unit)
    return Alternatives(tuple(options)) if options else None


# --- Lexer ------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<minus>-(?=[^\s-]))
    | (?P<plus>\+(?=\S))
    | (?P<field>(?P<fname>kind|topic|org|tag|type):(?P<fvalue>"[^"]*"?|[^\s()"]*))
    | (?P<quote>"[^"]*"?)
    | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE | re.IGNORECASE,
)
OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int
    name: str = ""


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    at_term_start = True
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        if kind == "fvalue" or kind == "fname":
            kind = "field"
        value = match.group(0)
        if kind == "space":
            at_term_start = True
            continue
        if kind in ("minus", "plus") and not at_term_start:
            kind = "word"
        if kind == "word" and value in OPERATORS:
            kind = "op"
        name = match.group("fname").lower() if kind == "field" else ""
        if kind == "field":
            value = match.group("fvalue")
        tokens.append(_Token(kind, value, match.start(), match.end(), name))
        at_term_start = kind in ("open", "minus", "plus")
    return _merge_signs(tokens)


def _merge_signs(tokens: list[_Token]) -> list[_Token]:
    """A "+" only marks a required term (all words are wanted anyway): drop it."""
    return [token for token in tokens if token.kind != "plus"]


# --- Parser -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    """Bare words before synonym matching."""

    text: str
    start: int
    end: int


class _Parser:
    def __init__(self, tokens: list[_Token], parsed: ParsedQuery) -> None:
        self.tokens = tokens
        self.pos = 0
        self.parsed = parsed
        last_word = next((t for t in reversed(tokens) if t.kind == "word"), None)
        before = tokens[-2] if len(tokens) > 1 else None
        negated = before is not None and (before.kind == "minus" or (before.kind == "op" and before.text == "NOT"))
        self.prefix_token = last_word if last_word is tokens[-1] and not negated else None

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node | None:
        items: list[Node] = []
        while self.peek() is not None:
            node = self.parse_or(0)
            if node is not None:
                items.append(node)
            token = self.peek()
            if token is not None and token.kind == "close":
                self.pos += 1  # an unbalanced ")" is ignored
        return _group("implicit", items)

    def parse_or(self, depth: int) -> Node | None:
        branches = [self.parse_and(depth)]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.pos += 1
            branches.append(self.parse_and(depth))
        return _group("any", [b for b in branches if b is not None])

    def parse_and(self, depth: int) -> Node | None:
        items: list[Node | _Raw] = []
        explicit = False
        while (token := self.peek()) is not None:
            if token.kind == "close" or (token.kind == "op" and token.text == "OR"):
                break
            if token.kind == "op" and token.text == "AND":
                self.pos += 1
                explicit = True
                continue
            item = self.parse_unary(depth)
            if item is not None:
                items.append(item)
        return _group("all" if explicit else "implicit", self._expand(items))

    def parse_unary(self, depth: int) -> Node | _Raw | None:
        token = self.tokens[self.pos]
        self.pos += 1
        if token.kind in ("minus",) or (token.kind == "op" and token.text == "NOT"):
            if self.peek() is None:
                return None
            inner = self.parse_unary(depth)
            if isinstance(inner, _Raw):
                inner = _group("implicit", self._expand([inner]))
            return Not(inner) if inner is not None else None
        if token.kind == "open":
            if depth >= MAX_DEPTH:
                return None
            inner = self.parse_or(depth + 1)
            closing = self.peek()
            if closing is not None and closing.kind == "close":
                self.pos += 1
            return inner
        if token.kind == "field":
            self._filter(token, negated=self._negated())
            return None
        if token.kind == "quote":
            return _phrase(token.text.strip('"'))
        if token.kind == "op":  # a stray operator ("NOT" at the end, "AND AND")
            return None
        return _Raw(token.text, token.start, token.end)

    def _negated(self) -> bool:
        if self.pos >= 2:
            before = self.tokens[self.pos - 2]
            return before.kind == "minus" or (before.kind == "op" and before.text == "NOT")
        return False

    def _filter(self, token: _Token, negated: bool) -> None:
        value = normalise_filter(token.name, token.text)
        if value:
            target = self.parsed.excluded if negated else self.parsed.filters
            values = target.setdefault(token.name, [])
            if value not in values:
                values.append(value)
        return None

    def _expand(self, items: list[Node | _Raw]) -> list[Node]:
        """Runs of bare words → words, phrases and synonym alternatives."""
        out: list[Node] = []
        run: list[_Raw] = []
        for item in items + [None]:
            if isinstance(item, _Raw):
                run.append(item)
                continue
            if run:
                out.extend(self._words(run))
                run = []
            if item is not None:
                out.append(item)
        return out

    def _words(self, run: list[_Raw]) -> list[Node]:
        flat = [(token, raw) for raw in run for token in raw_tokens(raw.text)]
        table = synonym_table()
        longest = _longest_synonym()
        nodes: list[Node] = []
        i = 0
        while i < len(flat):
            for size in range(min(longest, len(flat) - i), 0, -1):
                term = tuple(token for token, _ in flat[i : i + size])
                if term in table:
                    alternatives = _alternatives(term)
                    if alternatives is not None:
                        nodes.append(alternatives)
                    i += size
                    break
            else:
                raw = flat[i][1]
                same = [token for token, r in flat[i:] if r is raw]
                i += len(same)
                unit = _unit(tuple(same))
                if unit is None:
                    continue
                if isinstance(unit, Word):
                    if raw is self._prefix_raw(run) and len(unit.text) >= MIN_PREFIX:
                        unit = Word(unit.text, prefix=True)
                    self.parsed.spellable.append((raw.start, raw.end, unit.text))
                nodes.append(unit)
        return nodes

    def _prefix_raw(self, run: list[_Raw]) -> _Raw | None:
        token = self.prefix_token
        if token is None:
            return None
        return next((raw for raw in run if raw.start == token.start), None)


def _phrase(text: str) -> Node | None:
    tokens = tuple(raw_tokens(text))
    if tokens in synonym_table():
        return _alternatives(tokens)
    return _unit(tokens)


def _group(op: str, items: list[Node]) -> Node | None:
    items = [item for item in items if item is not None]
    if not items:
        return None
    if len(items) == 1 and not isinstance(items[0], Not):
        return items[0]
    return Group(op, tuple(items))


def parse(text: str | None) -> ParsedQuery:
    """Parse a searcher's query; never raises."""
    searched, truncated = cut(text)
    parsed = ParsedQuery(text=searched, truncated=truncated)
    tokens = _lex(searched)
    if tokens:
        parsed.root = _Parser(tokens, parsed).parse()
    return parsed
