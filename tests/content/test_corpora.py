"""docs/SECURITY.md 21 and 25 over the shared hostile-input corpora, as Markdown and as raw HTML."""

from __future__ import annotations

import pytest

from app.content import excerpt, plain_text, render_markdown, sanitize_html

from ..conftest import load_corpus
from .html_check import problems, read

CORPORA = {
    "blns": lambda: load_corpus("blns.json"),
    "owasp-xss": lambda: load_corpus("owasp-xss-filter-evasion-vectors.json"),
    "html5lib-sanitizer": lambda: [case["input"] for case in load_corpus("html5lib-sanitizer-tests1.json")],
}
CLEANERS = {"as Markdown": render_markdown, "as raw HTML": sanitize_html}


@pytest.mark.parametrize("cleaner_name", CLEANERS)
@pytest.mark.parametrize("corpus", CORPORA)
def test_every_corpus_string_comes_out_safe_and_stable(corpus, cleaner_name):
    strings = CORPORA[corpus]()
    clean = CLEANERS[cleaner_name]
    assert len(strings) > 50
    failures = []
    for text in strings:
        output = clean(text)
        found = problems(output)
        if sanitize_html(output) != output:
            found.append("cleaning twice changes the output")
        if found:
            failures.append((text[:120], output[:200], found))
    assert failures == []


@pytest.mark.parametrize("corpus", CORPORA)
def test_plain_text_and_excerpts_accept_every_corpus_string(corpus):
    for text in CORPORA[corpus]():
        assert isinstance(plain_text(text), str)
        assert len(excerpt(text, 80)) <= 80


def test_corpus_outputs_still_contain_elements_the_checker_reads():
    """A control: the checks above looked at real links and markup, not at empty strings."""
    outputs = [sanitize_html(v) for v in load_corpus("owasp-xss-filter-evasion-vectors.json")]
    tags = [tag for output in outputs for tag, _ in read(output).elements]
    assert tags.count("a") >= 3
    assert sum(1 for output in outputs if output.strip()) > 50
