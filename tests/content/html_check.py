"""An independent reading of sanitized HTML, the way a browser would read it.

``problems(html)`` parses the output with Python's own HTML parser (not bleach's html5lib) and
lists everything that breaks the promises of docs/SECURITY.md 21-24. ``scheme_as_browser_reads``
follows the URL standard's first steps rather than trusting any library: decode HTML character
references, strip leading and trailing C0 controls and spaces, remove tabs and newlines
anywhere, read the scheme and case-fold it. Attribute values reach it already decoded once by
the HTML parser, so it decodes one time more than a browser would: stricter, never looser.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title", "rel"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
FORBIDDEN_ATTRIBUTES = {"style", "id", "name", "class", "target"}
LINK_SCHEMES = {"http", "https", "mailto"}
REL = "nofollow noopener noreferrer ugc"

C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
ASCII_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+\-.]*):")
OWN_FILE = re.compile(r"/files/[0-9]+(/[^/\\?#]+)?")
DOT_SEGMENT = re.compile(r"(\.|%2e){1,2}", re.IGNORECASE)


def url_as_browser_reads(value: str) -> str:
    url = html.unescape(value).strip(C0_CONTROL_OR_SPACE)
    return ASCII_TAB_OR_NEWLINE.sub("", url)


def scheme_as_browser_reads(value: str) -> str | None:
    """The scheme a browser would use for this attribute value; None for a relative URL."""
    match = SCHEME.match(url_as_browser_reads(value))
    return match.group(1).casefold() if match else None


def is_network_path(value: str) -> bool:
    """``//host`` and the spellings browsers treat the same (``\\\\host``, ``/\\host``)."""
    url = url_as_browser_reads(value)
    return len(url) >= 2 and url[0] in "/\\" and url[1] in "/\\"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags: list[str] = []
        self.oddities: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        self.end_tags.append(tag)

    def handle_comment(self, data):
        self.oddities.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.oddities.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.oddities.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.oddities.append(f"declaration {data!r}")


def read(markup: str) -> _Reader:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader


def problems(markup: str) -> list[str]:
    """Every broken promise in ``markup``; an empty list when it is safe."""
    reader = read(markup)
    found = list(reader.oddities)
    for tag in reader.end_tags:
        if tag not in TAGS:
            found.append(f"end tag </{tag}>")
    for tag, attrs in reader.elements:
        if tag not in TAGS:
            found.append(f"tag <{tag}>")
            continue
        names = [name for name, _ in attrs]
        for name in names:
            if name.startswith("on") or name in FORBIDDEN_ATTRIBUTES:
                found.append(f"forbidden attribute {name} on <{tag}>")
            elif name not in ATTRIBUTES.get(tag, set()):
                found.append(f"attribute {name} on <{tag}>")
        values = dict(attrs)
        if tag == "a":
            href = values.get("href")
            if href is not None:
                scheme = scheme_as_browser_reads(href)
                if scheme is not None and scheme not in LINK_SCHEMES:
                    found.append(f"link scheme {scheme!r} in {href!r}")
                if scheme is None and is_network_path(href):
                    found.append(f"protocol-relative link {href!r}")
            if values.get("rel") != REL:
                found.append(f"link without rel={REL!r}: {attrs!r}")
        if tag == "img":
            src = url_as_browser_reads(values.get("src") or "")
            segments = src.split("/")
            if not OWN_FILE.fullmatch(src) or (len(segments) > 3 and DOT_SEGMENT.fullmatch(segments[3])):
                found.append(f"image from elsewhere {values.get('src')!r}")
    return found
