"""The signed-in home: my drafts and items in review, my organisation's latest, what I follow, my
events and courses; visitors keep the visitor home; the statements it runs do not grow with data."""

from __future__ import annotations

from app.events import service as events
from app.extensions import db
from app.follows import service as follows

from ..events.helpers import make_course, make_event
from ..factories import discussions as threads
from ..factories.library import make_resource, make_topic
from ..library.test_query_counts import _measure


def test_a_member_sees_their_own_work_their_organisation_and_what_they_follow(roles, client_as):
    topic = make_topic("Crisis communication")
    make_resource(roles.member, title="My half-written checklist", status="draft")
    make_resource(roles.member, title="My storm guide in review", status="pending")
    make_resource(roles.org_admin, title="Our published policy", publisher=roles.moderator)
    make_resource(roles.other_member, title="Someone else's draft", status="draft")
    followed = threads.start_thread(roles.other_member, threads.categories()["platforms"], "Threads app for clinics")
    threads.start_thread(roles.org_admin, threads.categories()["platforms"], "Our intranet rollout")
    follows.follow_topic(roles.member, topic)
    follows.follow_organisation(roles.member, roles.other_org)
    from app.discussions import service as discussions

    discussions.follow_thread(roles.member, followed)
    event = make_event(roles.admin, title="Storm-season webinar")
    events.register(roles.member, event)
    make_course(roles.admin, title="TikTok for health systems")
    db.session.commit()

    home = client_as(roles.member).get("/")
    text = home.get_data(as_text=True)
    assert home.status_code == 200
    assert "Welcome back, Mina Member" in text
    assert "My half-written checklist" in text and "My storm guide in review" in text
    assert "Someone else&#39;s draft" not in text and "Someone else's draft" not in text
    assert "Our published policy" in text and "Our intranet rollout" in text
    assert "Threads app for clinics" in text
    assert "Crisis communication" in text and roles.other_org.name in text
    assert "Storm-season webinar" in text
    assert "Apply for your organisation to join" not in text


def test_visitors_keep_the_visitor_home(client_as):
    text = client_as(None).get("/").get_data(as_text=True)
    assert "Apply for your organisation to join" in text
    assert "Welcome back" not in text


def test_a_signed_in_person_without_an_organisation_is_shown_how_to_join(roles, client_as):
    text = client_as(roles.outsider).get("/").get_data(as_text=True)
    assert "not part of an approved member organisation yet" in text


def _grow(roles, start: int, count: int) -> None:
    categories = threads.categories()
    for n in range(start, start + count):
        make_resource(roles.member, title=f"Draft {n}", status="draft")
        make_resource(roles.member, title=f"Pending {n}", status="pending")
        make_resource(roles.org_admin, title=f"Published {n}", publisher=roles.moderator)
        thread = threads.start_thread(roles.org_admin, categories["platforms"], f"Thread number {n}")
        from app.discussions import service as discussions

        discussions.follow_thread(roles.member, thread)
        follows.follow_topic(roles.member, make_topic(f"Topic {n}"))
    db.session.commit()


def test_the_member_home_runs_the_same_statements_for_little_and_much_data(app, roles, client_as):
    _grow(roles, 0, 3)
    small = _measure(app, client_as(roles.member), "/")
    _grow(roles, 3, 12)
    large = _measure(app, client_as(roles.member), "/")
    assert small == large
    assert small <= 30, small
