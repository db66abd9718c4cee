"""File names: the kind a name claims, and the user's name made safe to show (never a path)."""

from __future__ import annotations

import re
import unicodedata

from ..errors import ValidationError

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

# Script or program extensions refused anywhere in a name (``report.php.pdf``), whatever the last one.
RISKY_INNER_EXTENSIONS = frozenset(
    "asp aspx bat cgi cmd com cpl dll exe hta htm html jar js jse jsp lnk msi php php3 php4 php5 "
    "phtml pl ps1 py rb scr sh svg vb vbe vbs wsf xhtml".split()
)
STORED_NAME = re.compile(r"[0-9a-f]{32}\.(?:pdf|docx|pptx|xlsx|png|jpg)")

_ENCODED_CONTROL = re.compile(r"%[01][0-9a-f]|%7f", re.IGNORECASE)
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d")  # joiners some scripts need
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')


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


def kind_from_name(raw: str) -> str:
    if "\x00" in raw or _ENCODED_CONTROL.search(raw):
        raise ValidationError(
            "The file name contains a null byte or an encoded control character. Rename the file and try again."
        )
    name = display_name(raw)
    parts = name.lower().split(".")
    if len(parts) < 2:
        raise ValidationError(f"“{name}” has no file extension. Upload a {ALLOWED_DESCRIPTION} file.")
    extension = parts[-1]
    if extension not in EXTENSIONS:
        raise ValidationError(f"“{name}” is not an accepted type (.{extension}). Upload a {ALLOWED_DESCRIPTION} file.")
    risky = [part for part in parts[1:-1] if part in RISKY_INNER_EXTENSIONS]
    if risky:
        raise ValidationError(f"“{name}” has a second extension (.{risky[0]}) that is not accepted. Rename the file.")
    return EXTENSIONS[extension]


def refuse_mismatch(name: str, kind: str) -> ValidationError:
    return ValidationError(f"“{name}” is named like {KIND_NAMES[kind]}, but its content is not {KIND_NAMES[kind]}.")
