"""Search in Chromium: what a visitor and a member actually do."""

from __future__ import annotations

from app.extensions import db
from app.search import outbox

from ..factories import PASSWORD
from ..search.helpers import make_topic, publish, sync

# Anonymous search allows two requests a second (docs/SECURITY.md 36); a person is slower than that.
HUMAN_PAUSE_MS = 1100


def seed(roles):
    outbox.enqueue("organisation", roles.org.id)
    make_topic("Crisis communication")
    author = roles.org_admin
    publish(
        author,
        title="Vaccine myths toolkit",
        summary="Short answers to the myths we hear most.",
        body="Reply to vaccine myths with sources.",
        kind="toolkit",
        topics=("crisis-communication",),
    )
    publish(
        author,
        title="Vaccine clinic announcements",
        summary="Templates for clinic days.",
        body="Announce vaccine clinics a week ahead.",
        kind="guide",
    )
    publish(
        author,
        title="Board briefing on vaccine uptake",
        summary="For members only.",
        body="Internal figures.",
        visibility="members",
        kind="research",
    )
    db.session.commit()
    sync()


def test_a_visitor_follows_the_suggestion_narrows_by_a_facet_and_opens_a_result(page, live_server, roles):
    seed(roles)
    page.goto(live_server.url + "/")
    page.fill("#header-q", "vacine myth")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/search?q=vacine*")
    suggestion = page.locator("a.suggestion")
    assert suggestion.inner_text() == "vaccine myth"

    page.wait_for_timeout(HUMAN_PAUSE_MS)
    suggestion.click()
    page.wait_for_url("**/search?q=vaccine+myth*")
    assert "2 results" in page.inner_text("#results-heading")
    assert "Board briefing" not in page.inner_text("main")

    page.wait_for_timeout(HUMAN_PAUSE_MS)
    page.locator(".facets a", has_text="Toolkit").click()
    page.wait_for_url("**kind=toolkit*")
    assert "1 result" in page.inner_text("#results-heading")
    title = page.locator(".result h3 a").first
    assert title.locator("mark").count() >= 1
    assert title.locator("mark").first.inner_text().lower() == "vaccine"
    assert page.locator(".result .snippet mark").count() >= 1

    title.click()
    page.wait_for_url("**/library/vaccine-myths-toolkit")
    assert "Vaccine myths toolkit" in page.inner_text("h1")


def test_a_member_finds_a_members_only_resource_that_a_visitor_cannot(new_page, live_server, roles):
    seed(roles)
    visitor = new_page()
    visitor.goto(live_server.url + "/search?q=board+briefing")
    assert "No results" in visitor.inner_text("main")

    member = new_page()
    member.goto(live_server.url + "/auth/login")
    member.fill("input[name=email]", roles.member.email)
    member.fill("input[name=password]", PASSWORD)
    member.click("main button[type=submit]")
    member.wait_for_load_state()
    member.fill("#header-q", "board briefing")
    member.press("#header-q", "Enter")
    member.wait_for_url("**/search?q=board*")
    assert "Board briefing on vaccine uptake" in member.inner_text(".results")
