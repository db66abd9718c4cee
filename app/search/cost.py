"""A cost bound on every query: at most ``SEARCH_MAX_TERMS`` terms reach the engine.

Each word, each word of a phrase and each synonym option counts, so a long query or one whose
words all carry synonyms cannot multiply the work; prefix expansions are capped by the backend
(``MAX_PREFIX_TERMS``). Terms past the bound are dropped from the end, and the results page says
so (``terms_cut``), instead of the query failing.
"""

from __future__ import annotations

from dataclasses import replace

from .query import Alternatives, Group, Node, Not, Phrase, Word


def _terms(node: Node) -> int:
    if isinstance(node, Word):
        return 1
    if isinstance(node, Phrase):
        return len(node.words)
    if isinstance(node, Alternatives):
        return sum(_terms(option) for option in node.options)
    if isinstance(node, Not):
        return _terms(node.item)
    return sum(_terms(item) for item in node.items)


def bound_terms(root: Node | None, max_terms: int) -> tuple[Node | None, bool]:
    """``root`` with at most ``max_terms`` terms (whole units kept from the start); and whether it was cut."""
    if root is None or _terms(root) <= max_terms:
        return root, False
    if not isinstance(root, Group):
        return None, True
    kept: list[Node] = []
    spent = 0
    for item in root.items:
        cost = _terms(item)
        if spent + cost > max_terms:
            if isinstance(item, Group) and max_terms - spent > 0:
                inner, _ = bound_terms(item, max_terms - spent)
                if inner is not None:
                    kept.append(inner)
            break
        kept.append(item)
        spent += cost
    return (replace(root, items=tuple(kept)) if kept else None), True
