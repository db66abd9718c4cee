"""The review queue's filters, order, bulk decisions, shortcuts and cost per page."""

from __future__ import annotations

from datetime import timedelta

from app.db_types import utcnow
from app.extensions import db
from app.library.models import Resource
from app.moderation import queue, service
from app.orgs.models import Organisation
from tests.factories import make_org

from ..factories import moderation as builders
from ..library.test_query_counts import counting

PHI = "Update on Mrs. Jones: MRN 12345678, DOB 03/14/1962."


def titles(actor, **filters):
    return [e.title for e in queue.queue_entries(actor, **filters)]


def test_filters_by_reason_and_organisation(roles):
    builders.resource(roles.member, roles.org, "Plain submission", action="submit")
    builders.resource(roles.member, roles.org, "Held by the guard", action="submit", body=PHI, send_anyway=True)
    reported = builders.published_resource(roles.other_org, title="Reported elsewhere")
    service.flag_item(roles.member, "resource", reported.id, "spam")
    assert titles(roles.moderator, reason="privacy") == ["Held by the guard"]
    assert titles(roles.moderator, reason="reports") == ["Reported elsewhere"]
    assert set(titles(roles.moderator, reason="review")) == {"Plain submission", "Held by the guard"}
    assert titles(roles.moderator, organisation_id=roles.other_org.id) == ["Reported elsewhere"]
    _entries, organisations = queue.filtered_queue(roles.moderator, queue.QueueFilter())
    assert {name for _id, name in organisations} == {roles.org.name, roles.other_org.name}


def test_sorts_newest_first_and_most_reported_first(roles):
    older = builders.resource(roles.member, roles.org, "Older", action="submit")
    older.submitted_at = utcnow() - timedelta(hours=5)
    builders.resource(roles.member, roles.org, "Newer", action="submit")
    once = builders.published_resource(roles.other_org, title="Reported once")
    twice = builders.published_resource(roles.other_org, title="Reported twice")
    reporters = builders.members(roles.org, 2)
    flags = [service.flag_item(reporters[0], "resource", once.id, "spam")]
    flags += [service.flag_item(reporter, "resource", twice.id, "spam") for reporter in reporters]
    for flag in flags:
        flag.created_at = utcnow() - timedelta(days=1)
    db.session.flush()
    assert titles(roles.moderator, sort="newest")[0] == "Newer"
    assert titles(roles.moderator, sort="newest")[-1] in ("Reported once", "Reported twice")
    assert titles(roles.moderator, sort="reported")[:2] == ["Reported twice", "Reported once"]
    assert titles(roles.moderator, sort="nonsense")[-1] == "Newer"


def test_bulk_approve_publishes_every_ticked_submission(roles, client_as, mailbox):
    first = builders.resource(roles.member, roles.org, "First submission", action="submit")
    second = builders.resource(roles.member, roles.org, "Second submission", action="submit")
    held = builders.reply(roles.member, builders.thread(roles.org_admin), PHI, send_for_review=True)
    db.session.commit()
    response = client_as(roles.moderator).post(
        "/moderation/bulk/approve",
        data={"entries": [f"resource-resource-{first.id}", f"resource-resource-{second.id}", f"post-post-{held.id}"]},
        follow_redirects=True,
    )
    assert "Approved: 3 entries" in response.get_data(as_text=True)
    assert {r.status for r in db.session.query(Resource).filter(Resource.id.in_([first.id, second.id]))} == {
        "published"
    }
    assert len(mailbox.to(roles.member.email)) >= 2


def test_bulk_return_needs_a_reason_and_then_sends_it(roles, client_as):
    resource = builders.resource(roles.member, roles.org, "Needs sources", action="submit")
    db.session.commit()
    client = client_as(roles.moderator)
    key = f"resource-resource-{resource.id}"
    refused = client.post("/moderation/bulk/return", data={"entries": [key], "reason": " "}, follow_redirects=True)
    assert "Please give a reason" in refused.get_data(as_text=True)
    assert db.session.get(Resource, resource.id).status == "pending"
    client.post("/moderation/bulk/return", data={"entries": [key], "reason": "Please cite your sources."})
    db.session.expire_all()
    returned = db.session.get(Resource, resource.id)
    assert returned.status == "returned" and returned.return_reason == "Please cite your sources."


def test_a_partial_failure_names_what_was_not_decided_and_keeps_the_rest(roles, client_as):
    good = builders.resource(roles.member, roles.org, "Good submission", action="submit")
    applied = make_org("Riverside Clinic", status="applied")
    decided = builders.resource(roles.member, roles.org, "Already published", action="submit")
    service.decide(roles.moderator, "resource", decided.id, "approve")
    db.session.commit()
    response = client_as(roles.moderator).post(
        "/moderation/bulk/approve",
        data={
            "entries": [
                f"resource-resource-{good.id}",
                f"organisation-organisation-{applied.id}",  # moderators may not decide applications
                f"resource-resource-{decided.id}",
                "nonsense",
            ]
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Approved: 1 entry." in page
    assert "Not decided: “Riverside Clinic”" in page and "Not decided: nonsense" in page
    assert "Not decided: “Already published”" in page
    db.session.expire_all()
    assert db.session.get(Resource, good.id).status == "published"
    assert db.session.get(Organisation, applied.id).status == "applied"


def test_bulk_decisions_on_reported_items_dismiss_or_hide(roles, client_as):
    kept = builders.published_resource(roles.other_org, title="Kept")
    removed = builders.published_resource(roles.other_org, title="Removed")
    service.flag_item(roles.member, "resource", kept.id, "spam")
    service.flag_item(roles.member, "resource", removed.id, "spam")
    db.session.commit()
    client = client_as(roles.moderator)
    client.post("/moderation/bulk/approve", data={"entries": [f"flag-resource-{kept.id}"]})
    client.post("/moderation/bulk/return", data={"entries": [f"flag-resource-{removed.id}"], "reason": "Advertising"})
    db.session.expire_all()
    assert db.session.get(Resource, kept.id).hidden_at is None
    assert db.session.get(Resource, removed.id).hidden_at is not None
    assert queue.queue_entries(roles.moderator) == []


def test_members_cannot_bulk_decide(roles, client_as):
    resource = builders.resource(roles.member, roles.org, "Mine", action="submit")
    db.session.commit()
    response = client_as(roles.member).post(
        "/moderation/bulk/approve", data={"entries": [f"resource-resource-{resource.id}"]}
    )
    assert response.status_code in (403, 404)
    assert db.session.get(Resource, resource.id).status == "pending"


def test_the_page_documents_shortcuts_loads_its_script_and_offers_filters(roles, client_as):
    builders.resource(roles.member, roles.org, "A submission", action="submit", body="The body of the guide.")
    db.session.commit()
    client = client_as(roles.moderator)
    page = client.get("/moderation").get_data(as_text=True)
    assert "Keyboard shortcuts" in page and "<kbd>j</kbd>" in page and "<kbd>a</kbd>" in page
    assert 'src="/static/js/moderation-queue.js?v=' in page and "<script>" not in page
    assert "The body of the guide." in page and "Approve ticked" in page
    assert f'<option value="{roles.org.id}">{roles.org.name}</option>' in page
    script = client.get("/static/js/moderation-queue.js")
    assert script.status_code == 200 and b"keydown" in script.data


def test_a_pending_resource_shows_the_decision_at_the_top(roles, client_as):
    resource = builders.resource(roles.member, roles.org, "Waiting guide", action="submit")
    db.session.commit()
    page = client_as(roles.moderator).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert page.index("Approve and publish") < page.index("Steps for the first hour")
    member_page = client_as(roles.member).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "Approve and publish" not in member_page


def _fill(roles, count: int, start: int) -> None:
    reporters = builders.members(roles.org, 2)
    for n in range(start, start + count):
        builders.resource(roles.member, roles.org, f"Submission {n}", action="submit")
        builders.reply(
            roles.member, builders.thread(roles.org_admin, f"Thread {n}"), f"Reply {n}", send_for_review=True
        )
        reported = builders.thread(roles.org_admin, f"Reported thread {n}")
        for reporter in reporters:
            service.flag_item(reporter, "thread", reported.id, "spam")
        make_org(f"Applicant {n}", status="applied")
    db.session.commit()


def _queries(client) -> int:
    client.get("/moderation")  # the signed-in user and settings are loaded once the data changed
    with counting(db.engine) as statements:
        assert client.get("/moderation").status_code == 200
    return len(statements)


def test_the_queue_page_costs_the_same_number_of_queries_however_long_the_queue(app, roles, client_as):
    client = client_as(roles.admin)
    _fill(roles, 1, 0)
    small = _queries(client)
    _fill(roles, 9, 1)  # 40 entries of every kind: a full page of 20
    assert _queries(client) == small
