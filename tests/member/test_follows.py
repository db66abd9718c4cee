"""Following topics and organisations: a new resource reaches followers (in the app, and by e-mail
as each chose), once, only if they may read it; the pages link their feeds and list their work."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.follows import service as follows
from app.notifications.models import Notification

from ..background import run_jobs
from ..events.helpers import make_event
from ..factories import discussions as threads
from ..factories.library import make_resource, make_topic
from .page import head_of


def _notices(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def test_following_an_organisation_by_its_button_brings_its_new_resources(app, roles, client_as, mailbox):
    member = client_as(roles.member)
    response = member.post(f"/orgs/{roles.other_org.slug}/follow")
    assert response.status_code == 302
    assert "Stop following" in member.get(f"/orgs/{roles.other_org.slug}").get_data(as_text=True)

    make_resource(roles.other_member, title="Lakeside's caregiver toolkit", publisher=roles.moderator)
    db.session.commit()
    run_jobs(app)
    notices = _notices(roles.member)
    assert [n.subject for n in notices] == [
        f"New in the library from {roles.other_org.name}: “Lakeside's caregiver toolkit”"
    ]
    assert notices[0].url.startswith("/library/")
    message = mailbox.last_to(roles.member.email)
    assert "caregiver toolkit" in message["Subject"]
    assert "http://smhn.test/library/" in mailbox.body(message)


def test_a_topic_and_an_organisation_followed_give_one_notice_naming_the_topic(app, roles):
    topic = make_topic("Crisis communication")
    follows.follow_topic(roles.member, topic)
    follows.follow_organisation(roles.member, roles.other_org)
    make_resource(roles.other_member, title="Storm plan", topics=(topic.name,), publisher=roles.moderator)
    db.session.commit()
    run_jobs(app)
    assert [n.subject for n in _notices(roles.member)] == ["New in the library on Crisis communication: “Storm plan”"]


def test_followers_who_may_not_read_it_the_author_and_those_who_unfollowed_hear_nothing(app, roles):
    follows.follow_organisation(roles.outsider, roles.org)
    follows.follow_organisation(roles.member, roles.org)
    follows.follow_organisation(roles.other_member, roles.org)
    follows.unfollow_organisation(roles.other_member, roles.org)
    make_resource(roles.member, title="Members memo", visibility="members", publisher=roles.moderator)
    db.session.commit()
    run_jobs(app)
    assert _notices(roles.outsider) == []
    assert [n for n in _notices(roles.member) if n.kind == "follows.new_resource"] == []
    assert _notices(roles.other_member) == []


def test_a_republished_resource_is_not_announced_again(app, roles):
    from app.library import service

    follows.follow_organisation(roles.other_member, roles.org)
    resource = make_resource(roles.member, title="Seasonal guide", publisher=roles.moderator)
    db.session.commit()
    run_jobs(app)
    service.archive_resource(roles.moderator, resource)
    service.unarchive_resource(roles.moderator, resource)
    db.session.commit()
    run_jobs(app)
    assert len(_notices(roles.other_member)) == 1


def test_visitors_see_no_follow_button_and_cannot_follow(roles, client_as):
    visitor = client_as(None)
    assert f"Follow {roles.org.name}" not in visitor.get(f"/orgs/{roles.org.slug}").get_data(as_text=True)
    response = visitor.post(f"/orgs/{roles.org.slug}/follow")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_topic_and_organisation_pages_link_their_atom_feeds(roles, client_as):
    topic = make_topic("Crisis communication")
    db.session.commit()
    visitor = client_as(None)
    topic_head = head_of(visitor.get(f"/library/topics/{topic.slug}"))
    assert topic_head.links["alternate"] == [f"/library/topics/{topic.slug}/feed.atom"]
    org_page = visitor.get(f"/orgs/{roles.org.slug}")
    assert head_of(org_page).links["alternate"] == [f"/library/orgs/{roles.org.slug}/feed.atom"]
    assert f'href="/library/orgs/{roles.org.slug}/feed.atom">Atom feed' in org_page.get_data(as_text=True)


def test_a_topic_is_followed_from_its_page(roles, client_as):
    topic = make_topic("Physician voice")
    db.session.commit()
    member = client_as(roles.member)
    assert "Follow Physician voice" in member.get(f"/library/topics/{topic.slug}").get_data(as_text=True)
    assert member.post(f"/library/topics/{topic.slug}/follow").status_code == 302
    assert follows.is_following(roles.member, topic=topic)
    member.post(f"/library/topics/{topic.slug}/unfollow")
    assert not follows.is_following(roles.member, topic=topic)


def test_an_organisation_page_lists_its_resources_threads_and_events(roles, client_as):
    make_resource(roles.member, title="Mercy's visitor policy", publisher=roles.moderator)
    make_resource(roles.member, title="Mercy's members memo", visibility="members", publisher=roles.moderator)
    threads.start_thread(roles.member, threads.categories()["platforms"], "Mercy asks about LinkedIn")
    make_event(roles.org_admin, roles.org, title="Mercy open day webinar")
    db.session.commit()
    visitor_page = client_as(None).get(f"/orgs/{roles.org.slug}").get_data(as_text=True)
    assert "Mercy&#39;s visitor policy" in visitor_page
    assert "Mercy&#39;s members memo" not in visitor_page
    assert "Mercy asks about LinkedIn" in visitor_page
    assert "Mercy open day webinar" in visitor_page
    assert "Mercy&#39;s members memo" in client_as(roles.other_member).get(f"/orgs/{roles.org.slug}").get_data(
        as_text=True
    )
