"""What search derives from indexed text, and its results, follow what the audience may see now.

SECURITY.md 40: "did you mean" only offers words from items that audience may see (not from
members-only, hidden or deleted ones). SECURITY.md 44: an item deleted or hidden is gone from
results in the very next search, before the index has caught up.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.library import service as library

from .helpers import VISITOR, publish, search, sync, titles


def test_did_you_mean_offers_no_word_found_only_in_members_only_items(author, roles):
    publish(author, title="Notes from the Wolfenden ward", visibility="members")
    publish(author, title="Weekly posting schedule")
    sync()
    assert search("wolfendem", roles.member).suggestion == "wolfenden"
    assert search("wolfendem", VISITOR).suggestion is None


def test_did_you_mean_forgets_a_word_once_its_item_is_hidden(author, roles):
    resource = publish(author, title="Notes from the Wolfenden ward")
    sync()
    assert search("wolfendem", VISITOR).suggestion == "wolfenden"
    library.hide_resource(roles.moderator, resource, "Names a patient")
    db.session.commit()
    sync()
    assert search("wolfendem", VISITOR).suggestion is None
    assert search("wolfendem", roles.moderator).suggestion is None


def test_a_known_word_from_a_members_only_item_is_still_corrected_for_visitors(author, roles):
    """No oracle either: a visitor typing the hidden word exactly is treated as a typo of a public one."""
    publish(author, title="Notes from the Wolfenden ward", visibility="members")
    publish(author, title="Wolfendon clinic opening hours")
    sync()
    assert search("wolfenden", VISITOR).suggestion == "wolfendon"
    assert search("wolfenden", roles.member).suggestion is None


@pytest.mark.parametrize("change", ["delete", "hide", "members"])
def test_a_withdrawn_item_leaves_results_before_the_index_catches_up(author, roles, change):
    resource = publish(author, title="Outdated posting schedule")
    sync()
    assert titles(search("posting schedule")) == ["Outdated posting schedule"]
    if change == "delete":
        library.delete_resource(roles.moderator, resource)
    elif change == "hide":
        library.hide_resource(roles.moderator, resource, "Under review")
    else:
        data = library.ResourceInput(
            title=resource.title,
            summary="",
            body="Written up by our team.",
            kind="guide",
            visibility="members",
            topics=[],
            tags=[],
        )
        library.edit_resource(author, resource, data)
    db.session.commit()
    results = search("posting schedule")  # no sync: the outbox row is still pending
    assert results.hits == [] and results.total == 0
