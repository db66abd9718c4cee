"""Reading the text of an accepted PDF or Office file, with a budget that counts work.

A cap on output characters alone does not bound the work: a 5 KB PDF whose hundreds of pages all
point at one large compressed content stream yields little text but makes every page decode and
parse the whole stream again. So reading stops at ``max_pages`` pages visited, or once the
content-stream bytes parsed (summed over the pages visited, a shared stream counted each time)
pass ``max_content_bytes``; what was read so far is kept and the reason is reported. This module
is pure computation: ``sandbox.py`` runs it in a child process under CPU, memory and wall-clock
limits, which bound whatever this budget does not foresee.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from .office import OFFICE_MAIN_PARTS, office_text

_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Budget:
    max_pages: int = 500
    max_content_bytes: int = 4 * 1024 * 1024
    max_chars: int = 1_000_000


@dataclass(frozen=True)
class Extracted:
    text: str
    cut_short: str = ""  # why reading stopped before the end; empty when the whole text was read


class Unreadable(Exception):
    """The file's text cannot be read at all (encrypted, damaged); the message says why."""


def clean_text(parts: list[str], max_chars: int) -> str:
    text = _TEXT_CONTROLS.sub(" ", "\n".join(part for part in parts if part))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()[:max_chars]


def extract_text(data: bytes, kind: str, budget: Budget) -> Extracted:
    """The text of an accepted file of ``kind``. :raise Unreadable: no text can be read."""
    if kind == "pdf":
        return _pdf_text(data, budget)
    if kind in OFFICE_MAIN_PARTS:
        from ..errors import ValidationError

        try:
            parts = office_text(data, kind, "file", budget.max_chars)
        except ValidationError as error:
            raise Unreadable(str(error).replace("“file” ", "the file ")) from error
        return Extracted(clean_text(parts, budget.max_chars))
    return Extracted("")


def _stream_bytes(value: Any) -> int:
    """Decoded bytes of a content stream, or of an array of them."""
    from pypdf.generic import ArrayObject, StreamObject

    value = value.get_object() if value is not None else None
    if isinstance(value, ArrayObject):
        return sum(_stream_bytes(item) for item in value)
    if isinstance(value, StreamObject):
        return len(value.get_data())
    return 0


def _page_work(page: Any) -> int:
    """Bytes the text extractor will parse for ``page``: its content streams and form XObjects."""
    work = _stream_bytes(page.get("/Contents"))
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else {}
    for reference in xobjects.values() if hasattr(xobjects, "values") else ():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Form":
            work += _stream_bytes(xobject)
    return work


def _pdf_text(data: bytes, budget: Budget) -> Extracted:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Unreadable("it is encrypted")
        pages = reader.pages
        count = len(pages)
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - hostile PDFs make pypdf raise many kinds of error
        raise Unreadable("it could not be opened as a PDF") from error
    parts: list[str] = []
    chars = work = 0
    cut_short = ""
    for index in range(count):
        if index >= budget.max_pages:
            cut_short = f"only the first {budget.max_pages} of its {count} pages were read"
            break
        try:
            page = pages[index]
            work += _page_work(page)
            if work > budget.max_content_bytes:
                cut_short = f"its pages hold more content than the limit; {index} of {count} pages were read"
                break
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - a page whose text cannot be read still leaves the others
            continue
        parts.append(text)
        chars += len(text)
        if chars >= budget.max_chars:
            cut_short = f"its text is longer than the limit of {budget.max_chars:,} characters"
            break
    return Extracted(clean_text(parts, budget.max_chars), cut_short)
