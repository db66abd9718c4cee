"""Reading what a page's head tells a crawler: meta tags and links, parsed with the standard library."""

from __future__ import annotations

from html.parser import HTMLParser


class HeadTags(HTMLParser):
    """``meta[name]``/``meta[property]`` contents and ``link[rel]`` addresses of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and (values.get("property") or values.get("name")):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "link" and values.get("rel"):
            self.links.setdefault(values["rel"], []).append(values.get("href", ""))

    @property
    def canonical(self) -> str | None:
        found = self.links.get("canonical")
        return found[0] if found else None


def head_of(response) -> HeadTags:
    return HeadTags(response.get_data(as_text=True))
