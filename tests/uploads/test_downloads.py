"""Downloads (docs/SECURITY.md 30): always an attachment, RFC 6266 name, the stored type, nosniff, sandbox."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from werkzeug.http import parse_options_header

from app.errors import NotFound
from app.uploads import accept_upload, configured_upload_dir, download_headers, download_response

from . import files
from .files import Upload


def _filenames(disposition: str) -> tuple[str, dict[str, str]]:
    return parse_options_header(disposition)


def test_headers_force_a_download_with_both_file_names():
    headers = download_headers("Résumé “final” 病院.pdf", "application/pdf")
    assert headers["Content-Disposition"] == (
        'attachment; filename="Resume final.pdf"; '
        "filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%9Cfinal%E2%80%9D%20%E7%97%85%E9%99%A2.pdf"
    )
    kind, options = _filenames(headers["Content-Disposition"])
    assert kind == "attachment"
    assert options["filename"] == "Résumé “final” 病院.pdf"  # werkzeug prefers filename*
    assert headers["Content-Type"] == "application/pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "sandbox"


@pytest.mark.parametrize(
    "name",
    [
        'evil".pdf\r\nSet-Cookie: a=b',
        'evil\\".pdf',
        "../../etc/passwd",
        "x\u202egnp.pdf",
        "\r\n\r\n<html>.pdf",
        "",
    ],
)
def test_no_name_can_break_out_of_the_header(name):
    disposition = download_headers(name, "application/pdf")["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "\u202e" not in disposition
    ascii_part = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert "\\" not in ascii_part and "/" not in ascii_part
    assert disposition.count('"') == 2
    assert disposition.isascii()


def test_name_without_ascii_letters_gets_a_plain_fallback():
    disposition = download_headers("病院のガイド.pdf", "application/pdf")["Content-Disposition"]
    assert 'filename="attachment.pdf"' in disposition


def test_unknown_type_is_sent_as_opaque_bytes():
    assert download_headers("x.html", "text/html")["Content-Type"] == "application/octet-stream"


@dataclass
class Stored:
    stored_name: str
    original_name: str
    content_type: str


def test_download_response_sends_the_bytes_with_safe_headers(app):
    data = files.pdf(["Downloadable"])
    with app.test_request_context("/"):
        stored = accept_upload(Upload("Guide.pdf", data), configured_upload_dir())
        response = download_response(Stored(stored.stored_name, stored.original_name, stored.content_type))
        response.direct_passthrough = False
        assert response.get_data() == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="Guide.pdf"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    response.close()


def test_download_of_a_missing_file_is_not_found(app):
    with app.test_request_context("/"), pytest.raises(NotFound):
        download_response(Stored("0" * 32 + ".pdf", "x.pdf", "application/pdf"))


def test_upload_dir_inside_static_is_refused(app_factory):
    app = app_factory(UPLOAD_DIR=str(__import__("app").__path__[0] + "/static/uploads"))
    with app.test_request_context("/"), pytest.raises(RuntimeError, match="static"):
        configured_upload_dir()
