"""Search never shows anyone what they could not open (docs/SECURITY.md 18)."""

from __future__ import annotations

import pytest

from app.discussions import service as discussions
from app.extensions import db
from app.library import service as library
from app.orgs.models import OrgStatus
from app.search import outbox

from ..factories import make_org
from .helpers import VISITOR, publish, search, sync, titles


@pytest.fixture
def categories(roles):
    found = {c.slug: c for c in discussions.ensure_default_categories()}
    db.session.commit()
    return found


def test_members_only_resources_are_found_by_members_and_moderators_only(author, roles):
    publish(author, title="Staff advocacy handbook", visibility="members")
    publish(author, title="Staff advocacy poster", visibility="public")
    sync()
    everything = ["Staff advocacy handbook", "Staff advocacy poster"]  # equal scores: order by date, not asserted
    assert sorted(titles(search("staff advocacy", roles.member))) == everything
    assert sorted(titles(search("staff advocacy", roles.other_member))) == everything
    assert sorted(titles(search("staff advocacy", roles.moderator))) == everything
    assert titles(search("staff advocacy", VISITOR)) == ["Staff advocacy poster"]
    assert titles(search("staff advocacy", roles.outsider)) == ["Staff advocacy poster"]


def test_facet_counts_only_count_what_the_searcher_may_see(author):
    publish(author, title="Roundup one", visibility="members", kind="toolkit")
    publish(author, title="Roundup two", visibility="public", kind="guide")
    sync()
    results = search("roundup")
    assert results.total == 1
    assert {v.value: v.count for v in results.facets["kind"]} == {"guide": 1}


@pytest.mark.parametrize("status", ["draft", "pending", "returned"])
def test_unpublished_resources_are_never_indexed(author, roles, status):
    data = library.ResourceInput(title=f"Unfinished {status} plan", body="Body text.")
    resource = library.create_resource(author, roles.org, data, action="draft")
    if status in ("pending", "returned"):
        library.submit_resource(author, resource)
    if status == "returned":
        library.return_resource(roles.moderator, resource, "Add sources.")
    outbox.enqueue("resource", resource.id)  # even an eager upsert must not index it
    db.session.commit()
    sync()
    assert search("unfinished plan", roles.moderator).total == 0


@pytest.mark.parametrize("change", ["hide", "archive", "delete"])
def test_withdrawn_resources_vanish_after_one_sync(author, roles, change):
    resource = publish(author, title="Outdated posting schedule")
    sync()
    assert search("posting schedule").total == 1
    if change == "hide":
        library.hide_resource(roles.moderator, resource, "Under review")
    elif change == "archive":
        library.archive_resource(author, resource)
    else:
        library.delete_resource(roles.moderator, resource)
    db.session.commit()
    sync()
    assert search("posting schedule", roles.moderator).total == 0


def test_threads_follow_their_category_and_hidden_posts_are_not_searchable(roles, categories):
    public = discussions.create_thread(
        roles.moderator, categories["platforms"], "Scheduling tools compared", "Which scheduler do you use?"
    )
    private = discussions.create_thread(
        roles.moderator,
        categories["crisis-communication"],
        "Scheduling during outages",
        "We pause scheduled posts.",
    )
    reply = discussions.reply_to_thread(roles.moderator, public, "We moved to a spreadsheet of zebras.")
    db.session.commit()
    sync()
    assert titles(search("scheduling", VISITOR)) == ["Scheduling tools compared"]
    assert sorted(titles(search("scheduling", roles.member))) == [
        "Scheduling during outages",
        "Scheduling tools compared",
    ]
    assert titles(search("zebras", VISITOR)) == ["Scheduling tools compared"]
    discussions.hide_post(roles.moderator, reply, "Off topic")
    discussions.hide_thread(roles.moderator, private, "Duplicate")
    db.session.commit()
    sync()
    assert search("zebras", roles.moderator).total == 0
    assert titles(search("scheduling", roles.moderator)) == ["Scheduling tools compared"]


def test_only_approved_organisations_are_listed(roles):
    approved = make_org("Riverside Children's Hospital", description="Paediatric care on the river.")
    applied = make_org("Riverside Clinic Applicant", status=OrgStatus.APPLIED.value)
    outbox.enqueue("organisation", approved.id)
    outbox.enqueue("organisation", applied.id)
    db.session.commit()
    sync()
    results = search("riverside")
    assert titles(results) == ["Riverside Children's Hospital"]
    assert results.hits[0].type == "organisation"
    assert results.hits[0].url == f"/orgs/{approved.slug}"
