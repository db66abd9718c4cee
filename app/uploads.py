"""Uploaded files: accept or refuse one, store it, describe it, and serve it back safely.

One promise per rule (docs/SECURITY.md 26-30):

- Only PDF, DOCX, PPTX, XLSX, PNG and JPEG, judged by the file name's extension AND by the bytes:
  a PDF starts with ``%PDF-`` and pypdf can open it; an Office file is a ZIP holding
  ``[Content_Types].xml`` that declares the main part of its kind (``word/document.xml``,
  ``ppt/presentation.xml``, ``xl/workbook.xml``), without macros; PNG and JPEG have their magic
  numbers and Pillow decodes them. Anything else is refused with a ``ValidationError`` that says why.
- ZIP archives are measured from their directory before any member is read: entry count, total
  uncompressed size and per-member compression ratio are bounded (zip bombs). Members are read
  with a cap, and XML with a DTD or entity declaration is refused (entity expansion).
- At most ``MAX_UPLOAD_BYTES`` per file.
- Stored in ``UPLOAD_DIR`` (never under static) as ``<32 random hex digits>.<ext>``; the name the
  user gave is kept only as display metadata, cleaned of paths, controls, bidi overrides and
  excess length. Nothing from the user ever reaches a file-system path.
- Images are re-encoded from their pixels, so EXIF (location, camera, author) and other
  metadata are gone; the EXIF orientation is applied first so the picture stays upright.
- Text is extracted from PDF (pypdf) and Office XML for search, capped at ``MAX_TEXT_CHARS``.
- Downloads are ``Content-Disposition: attachment`` with an RFC 6266/5987 file name, the stored
  type, ``X-Content-Type-Options: nosniff`` and ``Content-Security-Policy: sandbox``.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote
from xml.etree import ElementTree

from flask import Response, current_app, send_file
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session

from .errors import NotFound, ValidationError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100  # uncompressed / compressed, for any member larger than ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1024 * 1024
MAX_XML_PART_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_PDF_PAGES_READ = 500
MAX_TEXT_CHARS = 1_000_000
MAX_NAME_CHARS = 200

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}
EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "pptx": "pptx",
    "xlsx": "xlsx",
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
}
KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "pptx": "a PowerPoint presentation",
    "xlsx": "an Excel workbook",
    "png": "a PNG image",
    "jpg": "a JPEG image",
}
ALLOWED_DESCRIPTION = "PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG or JPEG"

# The part each Office kind must have, and the content type [Content_Types].xml must give it.
OFFICE_MAIN_PARTS = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
# Script or program extensions refused anywhere in a name (``report.php.pdf``), whatever the last one.
RISKY_INNER_EXTENSIONS = frozenset(
    "asp aspx bat cgi cmd com cpl dll exe hta htm html jar js jse jsp lnk msi php php3 php4 php5 "
    "phtml pl ps1 py rb scr sh svg vb vbe vbs wsf xhtml".split()
)
STORED_NAME = re.compile(r"[0-9a-f]{32}\.(?:pdf|docx|pptx|xlsx|png|jpg)")

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ENCODED_CONTROL = re.compile(r"%[01][0-9a-f]|%7f", re.IGNORECASE)
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d")  # joiners some scripts need
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')
_XML_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class StoredFile:
    stored_name: str  # the generated file name in UPLOAD_DIR
    original_name: str  # the user's name, cleaned for display; never a path
    content_type: str
    size: int  # bytes stored (after re-encoding images)
    extracted_text: str
    kind: str  # pdf, docx, pptx, xlsx, png or jpg


@dataclass(frozen=True)
class Inspected:
    kind: str
    display_name: str
    data: bytes  # what to store: the upload itself, or a re-encoded image
    extracted_text: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


# --- Names ---------------------------------------------------------------------------------


def display_name(raw: str, kind: str | None = None) -> str:
    """The user's file name made safe to show and to offer back in a download.

    Path parts, NUL and other controls, bidi overrides (U+202E …), Windows-reserved characters,
    leading dots and excess length are removed; it is never used to build a path.
    """
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if char in "\t\n\r\x0b\x0c":
            kept.append(" ")
            continue
        if char in _BIDI_CONTROLS or category in ("Cc", "Cs", "Co", "Cn"):
            continue
        if category == "Cf" and char not in _KEPT_FORMAT_CHARACTERS:
            continue
        kept.append(" " if category in ("Zl", "Zp", "Zs") else char)
    name = _WINDOWS_RESERVED.sub("_", " ".join("".join(kept).split())).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if kind and extension.lower() not in {ext for ext, k in EXTENSIONS.items() if k == kind}:
        stem, extension = name, kind
    extension = extension[:10]
    room = MAX_NAME_CHARS - len(extension) - 1
    while len(stem[:room].encode("utf-8")) + len(extension) + 1 > 250:
        room -= 1
    stem = stem[:room].rstrip(" .")
    if not stem:
        stem = "attachment"
    return f"{stem}.{extension}" if extension else stem


def _kind_from_name(raw: str) -> str:
    if "\x00" in raw or _ENCODED_CONTROL.search(raw):
        raise ValidationError(
            "The file name contains a null byte or an encoded control character. "
            "Rename the file and try again."
        )
    name = display_name(raw)
    parts = name.lower().split(".")
    if len(parts) < 2:
        raise ValidationError(f"“{name}” has no file extension. Upload a {ALLOWED_DESCRIPTION} file.")
    extension = parts[-1]
    if extension not in EXTENSIONS:
        raise ValidationError(
            f"“{name}” is not an accepted type (.{extension}). Upload a {ALLOWED_DESCRIPTION} file."
        )
    risky = [part for part in parts[1:-1] if part in RISKY_INNER_EXTENSIONS]
    if risky:
        raise ValidationError(
            f"“{name}” has a second extension (.{risky[0]}) that is not accepted. Rename the file."
        )
    return EXTENSIONS[extension]


# --- Content -------------------------------------------------------------------------------


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


def _refuse_mismatch(name: str, kind: str) -> ValidationError:
    return ValidationError(
        f"“{name}” is named like {KIND_NAMES[kind]}, but its content is not {KIND_NAMES[kind]}."
    )


def _clean_text(parts: list[str]) -> str:
    text = _TEXT_CONTROLS.sub(" ", "\n".join(part for part in parts if part))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return ""
        pages = reader.pages
        count = len(pages)
    except Exception as error:  # noqa: BLE001 - hostile PDFs make pypdf raise many kinds of error
        raise ValidationError(f"“{name}” could not be read as a PDF; it may be damaged.") from error
    if count == 0:
        raise ValidationError(f"“{name}” is a PDF without pages.")
    parts: list[str] = []
    total = 0
    for index in range(min(count, MAX_PDF_PAGES_READ)):
        try:
            text = pages[index].extract_text() or ""
        except Exception:  # noqa: BLE001 - a page whose text cannot be read still leaves a valid file
            continue
        parts.append(text)
        total += len(text)
        if total >= MAX_TEXT_CHARS:
            break
    return _clean_text(parts)


def _check_zip_directory(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """Bound the archive from its directory alone, before any member is decompressed."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError(
            f"“{name}” holds {len(infos):,} files; at most {MAX_ZIP_ENTRIES:,} are accepted."
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ValidationError(
            f"“{name}” would expand to more than {MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MB."
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(f"“{name}” is encrypted; upload an unprotected copy.")
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ValidationError(
                f"“{name}” is compressed suspiciously well (a possible zip bomb) and was refused."
            )
    return infos


def _read_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    with archive.open(info) as member:
        data = member.read(MAX_XML_PART_BYTES + 1)
    if len(data) > MAX_XML_PART_BYTES:
        raise ValidationError(f"“{name}” has a part larger than the limit.")
    # Office writes UTF-8; refusing UTF-16 keeps the declaration check below honest.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:1024]:
        raise ValidationError(f"“{name}” has a part in an unexpected encoding and was refused.")
    if _XML_DECLARATIONS.search(data):
        raise ValidationError(
            f"“{name}” contains XML declarations (DOCTYPE or ENTITY) that are not accepted."
        )
    return data


def _xml_text(data: bytes, name: str) -> list[str]:
    """Text of the ``t`` elements (w:t, a:t, a shared string's t), one line per paragraph."""
    parts: list[str] = []
    line: list[str] = []
    try:
        for _, element in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
            local = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
            if local == "t" and element.text:
                line.append(element.text)
            elif local in ("tab", "br"):
                line.append(" ")
            elif local in ("p", "si") and line:
                parts.append("".join(line))
                line = []
            element.clear()
    except ElementTree.ParseError as error:
        raise ValidationError(f"“{name}” has a damaged part and could not be read.") from error
    if line:
        parts.append("".join(line))
    return parts


def _slide_number(info: zipfile.ZipInfo) -> int:
    digits = re.findall(r"\d+", info.filename.rsplit("/", 1)[-1])
    return int(digits[0]) if digits else 0


def _office(data: bytes, kind: str, name: str) -> str:
    """Validate an Office file of ``kind`` and return its text."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = _check_zip_directory(archive, name)
            by_name = {info.filename: info for info in infos}
            if "[Content_Types].xml" not in by_name or OFFICE_MAIN_PARTS[kind][0] not in by_name:
                raise _refuse_mismatch(name, kind)
            if any(info.filename.lower().endswith("vbaproject.bin") for info in infos):
                raise ValidationError(f"“{name}” contains macros; upload a copy saved without macros.")
            types = _read_xml(archive, by_name["[Content_Types].xml"], name)
            if OFFICE_MAIN_PARTS[kind][1].encode() not in types:
                raise _refuse_mismatch(name, kind)
            if kind == "docx":
                text_parts = [by_name["word/document.xml"]]
            elif kind == "pptx":
                slides = [i for i in infos if re.fullmatch(r"ppt/slides/slide\d+\.xml", i.filename)]
                text_parts = sorted(slides, key=_slide_number)
            else:
                text_parts = [by_name["xl/sharedStrings.xml"]] if "xl/sharedStrings.xml" in by_name else []
            parts: list[str] = []
            for info in text_parts:
                parts.extend(_xml_text(_read_xml(archive, info, name), name))
                if sum(len(p) for p in parts) >= MAX_TEXT_CHARS:
                    break
            return _clean_text(parts)
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        EOFError,
        OSError,
        RuntimeError,
    ) as error:
        raise ValidationError(
            f"“{name}” could not be read as {KIND_NAMES[kind]}; it may be damaged."
        ) from error


def _reencoded_image(data: bytes, kind: str, name: str) -> bytes:
    """Decode with Pillow and write the pixels afresh: no EXIF, no text chunks, no trailing data."""
    expected = {"png": "PNG", "jpg": "JPEG"}[kind]
    too_big = ValidationError(
        f"“{name}” has too many pixels; the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels."
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != expected:
                raise _refuse_mismatch(name, kind)
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
        raise _refuse_mismatch(name, kind) from error
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
        raise _refuse_mismatch(name, kind) from error
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
        raise ValidationError(
            f"“{name}” is larger than the limit of {MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file."
        )
    kind = _kind_from_name(original_name)
    name = display_name(original_name, kind)
    content_kind = _kind_from_content(data)
    office = kind in OFFICE_MAIN_PARTS
    if content_kind is None or (content_kind == "zip") != office or (not office and content_kind != kind):
        raise _refuse_mismatch(name, kind)
    if kind == "pdf":
        return Inspected(kind, name, data, _pdf_text(data, name))
    if office:
        return Inspected(kind, name, data, _office(data, kind, name))
    return Inspected(kind, name, _reencoded_image(data, kind, name), "")


# --- Storage -------------------------------------------------------------------------------


def configured_upload_dir() -> Path:
    """``UPLOAD_DIR`` from the configuration; refuses a folder the static route would serve."""
    folder = Path(current_app.config["UPLOAD_DIR"]).resolve()
    static = Path(current_app.static_folder or "").resolve()
    if current_app.static_folder and (folder == static or static in folder.parents):
        raise RuntimeError("UPLOAD_DIR must not be inside the static folder.")
    return folder


def stored_path(upload_dir: str | os.PathLike[str], stored_name: str) -> Path:
    """The path of a stored file. Only generated names are accepted, so no path can be steered."""
    if not STORED_NAME.fullmatch(stored_name or ""):
        raise NotFound()
    return Path(upload_dir) / stored_name


def _read_upload(file_storage: Any) -> tuple[bytes, str]:
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise ValidationError("Choose a file to upload.", fields={"file": ["Choose a file to upload."]})
    stream = getattr(file_storage, "stream", file_storage)
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    return data, file_storage.filename


def accept_upload(file_storage: Any, upload_dir: str | os.PathLike[str]) -> StoredFile:
    """Check an uploaded file (``werkzeug.FileStorage`` or anything with ``filename`` and
    ``stream``) and store it under a generated name in ``upload_dir``.

    :raise ValidationError: the file is refused; the message says why.
    """
    data, original_name = _read_upload(file_storage)
    inspected = inspect_upload(data, original_name)
    folder = Path(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{inspected.kind}"
    target = stored_path(folder, stored_name)
    partial = target.with_name(target.name + ".part")
    with open(partial, "xb") as handle:
        handle.write(inspected.data)
    os.replace(partial, target)
    return StoredFile(
        stored_name=stored_name,
        original_name=inspected.display_name,
        content_type=inspected.content_type,
        size=len(inspected.data),
        extracted_text=inspected.extracted_text,
        kind=inspected.kind,
    )


def save_upload(file_storage: Any) -> StoredFile:
    """``accept_upload`` into ``UPLOAD_DIR``, tied to the current transaction: the file is removed
    again if the transaction (or the savepoint it was stored in) rolls back or ends uncommitted."""
    folder = configured_upload_dir()
    stored = accept_upload(file_storage, folder)
    _remember(_STORED_KEY, folder, stored.stored_name)
    return stored


def open_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> BinaryIO:
    """Open a stored file for reading. :raise NotFound: no such stored file."""
    try:
        return open(stored_path(upload_dir, stored_name), "rb")
    except FileNotFoundError as error:
        raise NotFound() from error


def delete_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> bool:
    """Remove a stored file now; False when it was already gone."""
    try:
        stored_path(upload_dir, stored_name).unlink()
    except FileNotFoundError:
        return False
    return True


def delete_after_commit(stored_name: str) -> None:
    """Remove a stored file once the current transaction commits (kept if it rolls back)."""
    _remember(_DELETE_KEY, configured_upload_dir(), stored_name)


# Files stored or to delete are tied to the innermost transaction at the time, in ``Session.info``.
_STORED_KEY = "uploads.stored_in_transaction"
_DELETE_KEY = "uploads.delete_after_commit"


def _remember(key: str, folder: Path, stored_name: str) -> None:
    from .extensions import db

    session = db.session()
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(key, []).append((transaction, folder, stored_name))


def _within(transaction: Any, ancestor: Any) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint released: its files now belong to the enclosing transaction
    session.info.pop(_STORED_KEY, None)
    for _, folder, name in session.info.pop(_DELETE_KEY, []):
        delete_stored(folder, name)


@event.listens_for(Session, "after_soft_rollback")
def _after_soft_rollback(session: Session, previous_transaction: Any) -> None:
    for key in (_STORED_KEY, _DELETE_KEY):
        entries = session.info.get(key)
        if not entries:
            continue
        undone = [entry for entry in entries if _within(entry[0], previous_transaction)]
        session.info[key] = [entry for entry in entries if entry not in undone]
        if key == _STORED_KEY:
            for _, folder, name in undone:
                delete_stored(folder, name)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(_DELETE_KEY, None)
    for _, folder, name in session.info.pop(_STORED_KEY, []):  # ended without a commit
        delete_stored(folder, name)


# --- Downloads -----------------------------------------------------------------------------


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9()\- ]+", "_", folded).strip(" _")


def _ascii_fallback(name: str) -> str:
    """A plain-ASCII name for old clients: letters, digits, spaces, ``()-_`` and one dot."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem, extension = _ascii(stem) or "attachment", _ascii(extension)
    return f"{stem}.{extension}" if extension else stem


def download_headers(original_name: str, content_type: str) -> dict[str, str]:
    """Headers for sending a stored file back: always a download, never rendered by the browser."""
    name = display_name(original_name)
    if content_type not in CONTENT_TYPES.values():
        content_type = "application/octet-stream"
    disposition = f"attachment; filename=\"{_ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    return {
        "Content-Type": content_type,
        "Content-Disposition": disposition,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def download_response(stored: Any) -> Response:
    """A response that sends a stored file (anything with ``stored_name``, ``original_name`` and
    ``content_type``, such as an ``Attachment``). The caller has already checked permission.

    :raise NotFound: the file is not in ``UPLOAD_DIR``.
    """
    path = stored_path(configured_upload_dir(), stored.stored_name)
    if not path.is_file():
        raise NotFound()
    headers = download_headers(stored.original_name, stored.content_type)
    response = send_file(path, mimetype=headers["Content-Type"], conditional=True, max_age=0)
    response.headers.update(headers)
    return response
