"""Highlighted snippets: the text escaped here, ``<mark>`` the only markup added.

Matches are found with the index's own analyser (so "vaccinating" is marked for "vaccine"), but
only in a short window around the first place a query word can start: a long body costs no more
than a short one.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape
from whoosh.support.charset import accent_map

from .schema import TEXT_ANALYZER

FRAGMENT_CHARS = 240
LEAD_CHARS = 70
PLAIN_CHARS = 220
MAX_WINDOWS = 4  # places tried when a probe turns out to be part of an unrelated word


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.lower().translate(accent_map)


def _word_start(text: str, index: int) -> int:
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and not text[index].isspace():
        index += 1
    return index


class Highlighter:
    """Marks the words of one query: stemmed terms, and word prefixes typed so far."""

    def __init__(self, stems: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self.stems = frozenset(stems)
        self.prefixes = tuple(prefixes)
        # Substrings with which a matching word must start (a stem is a prefix of its words).
        self.probes = tuple(sorted({s[:3] for s in self.stems} | {p[:3] for p in self.prefixes}))

    def _spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for token in TEXT_ANALYZER(text, chars=True, removestops=False, mode="query"):
            if token.text in self.stems or (
                self.prefixes and _fold(text[token.startchar : token.endchar]).startswith(self.prefixes)
            ):
                spans.append((token.startchar, token.endchar))
        return spans

    def _next_probe(self, folded: str, at: int) -> int:
        """Where, from ``at``, a word starts with one of the probes (-1: nowhere)."""
        best = -1
        for probe in self.probes:
            i = folded.find(probe, at)
            while i > 0 and folded[i - 1].isalnum():
                i = folded.find(probe, i + 1)
            if i >= 0 and (best < 0 or i < best):
                best = i
        return best

    def mark_all(self, text: str) -> Markup:
        """The whole (short) text with every match marked: for titles."""
        if not self.probes or self._next_probe(_fold(text), 0) < 0:
            return Markup(escape(text))
        return _format(text, self._spans(text), 0, len(text))

    def snippet(self, text: str) -> Markup | None:
        """A fragment of ``text`` around its first match, matches marked; None when none."""
        if not text or not self.probes:
            return None
        folded = _fold(text)
        at = 0
        for _ in range(MAX_WINDOWS):
            first = self._next_probe(folded, at)
            if first < 0:
                return None
            start = _word_start(text, max(0, first - LEAD_CHARS))
            end = _word_end(text, min(len(text), start + FRAGMENT_CHARS))
            spans = self._spans(text[start:end])
            if spans:
                return _format(text, [(a + start, b + start) for a, b in spans], start, end)
            at = end
        return None


def _format(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Markup:
    out = ["… " if start > 0 else ""]
    at = start
    for a, b in spans:
        if a < at:
            continue
        out.append(str(escape(text[at:a])))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        at = b
    out.append(str(escape(text[at:end])))
    if end < len(text):
        out.append(" …")
    return Markup("".join(out))


def plain(text: str, length: int = PLAIN_CHARS) -> Markup:
    """The start of ``text``, escaped, when no match can be shown."""
    if len(text) > length:
        text = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return Markup(escape(text))
