"""Unique slugs against the database: the one loop every domain uses for its URLs.

A *source* is a ``select()`` of one slug column, already narrowed to the rows that count (for an
edit, every row but the object's own). The prefix filter is added here, so each call reads only
the slugs that could clash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, or_

from .extensions import db
from .text import next_free, slugify

_CHUNK = 200  # LIKE alternatives per statement


def unique_slug(
    text: str,
    *sources: Select[str],
    max_length: int = 80,
    fallback: str = "item",
    reserved: Iterable[str] = (),
) -> str:
    """A slug of ``text`` that no source holds and that is not ``reserved``."""
    return unique_slugs([text], *sources, max_length=max_length, fallback=fallback, reserved=reserved)[0]


def unique_slugs(
    texts: Sequence[str],
    *sources: Select[str],
    max_length: int = 80,
    fallback: str = "item",
    reserved: Iterable[str] = (),
) -> list[str]:
    """One slug per text, unique against the sources, ``reserved`` and each other.

    Reads the exact bases first and the numbered variants (``base-N``) only of bases already
    taken, so a batch of ten thousand titles costs a handful of statements.
    """
    bases = [slugify(text, max_length=max_length, fallback=fallback) for text in texts]
    distinct = set(bases)
    taken = set(reserved)
    if distinct:
        for source in sources:
            column = source.selected_columns[0]
            taken |= set(db.session.execute(source.where(column.in_(distinct))).scalars())
    counts = Counter(bases)
    crowded = sorted(base for base in distinct if base in taken or counts[base] > 1)
    for start in range(0, len(crowded), _CHUNK):
        chunk = crowded[start : start + _CHUNK]
        for source in sources:
            column = source.selected_columns[0]
            variants = or_(*(column.like(f"{base}-%") for base in chunk))
            taken |= set(db.session.execute(source.where(variants)).scalars())
    slugs: list[str] = []
    for base in bases:
        slug = next_free(base, taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs
