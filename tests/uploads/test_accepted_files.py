"""Accepted uploads: each allowed type is stored under a generated name and described."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from app.uploads import MAX_UPLOAD_BYTES, STORED_NAME, accept_upload, inspect_upload
from app.uploads.extraction import Budget, extract_text

from . import files
from .files import Upload


def test_pdf_is_stored_unchanged_with_its_text(tmp_path):
    data = files.pdf(["Crisis playbook (2026)", "Call the on-call lead first"])
    stored = accept_upload(Upload("Crisis playbook.pdf", data), tmp_path)
    assert stored.content_type == "application/pdf"
    assert stored.original_name == "Crisis playbook.pdf"
    assert stored.has_text
    assert extract_text(data, "pdf", Budget()).text == "Crisis playbook (2026)\nCall the on-call lead first"
    assert STORED_NAME.fullmatch(stored.stored_name)
    assert (tmp_path / stored.stored_name).read_bytes() == data
    assert stored.size == len(data)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "text"),
    [
        (
            "Policy.docx",
            files.docx(["Social media policy", "Never post patient photos without consent"]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Social media policy\nNever post patient photos without consent",
        ),
        (
            "Deck.pptx",
            files.pptx([f"Slide {n}" for n in range(1, 12)]),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "\n".join(f"Slide {n}" for n in range(1, 12)),
        ),
        (
            "Metrics.xlsx",
            files.xlsx(["Platform", "Reach", "LinkedIn"]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Platform\nReach\nLinkedIn",
        ),
    ],
    ids=["docx", "pptx", "xlsx"],
)
def test_office_files_are_stored_with_their_text(tmp_path, name, data, content_type, text):
    stored = accept_upload(Upload(name, data), tmp_path)
    assert stored.content_type == content_type
    assert stored.has_text
    assert extract_text(data, stored.kind, Budget()).text == text
    assert (tmp_path / stored.stored_name).read_bytes() == data


def test_extracted_text_is_capped(tmp_path):
    words = random.Random(3).choices(["consent", "patient", "policy", "reach", "crisis", "staff", "post"], k=220_000)
    paragraphs = [" ".join(words[n : n + 1000]) for n in range(0, len(words), 1000)]  # 1.5 million characters
    extracted = extract_text(files.docx(paragraphs), "docx", Budget(max_chars=1_000_000))
    assert 900_000 < len(extracted.text) <= 1_000_000


def _exif_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())


def test_jpeg_loses_its_exif(tmp_path):
    data = files.jpeg()
    assert _exif_of(data)  # the test file really carries EXIF
    stored = accept_upload(Upload("ward.jpg", data), tmp_path)
    kept = (tmp_path / stored.stored_name).read_bytes()
    assert stored.content_type == "image/jpeg"
    assert _exif_of(kept) == {}
    assert b"Exif" not in kept and b"Jane Example" not in kept


def test_png_loses_its_exif_and_text_chunks(tmp_path):
    data = files.png()
    assert b"Jane Example" in data
    stored = accept_upload(Upload("chart.png", data), tmp_path)
    kept = (tmp_path / stored.stored_name).read_bytes()
    assert stored.content_type == "image/png"
    assert _exif_of(kept) == {}
    assert b"Jane Example" not in kept and b"eXIf" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (40, 20) and image.mode == "RGBA"


def test_exif_rotation_is_applied_before_it_is_removed(tmp_path):
    stored = accept_upload(Upload("phone.jpeg", files.jpeg(size=(40, 20), orientation=6)), tmp_path)
    with Image.open(tmp_path / stored.stored_name) as image:
        assert image.size == (20, 40)
    assert stored.original_name == "phone.jpeg"


def test_bytes_after_the_image_are_not_kept(tmp_path):
    data = files.png(with_exif=False) + b"<html><script>alert(1)</script></html>"
    stored = accept_upload(Upload("polyglot.png", data), tmp_path)
    assert b"<script>" not in (tmp_path / stored.stored_name).read_bytes()


def test_palette_png_keeps_its_transparency(tmp_path):
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    stored = accept_upload(Upload("icon.png", out.getvalue()), tmp_path)
    with Image.open(tmp_path / stored.stored_name) as kept:
        assert kept.mode == "P" and kept.info.get("transparency") == 0


def test_a_file_of_exactly_the_limit_is_accepted():
    data = files.pdf_of_size(MAX_UPLOAD_BYTES)
    assert inspect_upload(data, "big.pdf").kind == "pdf"


def test_uppercase_extension_is_accepted(tmp_path):
    stored = accept_upload(Upload("SCAN.PDF", files.pdf()), tmp_path)
    assert stored.kind == "pdf" and stored.stored_name.endswith(".pdf")
