"""The user's file name is display metadata only (docs/SECURITY.md 29)."""

from __future__ import annotations

import pytest

from app.errors import NotFound, ValidationError
from app.uploads import STORED_NAME, accept_upload, delete_stored, display_name, open_stored, stored_path

from . import files
from .files import Upload


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/var/www/static/evil.pdf", "evil.pdf"),
        ("C:\\Users\\comms\\Plan.pdf", "Plan.pdf"),
        ("..\\..\\boot.ini.pdf", "boot.ini.pdf"),
        ("invoice\u202efdp.pdf", "invoicefdp.pdf"),
        ("a\u2066b\u2069c.pdf", "abc.pdf"),
        ("tab\tnew\nline\r.pdf", "tab new line.pdf"),
        ("nul\x00byte.pdf", "nulbyte.pdf"),
        ('who: "me" <x>?.pdf', "who_ _me_ _x__.pdf"),
        ("...hidden.pdf", "hidden.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        ("Résumé – équipe.pdf", "Résumé – équipe.pdf"),
        ("病院のガイド.pdf", "病院のガイド.pdf"),
    ],
)
def test_display_name_neutralises_paths_controls_and_overrides(raw, shown):
    assert display_name(raw) == shown


def test_long_names_are_shortened_keeping_the_extension():
    shown = display_name("a" * 300 + ".pdf")
    assert len(shown) <= 200 and shown.endswith("aaa.pdf")
    wide = display_name("病" * 300 + ".pdf")
    assert len(wide.encode("utf-8")) <= 250 and wide.endswith(".pdf")


def test_display_name_is_stable():
    for raw in ["../x.pdf", "invoice\u202efdp.pdf", "a" * 300 + ".pdf", "…résumé….pdf"]:
        assert display_name(display_name(raw)) == display_name(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "../../outside.pdf",
        "/tmp/absolute.pdf",
        "..\\..\\outside.pdf",
        "x" * 300 + ".pdf",
        "right\u202egnp.pdf",
        "con\x01trol.pdf",
    ],
)
def test_no_user_name_reaches_the_storage_path(tmp_path, raw):
    upload_dir = tmp_path / "uploads"
    stored = accept_upload(Upload(raw, files.pdf()), upload_dir)
    assert STORED_NAME.fullmatch(stored.stored_name)
    assert [p.name for p in upload_dir.iterdir()] == [stored.stored_name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uploads"]
    assert "\x00" not in stored.original_name and "/" not in stored.original_name
    assert "\u202e" not in stored.original_name


def test_every_stored_name_is_new(tmp_path):
    names = {accept_upload(Upload("same.pdf", files.pdf()), tmp_path).stored_name for _ in range(20)}
    assert len(names) == 20


@pytest.mark.parametrize(
    "name",
    ["../secret.pdf", "/etc/passwd", "0" * 32 + ".pdf/../../x", "0" * 32 + ".html", "", "0" * 31 + ".pdf"],
)
def test_only_generated_names_can_be_opened(tmp_path, name):
    with pytest.raises(NotFound):
        stored_path(tmp_path, name)
    with pytest.raises(NotFound):
        open_stored(tmp_path, name)


def test_stored_file_can_be_opened_and_deleted(tmp_path):
    stored = accept_upload(Upload("a.pdf", files.pdf()), tmp_path)
    with open_stored(tmp_path, stored.stored_name) as handle:
        assert handle.read(5) == b"%PDF-"
    assert delete_stored(tmp_path, stored.stored_name) is True
    assert delete_stored(tmp_path, stored.stored_name) is False
    with pytest.raises(NotFound):
        open_stored(tmp_path, stored.stored_name)


def test_name_with_a_null_byte_is_refused_and_nothing_is_stored(tmp_path):
    with pytest.raises(ValidationError, match="null byte"):
        accept_upload(Upload("nul\x00.pdf", files.pdf()), tmp_path)
    assert list(tmp_path.iterdir()) == []
