"""Content requests: members ask (also from an empty search), vote and comment; moderators assign,
decline with a reason or fulfil with a resource or a thread; the requester and voters are told."""

from __future__ import annotations

from sqlalchemy import select

from app.content_requests import service
from app.content_requests.models import ContentRequest
from app.extensions import db
from app.notifications.models import Notification

from ..factories import discussions as threads
from ..factories.library import make_resource


def _subjects(user) -> list[str]:
    return list(db.session.scalars(select(Notification.subject).where(Notification.user_id == user.id)))


def _ask(roles, title: str = "A consent form for filming patients") -> ContentRequest:
    found = service.create_request(roles.member, title, "For TikTok videos in the ward.")
    db.session.commit()
    return found


def test_a_member_asks_from_an_empty_search_with_the_query_filled(roles, client_as):
    member = client_as(roles.member)
    empty = member.get("/search?q=drone+footage+policy").get_data(as_text=True)
    assert 'href="/requests/new?title=drone+footage+policy"' in empty
    form = member.get("/requests/new?title=drone+footage+policy").get_data(as_text=True)
    assert 'value="drone footage policy"' in form
    response = member.post("/requests/new", data={"title": "Drone footage policy", "details": "For our helipad."})
    assert response.status_code == 302
    page = member.get(response.headers["Location"]).get_data(as_text=True)
    assert "Drone footage policy" in page and "For our helipad." in page
    assert "Drone footage policy" in member.get("/requests").get_data(as_text=True)


def test_patient_details_are_refused_with_the_reason_and_nothing_is_stored(roles, client_as):
    response = client_as(roles.member).post(
        "/requests/new", data={"title": "Template like the one for John Smith, MRN 12345678", "details": ""}
    )
    assert response.status_code == 422
    assert "patient-identifying" in response.get_data(as_text=True)
    assert db.session.scalars(select(ContentRequest)).all() == []
    item = _ask(roles)
    comment = client_as(roles.other_member).post(f"/requests/{item.id}/comments", data={"body": "MRN 12345678"})
    assert comment.status_code == 422 and "patient-identifying" in comment.get_data(as_text=True)


def test_an_empty_title_is_refused_on_its_field(roles, client_as):
    response = client_as(roles.member).post("/requests/new", data={"title": "", "details": "x"})
    assert response.status_code == 422
    assert '<a href="#title">' in response.get_data(as_text=True)


def test_members_vote_once_not_on_their_own_and_comment(roles, client_as):
    item = _ask(roles)
    other = client_as(roles.other_member)
    other.post(f"/requests/{item.id}/vote")
    other.post(f"/requests/{item.id}/vote")
    assert client_as(roles.member).post(f"/requests/{item.id}/vote").status_code == 403
    db.session.refresh(item)
    assert item.vote_count == 1
    other.post(f"/requests/{item.id}/comments", data={"body": "We need this for our maternity unit too."})
    assert "maternity unit" in client_as(roles.member).get(f"/requests/{item.id}").get_data(as_text=True)
    assert any("commented on your request" in s for s in _subjects(roles.member))
    other.post(f"/requests/{item.id}/vote", data={"remove": "1"})
    db.session.refresh(item)
    assert item.vote_count == 0


def test_a_moderator_fulfils_with_a_resource_and_requester_and_voters_are_told(roles, client_as, mailbox):
    item = _ask(roles)
    service.vote(roles.other_member, item)
    resource = make_resource(roles.org_admin, title="Filming consent template", publisher=roles.moderator)
    db.session.commit()
    moderator = client_as(roles.moderator)
    assert moderator.post(f"/requests/{item.id}/assign").status_code == 302
    response = moderator.post(
        f"/requests/{item.id}/fulfil", data={"fulfil-link": f"http://smhn.test/library/{resource.slug}"}
    )
    assert response.status_code == 302
    page = client_as(roles.member).get(f"/requests/{item.id}").get_data(as_text=True)
    assert "Fulfilled:" in page and f'href="/library/{resource.slug}"' in page
    for person in (roles.member, roles.other_member):
        assert "Your request is answered: “A consent form for filming patients”" in _subjects(person)
    assert "http://smhn.test/requests/" in mailbox.body(mailbox.last_to(roles.other_member.email))


def test_a_request_is_fulfilled_by_a_thread_too(roles):
    item = _ask(roles)
    thread = threads.start_thread(roles.other_member, threads.categories()["platforms"], "Consent on camera")
    service.fulfil(roles.moderator, item, f"/discussions/platforms/{thread.id}-{thread.slug}")
    assert item.status == "fulfilled" and item.thread_id == thread.id


def test_a_link_to_elsewhere_or_to_nothing_is_refused_on_its_field(roles, client_as):
    item = _ask(roles)
    moderator = client_as(roles.moderator)
    for link in ("https://evil.example/library/x", "/library/no-such-thing", "/events/a-webinar"):
        response = moderator.post(f"/requests/{item.id}/fulfil", data={"fulfil-link": link})
        assert response.status_code == 422, link
        assert "Paste the address of a library resource" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.is_open


def test_a_moderator_declines_with_a_reason_that_reaches_the_requester(roles, client_as):
    item = _ask(roles)
    moderator = client_as(roles.moderator)
    assert moderator.post(f"/requests/{item.id}/decline", data={"decline-reason": ""}).status_code == 422
    moderator.post(f"/requests/{item.id}/decline", data={"decline-reason": "The collection already has one."})
    db.session.refresh(item)
    assert item.status == "declined"
    assert "Request declined: “A consent form for filming patients”" in _subjects(roles.member)
    assert "already has one" in client_as(roles.member).get(f"/requests/{item.id}").get_data(as_text=True)
    assert moderator.post(f"/requests/{item.id}/assign").status_code == 302  # closed: refused with a message
    db.session.refresh(item)
    assert item.status == "declined"


def test_only_members_and_staff_read_requests_and_only_moderators_settle_them(roles, client_as):
    item = _ask(roles)
    assert client_as(None).get("/requests").status_code == 302
    assert client_as(roles.outsider).get("/requests").status_code == 403
    assert client_as(roles.outsider).get(f"/requests/{item.id}").status_code == 404
    assert client_as(roles.other_member).post(f"/requests/{item.id}/assign").status_code == 403
    assert (
        client_as(roles.other_member).post(f"/requests/{item.id}/decline", data={"decline-reason": "no"}).status_code
        == 403
    )


def test_the_demo_step_adds_requests_and_follows_once(roles):
    from app.content_requests.seed import seed_requests

    from ..factories import add_member, make_user

    add_member(roles.other_org, make_user(name="Nadia Nurse"))
    make_resource(roles.org_admin, title="Filming consent template", publisher=roles.moderator)
    db.session.commit()
    assert seed_requests() == ["Demo requests: 4 content requests, follows for 4 members."]
    statuses = sorted(db.session.scalars(select(ContentRequest.status)))
    assert statuses == ["fulfilled", "in_progress", "open", "open"]
    assert seed_requests() == ["Demo requests: already present; nothing added."]
