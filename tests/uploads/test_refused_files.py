"""Refused uploads (docs/SECURITY.md 26-28): each with a clear message, and nothing stored."""

from __future__ import annotations

import struct
import zipfile
import zlib

import pytest

from app.errors import ValidationError
from app.uploads import MAX_UPLOAD_BYTES, accept_upload, inspect_upload

from . import files
from .files import Upload

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(data, name)
    return caught.value.message


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.pdf", HTML, "its content is not a PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + HTML, "its content is not a PNG image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + HTML, "its content is not a JPEG image"),
        ("photo.png", files.jpeg(), "its content is not a PNG image"),
        ("report.pdf", b"%PDF-1.7\n" + HTML, "could not be read as a PDF"),
        ("report.docx", files.pdf(), "its content is not a Word document"),
        ("report.pdf", files.docx(), "its content is not a PDF"),
        ("report.xlsx", files.docx(), "its content is not an Excel workbook"),
        ("report.docx", b"PK\x03\x04" + b"\x00" * 200, "could not be read as a Word document"),
        ("x.pdf.exe", files.pdf(), "not an accepted type (.exe)"),
        ("x.php%00.pdf", files.pdf(), "null byte"),
        ("x.php\x00.pdf", files.pdf(), "null byte"),
        ("x.php.pdf", files.pdf(), "second extension (.php)"),
        ("x.html", HTML, "not an accepted type (.html)"),
        ("x.svg", b"<svg onload=alert(1)/>", "not an accepted type (.svg)"),
        ("README", files.pdf(), "has no file extension"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_file_is_refused_with_a_reason(name, data, says):
    assert says in _refused(data, name)


def test_file_over_the_limit_is_refused():
    assert "larger than the limit of 20 MB" in _refused(b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, "big.pdf")


def test_refused_upload_leaves_nothing_stored(tmp_path):
    with pytest.raises(ValidationError):
        accept_upload(Upload("report.pdf", HTML), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_refused_with_a_field_message(tmp_path):
    with pytest.raises(ValidationError) as caught:
        accept_upload(Upload("", b""), tmp_path)
    assert caught.value.fields == {"file": ["Choose a file to upload."]}


# --- ZIP: bounded from the directory, before any member is read --------------------------


def _refused_unread(monkeypatch, data: bytes, name: str) -> str:
    """Like ``_refused``, failing if any ZIP member is opened: the limits come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("a ZIP member was read before the archive was bounded")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    return _refused(data, name)


def test_zip_bomb_is_refused_before_anything_is_decompressed(monkeypatch):
    bomb = files.zip_bomb(64 * 1024 * 1024)
    assert len(bomb) < 200_000
    assert "zip bomb" in _refused_unread(monkeypatch, bomb, "bomb.docx")


def test_archive_expanding_past_the_total_limit_is_refused(monkeypatch):
    parts: dict[str, str | bytes] = dict(files.docx_parts())
    for n in range(101):
        parts[f"word/media/blank{n}.bin"] = b"\x00" * (1024 * 1024)  # 1 MB each: under the ratio floor
    assert "more than 100 MB" in _refused_unread(monkeypatch, files.zipped(parts), "big.docx")


def test_archive_with_too_many_entries_is_refused(monkeypatch):
    parts: dict[str, str | bytes] = dict(files.docx_parts())
    for n in range(1001):
        parts[f"word/x{n}.xml"] = ""
    assert "at most 1,000 are accepted" in _refused_unread(monkeypatch, files.zipped(parts), "many.docx")


def test_archive_that_lies_about_its_sizes_is_refused():
    """A directory claiming a small member that really inflates far bigger is cut at the claim."""
    honest = files.zipped(
        {**files.docx_parts(), "word/document.xml": b"<w:document>" + b" " * 5_000_000 + b"</w:document>"}
    )
    forged = honest.replace(struct.pack("<I", 5_000_025), struct.pack("<I", 1000))
    assert forged != honest
    message = _refused(forged, "liar.docx")
    assert "could not be read" in message or "damaged" in message


def test_encrypted_archive_is_refused(monkeypatch):
    locked = files.set_encrypted_flag(files.docx())
    assert "encrypted" in _refused_unread(monkeypatch, locked, "secret.docx")


def test_macro_document_is_refused():
    parts: dict[str, str | bytes] = {**files.docx_parts(), "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}
    assert "macros" in _refused(files.zipped(parts), "macro.docx")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f"<w:document {files.W}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {files.W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    "document", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["entity-expansion", "external-entity"]
)
def test_xml_with_entity_declarations_is_refused(document):
    parts = {**files.docx_parts(), "word/document.xml": document}
    assert "DOCTYPE or ENTITY" in _refused(files.zipped(parts), "laughs.docx")


def test_utf16_xml_that_could_hide_a_doctype_is_refused():
    parts: dict[str, str | bytes] = {**files.docx_parts()}
    parts["word/document.xml"] = BILLION_LAUGHS.replace('<?xml version="1.0"?>', "").encode("utf-16")
    assert "unexpected encoding" in _refused(files.zipped(parts), "sneaky.docx")


def test_damaged_xml_is_refused():
    parts = {**files.docx_parts(), "word/document.xml": "<w:document><unclosed>"}
    assert "damaged" in _refused(files.zipped(parts), "broken.docx")


# --- Images ---------------------------------------------------------------------------------


def _png_with_size(width: int, height: int) -> bytes:
    data = bytearray(files.png(size=(1, 1), with_exif=False, mode="RGB"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize("side", [7_000, 10_000, 30_000])  # past our limit, Pillow's warning, Pillow's error
def test_image_with_too_many_pixels_is_refused_before_decoding(side):
    assert "megapixels" in _refused(_png_with_size(side, side), "huge.png")


def test_truncated_image_is_refused():
    assert "its content is not a PNG image" in _refused(files.png(with_exif=False)[:60], "cut.png")
