"""Writing the Whoosh index: documents as index fields, outbox changes, and the offline rebuild."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.index import Index
from whoosh.writing import MERGE_SMALL, NO_MERGE

from . import docvalues
from .documents import SearchDocument
from .schema import FIELD_WEIGHTS, SNIPPET_SOURCE_CHARS, WeightedText


class Codec(W3Codec):
    """Whoosh's W3 codec, with field-length readers that remember a field has none.

    Writing a segment asks each posting's document length; for a field without lengths (``pairs``,
    ``tag``, ``id``) W3 looks for the missing column file again every time: an ``os.stat`` per
    posting, a tenth of a rebuild's CPU time.
    """

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _PerDocReader(storage, segment)


class _PerDocReader(W3PerDocReader):
    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


# Segments as separate files (not one compound file, which every process would copy into memory)
# and postings compressed at zlib's fastest level (half the size of uncompressed postings, for a
# few per cent of indexing time; ranking reads each term's postings once per segment).
WRITER_OPTIONS = {"compound": False, "codec": Codec(compression=1)}
# Syncs merge segments smaller than this, never larger ones.
LARGE_SEGMENT = 5000
# The offline rebuild only: two indexing processes, each writing its own segment (no final merge).
REBUILD_OPTIONS = {**WRITER_OPTIONS, "procs": 2, "multisegment": True, "limitmb": 1024, "batchsize": 200}


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's ``MERGE_SMALL``, among segments under ``LARGE_SEGMENT`` documents only: a sync
    folds its small segments together but never rewrites a rebuild's (merging two 50,000-document
    segments takes minutes in one process, for no faster search)."""
    large = [segment for segment in segments if segment.doc_count_all() >= LARGE_SEGMENT]
    small = [segment for segment in segments if segment.doc_count_all() < LARGE_SEGMENT]
    return large + MERGE_SMALL(writer, small)


def apply(index: Index, upserts: Iterable[SearchDocument], deletes: Iterable[str], *, into_build: bool) -> None:
    """One commit: ``deletes`` removed, ``upserts`` replaced or added.

    Into a rebuild not yet live (``into_build``) the changes get a segment of their own beside
    the freshly built ones, with no merge at all.
    """
    writer = index.writer(**WRITER_OPTIONS)
    try:
        for key in deletes:
            writer.delete_by_term("id", key)
        for doc in upserts:
            writer.update_document(**index_fields(doc))
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=NO_MERGE if into_build else merge_small_segments)


def build(index: Index, documents: Iterable[SearchDocument], progress: Callable[[int], None]) -> None:
    writer = index.writer(**REBUILD_OPTIONS)
    try:
        for doc in documents:
            writer.add_document(**index_fields(doc))
            progress(1)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def index_fields(doc: SearchDocument) -> dict[str, Any]:
    org_name = doc.org[1] if doc.org else ""
    keywords = " ; ".join(
        [*doc.tags, *(name for _, name in doc.topics), *(name for _, name in doc.platforms), *doc.keywords]
    )
    parts = {
        "title": doc.title,
        "keywords": keywords,
        "summary": doc.summary,
        "org_name": org_name,
        "body": doc.body,
        "replies": doc.replies,
        "attachments": doc.attachments,
    }
    weighted = [(text, FIELD_WEIGHTS[name]) for name, text in parts.items() if text]
    # Attachment text (last) is not searched for quoted phrases: long, and mostly noise.
    content = WeightedText(weighted, phrase_parts=len(weighted) - (1 if doc.attachments else 0))
    return {
        "id": doc.id,
        "type": doc.type,
        "content": content,
        "pairs": content,
        "words": " ".join((doc.title, doc.summary, keywords, org_name)),
        "tag": ",".join(doc.tags),
        "title": doc.title,
        "url": doc.url,
        "label": doc.label,
        "excerpt": (doc.summary, doc.body[:SNIPPET_SOURCE_CHARS], doc.replies[: SNIPPET_SOURCE_CHARS // 2]),
        "facets": docvalues.encode(doc),
        "meta": docvalues.encode_meta(doc),
    }
