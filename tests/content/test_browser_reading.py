"""The test's own URL reader must read hostile spellings the way a browser does, or the corpus
tests prove nothing."""

import pytest

from .html_check import is_network_path, problems, scheme_as_browser_reads


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("jav&#x09;ascript:alert(1)", "javascript"),
        ("jav\tascript:alert(1)", "javascript"),
        ("jav&Tab;ascript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("&#x6A;avascript:alert(1)", "javascript"),
        ("&#0000106avascript:alert(1)", "javascript"),
        ("\x01\x02 javascript:alert(1)", "javascript"),
        ("  vbscript:msgbox(1)", "vbscript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("HTTPS://example.org", "https"),
        ("mailto:a@example.org", "mailto"),
    ],
)
def test_scheme_reader_sees_what_the_browser_sees(value, scheme):
    assert scheme_as_browser_reads(value) == scheme


@pytest.mark.parametrize(
    "value", ["/library/x", "page.html", "#part", "?q=1", "java\x00script:alert(1)", "java script:x"]
)
def test_scheme_reader_treats_these_as_relative(value):
    assert scheme_as_browser_reads(value) is None


@pytest.mark.parametrize(
    "value", ["//evil.example", "\\\\evil.example", "/\\evil.example", " /\t/evil.example"]
)
def test_protocol_relative_spellings_are_recognised(value):
    assert is_network_path(value)


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="jav&#x09;ascript:alert(1)" rel="nofollow noopener noreferrer ugc">x</a>',
        '<a href="https://example.org">no rel</a>',
        '<img src="https://evil.example/x.png">',
        '<img src="/files/1/..">',
        '<p style="color:red">x</p>',
        '<p onclick="x()">x</p>',
        "<script>alert(1)</script>",
        "<!-- comment -->",
        '<a href="//evil.example" rel="nofollow noopener noreferrer ugc">x</a>',
    ],
)
def test_checker_reports_unsafe_markup(markup):
    assert problems(markup)


def test_checker_accepts_safe_markup():
    markup = (
        '<p><a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc">x</a>'
        ' <img src="/files/12/chart.png" alt="chart"></p><ol start="3"><li>x</li></ol>'
    )
    assert problems(markup) == []
