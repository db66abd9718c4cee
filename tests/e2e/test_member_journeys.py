"""A member's own home, and following an organisation until its new resource is announced."""

from __future__ import annotations

from app.extensions import db

from ..background import run_jobs
from ..factories import discussions as threads
from ..factories.library import make_resource
from .test_library_journey import sign_in


def test_a_member_signs_in_to_a_home_of_their_own(page, live_server, roles):
    make_resource(roles.member, title="Checklist for storm posts", status="draft")
    make_resource(roles.org_admin, title="Mercy's visitor policy", publisher=roles.moderator)
    followed = threads.start_thread(roles.other_member, threads.categories()["platforms"], "Scheduling on Threads")
    from app.discussions import service as discussions

    discussions.follow_thread(roles.member, followed)
    db.session.commit()

    sign_in(page, live_server.url, roles.member)
    page.goto(live_server.url + "/")
    assert "Welcome back, Mina Member" in page.inner_text("h1")
    assert "Checklist for storm posts" in page.inner_text("section:has(#my-work)")
    assert "Mercy's visitor policy" in page.inner_text("section:has(#org-activity)")
    assert "Scheduling on Threads" in page.inner_text("section:has(#following)")
    page.click("text=Checklist for storm posts")
    page.wait_for_url("**/library/checklist-for-storm-posts")
    assert "Draft." in page.inner_text("main")


def test_following_an_organisation_brings_word_of_its_new_resource(page, live_server, live_app, roles):
    sign_in(page, live_server.url, roles.member)
    page.goto(f"{live_server.url}/orgs/{roles.other_org.slug}")
    page.click(f"button:has-text('Follow {roles.other_org.name}')")
    page.wait_for_load_state()
    assert "You follow" in page.inner_text(".flashes")
    assert page.locator("button:has-text('Stop following')").count() == 1

    make_resource(roles.other_member, title="Caregiver stories toolkit", publisher=roles.moderator)
    db.session.commit()
    run_jobs(live_app)

    page.goto(live_server.url + "/")
    assert page.locator(".account-nav .badge").inner_text() == "1"
    page.click(".account-nav >> text=Notifications")
    page.wait_for_url("**/notifications/")
    notice = page.locator("main", has_text="Caregiver stories toolkit")
    assert notice.count() == 1
    page.click("text=Caregiver stories toolkit")
    page.wait_for_url("**/library/caregiver-stories-toolkit")
    assert page.inner_text("h1") == "Caregiver stories toolkit"


def test_a_request_asked_from_an_empty_search_is_fulfilled_and_the_requester_told(
    new_page, live_server, live_app, roles
):
    resource = make_resource(roles.org_admin, title="Filming consent template", publisher=roles.moderator)
    db.session.commit()
    member = new_page()
    sign_in(member, live_server.url, roles.member)
    member.goto(live_server.url + "/search?q=drone+footage+policy")
    member.click("a.ask-for-it")
    member.wait_for_url("**/requests/new?title=drone*")
    assert member.input_value("#title") == "drone footage policy"
    member.fill("#details", "For the helipad camera.")
    member.click("main button:has-text('Post the request')")
    member.wait_for_url("**/requests/*")
    request_url = member.url

    moderator = new_page()
    sign_in(moderator, live_server.url, roles.moderator)
    moderator.goto(request_url)
    moderator.click("button:has-text('Assign to me')")
    moderator.wait_for_load_state()
    moderator.click("summary:has-text('Fulfil')")
    moderator.fill("#fulfil-link", f"{live_server.url}/library/{resource.slug}")
    moderator.click("button:has-text('Fulfil')")
    moderator.wait_for_load_state()
    assert "Fulfilled" in moderator.inner_text("#request-status")

    member.goto(live_server.url + "/notifications/")
    assert "Your request is answered" in member.inner_text("main")
    member.click("text=Your request is answered")
    member.wait_for_url(request_url)
    member.click(f"main a:has-text('{resource.title}')")
    member.wait_for_url(f"**/library/{resource.slug}")
