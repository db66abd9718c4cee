"""No input makes the renderer fail or run away (docs/SECURITY.md 25): time grows with the input, and
the input is bounded."""

from __future__ import annotations

import time

import pytest

from app.content import MAX_MARKDOWN_LENGTH, excerpt, plain_text, render_markdown, sanitize_html
from app.errors import ValidationError

from .html_check import problems

PARAGRAPH = (
    "Before posting a patient story on **Facebook** or *Instagram*, get written consent and "
    "remove anything that identifies the patient. See [the policy](https://example.org/policy) "
    "and the [checklist](/library/consent-checklist).\n\n"
    "- Check the photo background\n- Remove names and dates\n- Ask communications to review\n\n"
)


def _timed(function, *args):
    """CPU seconds, not wall time: a busy shared machine must not fail a bound on the work done."""
    started = time.process_time()
    result = function(*args)
    return result, time.process_time() - started


def test_one_megabyte_of_markdown_is_refused_at_once_with_a_clear_message():
    source = (PARAGRAPH * (1_000_000 // len(PARAGRAPH) + 1))[:1_000_000]
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="too long"):
        render_markdown(source)
    assert time.perf_counter() - started < 0.5


def test_one_megabyte_of_raw_html_is_refused_at_once():
    with pytest.raises(ValidationError, match="too long"):
        sanitize_html("<b>" * 400_000)


def test_longest_accepted_realistic_document_renders_in_seconds():
    source = (PARAGRAPH * (MAX_MARKDOWN_LENGTH // len(PARAGRAPH) + 1))[:MAX_MARKDOWN_LENGTH]
    output, seconds = _timed(render_markdown, source)
    assert output.count("<a ") > 500
    assert seconds < 40, f"{MAX_MARKDOWN_LENGTH:,} characters took {seconds:.1f} CPU-seconds"


@pytest.mark.parametrize(
    "source",
    [
        "[" * 50_000,  # every "[" may open a link: markdown-it's slowest case
        "![" * 25_000,
        "&" * 50_000,  # one entity per character: html5lib's slowest case
        "<" * 50_000,
        "*a_" * 16_000,
        "> " * 25_000,
        "- " * 25_000,
        "|" * 25_000 + "\n" + "|-" * 12_500,
    ],
    ids=["brackets", "images", "ampersands", "angles", "emphasis", "quotes", "lists", "table"],
)
def test_pathological_markdown_renders_in_bounded_time(source):
    output, seconds = _timed(render_markdown, source)
    assert problems(output) == []
    assert seconds < 30, f"took {seconds:.1f} CPU-seconds"


def test_plain_text_reads_over_long_sources_instead_of_failing():
    text = plain_text("word " * (MAX_MARKDOWN_LENGTH // 5 + 1000))
    assert text.startswith("word word")
    assert len(excerpt("word " * (MAX_MARKDOWN_LENGTH // 4))) <= 240
