"""Reading what a searcher typed: syntax, synonyms, filters, the length cap. Never raises."""

from __future__ import annotations

import pytest

from app.search.query import (
    MAX_QUERY_LENGTH,
    Alternatives,
    Group,
    Not,
    Phrase,
    Word,
    parse,
)

from ..conftest import load_corpus


def test_words_side_by_side_form_an_implicit_group_with_the_last_word_as_a_prefix():
    parsed = parse("crisis plans")
    assert parsed.root == Group("implicit", (Word("crisis"), Word("plans", prefix=True)))


def test_quoted_text_is_a_phrase_and_minus_excludes():
    parsed = parse('"social media" -tiktok')
    assert parsed.root == Group("implicit", (Phrase(("social", "media")), Not(Word("tiktok"))))


def test_upper_case_operators_are_operators_and_lower_case_ones_are_words():
    assert parse("vaccine OR flu shot").root.op == "any"
    assert parse("vaccine AND myths").root.op == "all"
    assert parse("vaccine NOT tiktok").root == Group(
        "implicit",
        (
            Alternatives((Word("vaccine"), Word("vaccination"), Word("immunization"), Word("immunisation"))),
            Not(Word("tiktok")),
        ),
    )
    assert parse("rock and roll").root == Group("implicit", (Word("rock"), Word("roll", prefix=True)))


def test_field_filters_are_taken_out_of_the_words():
    parsed = parse('kind:Case-Study topic:"Patient Privacy" org:Mercy-General tag:Hashtags -type:threads budget')
    assert parsed.filters == {
        "kind": ["case_study"],
        "topic": ["patient-privacy"],
        "org": ["mercy-general"],
        "tag": ["hashtags"],
    }
    assert parsed.excluded == {"type": ["thread"]}
    assert parsed.root == Word("budget", prefix=True)


def test_synonyms_expand_single_words_and_multi_word_terms():
    phi = parse("PHI").root
    assert isinstance(phi, Alternatives)
    assert Phrase(("protected", "health", "information")) in phi.options
    assert Phrase(("patient", "privacy")) in phi.options
    assert parse("protected health information").root == phi
    assert parse('"patient privacy"').root == phi
    x = parse("X").root
    assert Word("twitter") in x.options  # "x" itself is too short to be indexed


def test_accents_and_case_are_folded():
    assert parse("Café").root == Word("cafe", prefix=True)


def test_stop_words_alone_leave_nothing_to_search():
    assert parse("the of and").root is None


def test_a_long_query_is_cut_with_a_flag():
    parsed = parse("word " * 100)
    assert parsed.truncated
    assert len(parsed.text) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "((((((",
        ")))",
        "NOT",
        "-",
        "- -",
        "AND OR NOT",
        "kind:",
        'kind:"',
        "a:b:c",
        "(" * 200,
        "\x00\x01",
        "-(-(-(x)))",
        "OR a",
        '"" ""',
        "tag:" + "x" * 300,
    ],
)
def test_malformed_queries_parse(text):
    parse(text)


def test_every_naughty_string_parses():
    for text in load_corpus("blns.json"):
        parse(text)
