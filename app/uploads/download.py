"""Serving a stored file back: always a download, never rendered by the browser (docs/SECURITY.md 30).

``Content-Disposition: attachment`` with an RFC 6266/5987 file name, the stored type,
``X-Content-Type-Options: nosniff`` and ``Content-Security-Policy: sandbox``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from flask import Response, send_file

from ..errors import NotFound
from .names import CONTENT_TYPES, display_name
from .storage import configured_upload_dir, stored_path


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
