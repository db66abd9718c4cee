"""Finding the POST forms on a page and filling them: the naughty-strings test drives every form."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..factories import PASSWORD

VALID_URL = "https://example.org/page"


@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: list[FormField] = field(default_factory=list)

    @property
    def free_text_fields(self) -> list[FormField]:
        return [f for f in self.fields if _is_free_text(f)]


def _is_free_text(f: FormField) -> bool:
    if f.kind not in ("text", "textarea", "search", ""):
        return False
    lowered = f.name.lower()
    return not any(word in lowered for word in ("email", "password", "url", "website", "date", "token"))


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            if a.get("enctype", "") != "multipart/form-data":
                self._current = Form(action=a.get("action", ""))
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            self._current.fields.append(FormField(a["name"], a.get("type", "text").lower(), a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._current.fields.append(FormField(a["name"], "textarea"))
        elif tag == "select" and a.get("name"):
            self._select = FormField(a["name"], "select")
            self._current.fields.append(self._select)
        elif tag == "option" and self._select is not None and a.get("value", "") != "":
            self._select.options.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            self.forms.append(self._current)
            self._current = None
        elif tag == "select":
            self._select = None


def post_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return [f for f in parser.forms if f.free_text_fields]


def fill(form: Form, text: str, serial: int) -> dict[str, str]:
    """Every free-text field gets ``text``; the rest get valid values so the form is accepted."""
    data: dict[str, str] = {}
    for f in form.fields:
        lowered = f.name.lower()
        if _is_free_text(f):
            data[f.name] = text
        elif f.kind == "hidden":
            data[f.name] = f.value
        elif "email" in lowered:
            data[f.name] = f"naughty{serial}@example.org"
        elif "password" in lowered:
            data[f.name] = PASSWORD
        elif f.kind == "url" or "url" in lowered or "website" in lowered:
            data[f.name] = VALID_URL
        elif f.kind == "number":
            data[f.name] = "3"
        elif f.kind == "date":
            data[f.name] = "2024-01-01"
        elif f.kind == "select" and f.options:
            data[f.name] = f.options[0]
        elif f.kind in ("checkbox", "radio", "submit", "file", "button"):
            continue
        else:
            data[f.name] = f.value
    return data
