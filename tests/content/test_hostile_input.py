"""Hostile cases of our own (docs/SECURITY.md 20-25), each with the exact outcome a reader would see."""

from __future__ import annotations

import pytest

from app.content import LINK_REL, render_markdown, sanitize_html

from .html_check import problems, read

MARKDOWN_CASES = [
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java\0script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](javascript:)",
    "[x](javascript:0)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](//evil.example/path)",
    "[x](/\\evil.example)",
    "![pic](https://evil.example/track.png)",
    "![pic](data:image/png;base64,iVBORw0KGgo=)",
    "![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    '![pic](/files/1/x.svg"onerror="alert(1))',
    "![pic](/files/1/../../auth/logout)",
    "[![pic](/files/1/x.png)](javascript:alert(1))",
    "[![pic](https://evil.example/x.png)](https://example.org)",
    "[[x](javascript:alert(1))](https://example.org)",
    "<script>alert(1)</script>",
    "<img src=/files/1/x.png onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)><a xlink:href=javascript:alert(1)>x</a></svg>",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "| a | b |\n|---|:-:|\n| <b>x</b> | [y](javascript:alert(1)) |",
    "<style>body{display:none}</style>",
    "x<!--<script>alert(1)</script>-->y",
]

HTML_CASES = [
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&Tab;ascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="java\0script:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="javascript:">x</a>',
    '<a href="javascript:123">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="//evil.example">x</a>',
    '<a href="\\\\evil.example">x</a>',
    '<a href="/\t/evil.example">x</a>',
    '<a href="https://example.org" target="_blank" id="x" name="y" class="z" style="color:red" '
    'onclick="alert(1)">x</a>',
    '<a href="https://example.org" rel="opener">x</a>',
    '<img src="/files/1/x.png" onerror="alert(1)">',
    '<img src="javascript:alert(1)">',
    '<img src="//evil.example/x.png">',
    '<img src="/files/1/%2e%2e">',
    '<img src="/files/x/evil.png">',
    '<img src="/files/1/x.png?u=https://evil.example">',
    '<img srcset="https://evil.example/x.png 1x" src="/files/1/x.png">',
    "<svg><script>alert(1)</script></svg>",
    '<svg><image href="https://evil.example/x.png"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<form action="https://evil.example"><input name="x"></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table><tr><td onmouseover="alert(1)">x</td></tr></table>',
]


@pytest.mark.parametrize("source", MARKDOWN_CASES)
def test_hostile_markdown_renders_safe_and_stable(source):
    output = render_markdown(source)
    assert problems(output) == []
    assert sanitize_html(output) == output


@pytest.mark.parametrize("markup", HTML_CASES)
def test_hostile_html_is_cleaned_safe_and_stable(markup):
    output = sanitize_html(markup)
    assert problems(output) == []
    assert sanitize_html(output) == output


def _links(output):
    return [dict(attrs) for tag, attrs in read(output).elements if tag == "a"]


def _images(output):
    return [dict(attrs) for tag, attrs in read(output).elements if tag == "img"]


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="javascript:123">x</a>',
        '<a href="javascript:">x</a>',
        '<a href="//evil.example">x</a>',
    ],
)
def test_unsafe_link_keeps_its_text_but_loses_its_target(markup):
    output = sanitize_html(markup)
    assert _links(output) == [{"rel": LINK_REL}]
    assert read(output).elements and ">x</a>" in output


def test_safe_links_keep_their_target_and_gain_rel():
    output = render_markdown(
        "[a](https://example.org/x?y=1&z=2) [b](mailto:comms@example.org) [c](/library/guide) [d](#part)"
    )
    assert _links(output) == [
        {"href": "https://example.org/x?y=1&z=2", "rel": LINK_REL},
        {"href": "mailto:comms@example.org", "rel": LINK_REL},
        {"href": "/library/guide", "rel": LINK_REL},
        {"href": "#part", "rel": LINK_REL},
    ]


def test_user_rel_is_replaced():
    assert _links(sanitize_html('<a href="/x" rel="opener">x</a>')) == [{"href": "/x", "rel": LINK_REL}]


def test_own_uploaded_image_is_kept_and_its_handler_dropped():
    assert _images(sanitize_html('<img src="/files/1/x.png" onerror="alert(1)">')) == [
        {"src": "/files/1/x.png"}
    ]
    assert _images(render_markdown("![Chart of reach](/files/42/reach.png)")) == [
        {"src": "/files/42/reach.png", "alt": "Chart of reach"}
    ]


@pytest.mark.parametrize(
    "source",
    [
        "![p](https://evil.example/x.png)",
        "![p](//evil.example/x.png)",
        "![p](data:image/png;base64,iVBORw0KGgo=)",
        "![p](/files/1/..)",
        "![p](/static/x.svg)",
        "![p](/files/1/a/b.png)",
    ],
)
def test_images_from_anywhere_else_disappear(source):
    assert _images(render_markdown(source)) == []


def test_image_inside_a_link_keeps_both_when_both_are_safe():
    output = render_markdown("[![logo](/files/3/logo.png)](https://example.org)")
    assert _links(output) == [{"href": "https://example.org", "rel": LINK_REL}]
    assert _images(output) == [{"src": "/files/3/logo.png", "alt": "logo"}]


def test_tables_render_without_style_attributes():
    output = render_markdown("| Platform | Reach |\n|:--|--:|\n| LinkedIn | 1,200 |")
    tags = [tag for tag, _ in read(output).elements]
    assert tags == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    assert "style" not in output


def test_raw_html_in_markdown_shows_as_text():
    output = render_markdown("Hello <b onclick=alert(1)>there</b>")
    assert output == "<p>Hello &lt;b onclick=alert(1)&gt;there&lt;/b&gt;</p>\n"


def test_code_blocks_keep_their_text_but_lose_their_class():
    output = render_markdown("```js\nalert('<hi>')\n```")
    assert output == "<pre><code>alert('&lt;hi&gt;')\n</code></pre>\n"
