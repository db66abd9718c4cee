"""Office Open XML files (DOCX, PPTX, XLSX): bounded before anything is decompressed.

ZIP archives are measured from their directory before any member is read: entry count, total
uncompressed size and per-member compression ratio are bounded (zip bombs). Members are read
with a cap, and XML with a DTD or entity declaration is refused (entity expansion). The request
checks the structure (:func:`check_office`); the text is read later, by the extraction job
(:func:`office_text`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree import ElementTree

from ..errors import ValidationError
from .names import KIND_NAMES, refuse_mismatch

MAX_ZIP_ENTRIES = 1000
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100  # uncompressed / compressed, for any member larger than ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1024 * 1024
MAX_XML_PART_BYTES = 20 * 1024 * 1024

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

_XML_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_zip_directory(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """Bound the archive from its directory alone, before any member is decompressed."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ValidationError(f"“{name}” holds {len(infos):,} files; at most {MAX_ZIP_ENTRIES:,} are accepted.")
    total = sum(info.file_size for info in infos)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ValidationError(f"“{name}” would expand to more than {MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MB.")
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(f"“{name}” is encrypted; upload an unprotected copy.")
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ValidationError(f"“{name}” is compressed suspiciously well (a possible zip bomb) and was refused.")
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
        raise ValidationError(f"“{name}” contains XML declarations (DOCTYPE or ENTITY) that are not accepted.")
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


@contextmanager
def _opened(data: bytes, kind: str, name: str) -> Iterator[tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]]:
    """The checked archive and its members by name; damage becomes a ``ValidationError``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = _check_zip_directory(archive, name)
            yield archive, {info.filename: info for info in infos}
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
        raise ValidationError(f"“{name}” could not be read as {KIND_NAMES[kind]}; it may be damaged.") from error


def _text_parts(by_name: dict[str, zipfile.ZipInfo], kind: str) -> list[zipfile.ZipInfo]:
    """The members that hold the text: the document, the slides in order, or the shared strings."""
    if kind == "docx":
        return [by_name["word/document.xml"]]
    if kind == "pptx":
        slides = [i for i in by_name.values() if re.fullmatch(r"ppt/slides/slide\d+\.xml", i.filename)]
        return sorted(slides, key=_slide_number)
    return [by_name["xl/sharedStrings.xml"]] if "xl/sharedStrings.xml" in by_name else []


def check_office(data: bytes, kind: str, name: str) -> None:
    """Refuse an Office file of ``kind`` that is not one, is too big unpacked, or carries macros.

    The parts holding text are decompressed (bounded, checksummed) and screened for declarations
    here; parsing them is left to the extraction job.
    """
    with _opened(data, kind, name) as (archive, by_name):
        if "[Content_Types].xml" not in by_name or OFFICE_MAIN_PARTS[kind][0] not in by_name:
            raise refuse_mismatch(name, kind)
        if any(filename.lower().endswith("vbaproject.bin") for filename in by_name):
            raise ValidationError(f"“{name}” contains macros; upload a copy saved without macros.")
        types = _read_xml(archive, by_name["[Content_Types].xml"], name)
        if OFFICE_MAIN_PARTS[kind][1].encode() not in types:
            raise refuse_mismatch(name, kind)
        for info in _text_parts(by_name, kind):
            _read_xml(archive, info, name)


def office_text(data: bytes, kind: str, name: str, max_chars: int) -> list[str]:
    """The text paragraphs of an accepted Office file, stopping after about ``max_chars``."""
    with _opened(data, kind, name) as (archive, by_name):
        parts: list[str] = []
        for info in _text_parts(by_name, kind):
            parts.extend(_xml_text(_read_xml(archive, info, name), name))
            if sum(len(p) for p in parts) >= max_chars:
                break
        return parts
