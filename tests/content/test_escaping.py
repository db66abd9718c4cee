"""Plain-text fields always appear escaped (docs/SECURITY.md 22): the app's templates autoescape."""

from __future__ import annotations

import pytest
from flask import render_template, render_template_string
from markupsafe import escape

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><script>alert(1)</script>",
    "&lt;b&gt;already escaped&lt;/b&gt;",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_template_value_is_escaped(app, value):
    with app.test_request_context("/"):
        rendered = render_template_string("<p>{{ value }}</p>", value=value)
    assert rendered == f"<p>{escape(value)}</p>"
    assert "<script" not in rendered and "<img" not in rendered


@pytest.mark.parametrize("value", HOSTILE)
def test_a_project_template_escapes_title_and_message(app, value):
    with app.test_request_context("/"):
        page = render_template("errors/error.html", status=400, title=value, message=value)
    assert str(escape(value)) in page
    assert value not in page
