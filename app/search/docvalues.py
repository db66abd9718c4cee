"""The per-document values behind filters, facets and sorting, packed into one index column.

One short string per document ("resource", "public", "guide", organisation, year, timestamp,
topics) is read once per segment and turned into bitmaps, so filtering and counting facets is
integer arithmetic instead of a walk over stored documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from .documents import SearchDocument

SEP = "\x1f"
LIST_SEP = "\x1e"
PAIR_SEP = "\x1d"
DIMENSIONS = ("type", "audience", "kind", "org", "year", "topic")


def _pair(item: str) -> tuple[str, str]:
    """``slug<PAIR_SEP>name`` as (slug, name)."""
    slug, name = item.split(PAIR_SEP, 1)
    return slug, name


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch not in (SEP, LIST_SEP, PAIR_SEP))


def encode(doc: SearchDocument) -> bytes:
    org_slug, org_name = doc.org or ("", "")
    stamp = int(doc.date.timestamp()) if doc.date else 0
    year = str(doc.date.year) if doc.date else ""
    topics = LIST_SEP.join(f"{_clean(slug)}{PAIR_SEP}{_clean(name)}" for slug, name in doc.topics)
    parts = (doc.type, doc.audience, doc.kind, _clean(org_slug), _clean(org_name), year, str(stamp), topics)
    return SEP.join(parts).encode("utf-8")


@dataclass(frozen=True)
class DocValues:
    type: str
    audience: str
    kind: str
    org: str
    org_name: str
    year: str
    stamp: int
    topics: tuple[tuple[str, str], ...]


EMPTY = DocValues("", "", "", "", "", "", 0, ())


def decode(raw: bytes | None) -> DocValues:
    if not raw:
        return EMPTY
    try:
        kind, audience, doc_kind, org, org_name, year, stamp, topics = raw.decode("utf-8").split(SEP)
        pairs = tuple(_pair(item) for item in topics.split(LIST_SEP) if PAIR_SEP in item)
        return DocValues(kind, audience, doc_kind, org, org_name, year, int(stamp or 0), pairs)
    except ValueError:
        return EMPTY


def encode_meta(doc: SearchDocument) -> bytes:
    return f"{doc.id}{SEP}{doc.digest}".encode()


def decode_meta(raw: bytes | None) -> tuple[str, str]:
    key, _, digest = (raw or b"").decode("utf-8", "replace").partition(SEP)
    return key, digest
