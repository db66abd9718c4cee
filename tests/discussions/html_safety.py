"""Checks that stored post HTML holds only allow-listed markup, read as a browser would."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from app.content import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

SAFE_SCHEMES = {"http", "https", "mailto"}
_STRIPPED = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(chr(c) for c in range(0x21)) + "\x7f"  # C0 controls, space, DEL
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use: tabs and newlines removed, control characters and spaces trimmed."""
    cleaned = _STRIPPED.sub("", url).strip(_TRIMMED)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, [])
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src") and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{name} with scheme {scheme}")
            if tag == "img" and name == "src" and not (value or "").startswith("/files/"):
                self.problems.append(f"image from {value!r}")

    handle_startendtag = handle_starttag


def unsafe_markup(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems
