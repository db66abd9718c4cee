"""Accepting or refusing one upload, by its name's extension AND by its bytes (docs/SECURITY.md 26-28).

Only PDF, DOCX, PPTX, XLSX, PNG and JPEG: a PDF starts with ``%PDF-`` and pypdf can open it; an
Office file is a ZIP holding ``[Content_Types].xml`` that declares the main part of its kind,
without macros (``office.py``); PNG and JPEG have their magic numbers and Pillow decodes them.
Images are re-encoded from their pixels, so EXIF (location, camera, author) and other metadata
are gone; the EXIF orientation is applied first so the picture stays upright. Anything else is
refused with a ``ValidationError`` that says why. Only cheap checks run here, in the request:
reading the text is slow work for the extraction job (``extraction.py``, ``sandbox.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import ValidationError
from .names import CONTENT_TYPES, display_name, kind_from_name, refuse_mismatch
from .office import OFFICE_MAIN_PARTS, check_office

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
TEXT_KINDS = frozenset({"pdf", *OFFICE_MAIN_PARTS})  # kinds whose text the extraction job reads


@dataclass(frozen=True)
class Inspected:
    kind: str
    display_name: str
    data: bytes  # what to store: the upload itself, or a re-encoded image

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def has_text(self) -> bool:
        return self.kind in TEXT_KINDS


def _kind_from_content(data: bytes) -> str | None:
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "zip"
    if data.startswith(_PNG_MAGIC):
        return "png"
    if data.startswith(_JPEG_MAGIC):
        return "jpg"
    return None


def check_pdf(data: bytes, name: str) -> None:
    """pypdf opens it and finds pages (reading the cross-reference table and page tree only)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return
        count = len(reader.pages)
    except Exception as error:  # noqa: BLE001 - hostile PDFs make pypdf raise many kinds of error
        raise ValidationError(f"“{name}” could not be read as a PDF; it may be damaged.") from error
    if count == 0:
        raise ValidationError(f"“{name}” is a PDF without pages.")


def _reencoded_image(data: bytes, kind: str, name: str) -> bytes:
    """Decode with Pillow and write the pixels afresh: no EXIF, no text chunks, no trailing data."""
    expected = {"png": "PNG", "jpg": "JPEG"}[kind]
    too_big = ValidationError(f"“{name}” has too many pixels; the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != expected:
                raise refuse_mismatch(name, kind)
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_big
            probe.verify()
    # Pillow's own bomb check: an error past twice its limit, a warning (an error where warnings
    # are errors, as in the tests) between; our smaller limit above catches the rest.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_big from error
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise refuse_mismatch(name, kind) from error
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            transparency = upright.info.get("transparency")
            clean = Image.new(upright.mode, upright.size)
            if upright.mode == "P":
                clean.putpalette(upright.getpalette() or [])
            clean.paste(upright)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise refuse_mismatch(name, kind) from error
    out = io.BytesIO()
    if kind == "png":
        options: dict[str, Any] = {"transparency": transparency} if transparency is not None else {}
        clean.save(out, "PNG", **options)
    else:
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=90)
    return out.getvalue()


def inspect_upload(data: bytes, original_name: str) -> Inspected:
    """Decide whether ``data`` named ``original_name`` is accepted, and what to store.

    :raise ValidationError: refused, with a message for the person uploading.
    """
    name = display_name(original_name)
    if not data:
        raise ValidationError(f"“{name}” is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"“{name}” is larger than the limit of {MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file.")
    kind = kind_from_name(original_name)
    name = display_name(original_name, kind)
    content_kind = _kind_from_content(data)
    office = kind in OFFICE_MAIN_PARTS
    if content_kind is None or (content_kind == "zip") != office or (not office and content_kind != kind):
        raise refuse_mismatch(name, kind)
    if kind == "pdf":
        check_pdf(data, name)
        return Inspected(kind, name, data)
    if office:
        check_office(data, kind, name)
        return Inspected(kind, name, data)
    return Inspected(kind, name, _reencoded_image(data, kind, name))
