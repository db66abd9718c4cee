"""Highlighted snippets: the text escaped here, ``<mark>`` the only markup added.

Only a window around the first likely match is analysed, so a long body costs no more than a
short one.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape
from whoosh.highlight import ContextFragmenter, Formatter, Fragment, top_fragments
from whoosh.support.charset import accent_map

from .schema import TEXT_ANALYZER

WINDOW = 700
FRAGMENT_CHARS = 220
PLAIN_CHARS = 220


class MarkFormatter(Formatter):
    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{escape(text[token.startchar : token.endchar])}</mark>"


_formatter = MarkFormatter()
_fragmenter = ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=60)


def _fold(text: str) -> str:
    return text.lower().translate(accent_map)


class Highlighter:
    """Marks the words of one query: stemmed terms, and word prefixes typed so far."""

    def __init__(self, stems: Iterable[str], prefixes: Iterable[str] = ()) -> None:
        self.stems = frozenset(stems)
        self.prefixes = tuple(prefixes)
        # Cheap substring probes to find where in a long text a match may start.
        self.probes = tuple(sorted({s[:4] for s in self.stems} | {p[:4] for p in self.prefixes}))

    def _matches(self, token_text: str, original: str) -> bool:
        if token_text in self.stems:
            return True
        folded = _fold(original)
        return any(folded.startswith(prefix) for prefix in self.prefixes)

    def _window(self, text: str) -> tuple[int, str]:
        if len(text) <= WINDOW:
            return 0, text
        folded = _fold(text)
        starts = [i for i in (folded.find(probe) for probe in self.probes) if i >= 0]
        if not starts:
            return 0, text[:WINDOW]
        start = max(0, min(starts) - WINDOW // 4)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return start, text[start : start + WINDOW]

    def mark_all(self, text: str) -> Markup:
        """The whole (short) text with every match marked: for titles."""
        return Markup(self._format(text, whole=True) or escape(text))

    def snippet(self, text: str) -> Markup | None:
        """The best fragment of ``text`` with its matches marked, or None when nothing matches."""
        if not text or not (self.stems or self.prefixes):
            return None
        start, window = self._window(text)
        formatted = self._format(window, whole=False)
        if not formatted:
            return None
        lead = "… " if start > 0 else ""
        return Markup(lead + formatted)

    def _format(self, text: str, whole: bool) -> str | None:
        tokens = []
        found = False
        for token in TEXT_ANALYZER(text, chars=True, removestops=False, mode="query"):
            matched = self._matches(token.text, text[token.startchar : token.endchar])
            if matched:
                found = True
            token.matched = matched
            tokens.append(token.copy())
        if not found:
            return None
        if whole:
            return _formatter.format_fragment(Fragment(text, [t for t in tokens if t.matched]))
        fragments = list(_fragmenter.fragment_tokens(text, iter(tokens)))
        best = top_fragments(fragments, 1, _scorer, order=_first)
        return _formatter.format(best) if best else None


def plain(text: str, length: int = PLAIN_CHARS) -> Markup:
    """The start of ``text``, escaped, when no match can be shown."""
    if len(text) > length:
        text = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return Markup(escape(text))


def _scorer(fragment) -> float:
    return len({t.text for t in fragment.matches})


def _first(fragment) -> int:
    return fragment.startchar
