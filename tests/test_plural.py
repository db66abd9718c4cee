"""Counted nouns read right: "1 person", "2 people", "1 entry", "3 days"."""

import pytest

from app.extensions import db
from app.text import plural
from tests.factories import moderation as builders


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "person", "1 person"),
        (2, "person", "2 people"),
        (0, "reply", "0 replies"),
        (1, "entry", "1 entry"),
        (12, "entry", "12 entries"),
        (1, "day", "1 day"),
        (1500, "member", "1,500 members"),
    ],
)
def test_plural(count, noun, expected):
    assert plural(count, noun) == expected


def test_a_category_page_counts_threads_in_words(roles, client_as):
    builders.thread(roles.org_admin)
    db.session.commit()
    page = client_as(roles.member).get("/discussions/crisis-communication").get_data(as_text=True)
    assert "1 thread · 1 post" in page
