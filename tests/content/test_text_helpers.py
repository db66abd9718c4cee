from __future__ import annotations

from app.content import excerpt, plain_text
from app.text import slugify


def test_plain_text_drops_markup_and_keeps_words():
    source = (
        "# Crisis *playbook*\n\nCall the **on-call lead** first. "
        "See [the list](https://example.org).\n\n`code` stays"
    )
    assert plain_text(source) == "Crisis playbook Call the on-call lead first. See the list. code stays"


def test_plain_text_keeps_would_be_html_as_text_for_escaping_later():
    assert plain_text("Use <b>bold</b> & friends") == "Use <b>bold</b> & friends"


def test_plain_text_keeps_image_descriptions_and_table_cells():
    assert (
        plain_text("![Reach by platform](/files/1/x.png)\n\n|a|b|\n|-|-|\n|1|2|")
        == "Reach by platform a b 1 2"
    )


def test_excerpt_cuts_at_a_word_and_marks_the_cut():
    text = excerpt("Patient privacy comes first when posting on social media. " * 10, length=60)
    assert len(text) <= 60
    assert text.endswith("…")
    assert not text[:-1].endswith(" ")


def test_short_excerpt_is_the_whole_text():
    assert excerpt("Short *note*.") == "Short note."


def test_slugify_folds_accents_and_never_returns_empty():
    assert slugify("Guía de redes sociales: ¡Crisis!") == "guia-de-redes-sociales-crisis"
    assert slugify("!!!") == "item"
    assert slugify("a" * 200, max_length=10) == "aaaaaaaaaa"
