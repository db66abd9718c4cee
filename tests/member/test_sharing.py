"""Shared links preview well: OpenGraph, Twitter card, description and canonical address on public
pages; none of a members-only page's text in its head; a copy-link button and a print stylesheet."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.news import service as news

from ..events.helpers import make_course, make_event
from ..factories import discussions as threads
from ..factories.library import make_resource, make_topic
from .page import head_of

SHARE_TAGS = ("og:title", "og:description", "og:url", "og:type", "twitter:card", "twitter:title", "description")


def _public_pages(roles) -> dict[str, tuple[str, str, str]]:
    """path → (title, description expected in the preview, canonical path)."""
    topic = make_topic("Crisis communication")
    resource = make_resource(
        roles.member,
        title="Storm-season posting guide",
        summary="What to post before, during and after a storm.",
        topics=(topic.name,),
        publisher=roles.moderator,
    )
    thread = threads.start_thread(
        roles.member, threads.categories()["platforms"], "Scheduling tools for TikTok", "Which scheduler works?"
    )
    event = make_event(roles.admin, title="Storm-season webinar", summary="An hour on storm posts.")
    course = make_course(roles.admin, title="TikTok for health systems")
    post = news.create_post(roles.admin, "Summit registration open", "Register now.", "Seats are limited.")
    roles.org.description = "A teaching hospital on the lake shore."
    db.session.commit()
    thread_path = f"/discussions/platforms/{thread.id}-{thread.slug}"
    return {
        f"/library/{resource.slug}": (resource.title, "What to post before", f"/library/{resource.slug}"),
        thread_path: (thread.title, "Which scheduler works?", thread_path),
        f"/orgs/{roles.org.slug}": (roles.org.name, "teaching hospital", f"/orgs/{roles.org.slug}"),
        f"/events/{event.slug}": (event.title, "An hour on storm posts.", f"/events/{event.slug}"),
        f"/courses/{course.slug}": (course.title, "Short videos", f"/courses/{course.slug}"),
        f"/news/{post.slug}": (post.title, "Seats are limited.", f"/news/{post.slug}"),
        f"/library/topics/{topic.slug}": (topic.name, "Crisis communication", f"/library/topics/{topic.slug}"),
    }


def test_public_pages_carry_previews_with_absolute_canonical_addresses(roles, client_as):
    visitor = client_as(None)
    for path, (title, description, canonical) in _public_pages(roles).items():
        response = visitor.get(path + "?utm_source=newsletter")
        assert response.status_code == 200, path
        head = head_of(response)
        assert all(head.meta.get(tag) for tag in SHARE_TAGS), (path, head.meta)
        assert head.meta["og:title"] == title, path
        assert description in head.meta["og:description"], path
        assert head.meta["description"] == head.meta["og:description"]
        assert head.canonical == head.meta["og:url"] == "http://smhn.test" + canonical, path


def test_a_long_summary_is_cut_at_a_word_for_the_preview(roles, client_as):
    resource = make_resource(roles.member, summary="Plan your posts. " * 40, publisher=roles.moderator)
    db.session.commit()
    description = head_of(client_as(None).get(f"/library/{resource.slug}")).meta["og:description"]
    assert len(description) <= 200
    assert description.endswith("…")
    assert description[:-1].split()[-1].rstrip(".") in {"Plan", "your", "posts"}


@pytest.mark.parametrize("viewer", ["member", "moderator"])
def test_members_only_pages_carry_none_of_their_text_in_the_head(roles, client_as, viewer):
    resource = make_resource(
        roles.member,
        title="Internal escalation tree",
        summary="Who we call at night.",
        visibility="members",
        publisher=roles.moderator,
    )
    thread = threads.start_thread(
        roles.member, threads.categories()["crisis-communication"], "Our night rota", "The rota is private."
    )
    event = make_event(roles.admin, title="Members meet-up", summary="Closed session.", visibility="members")
    db.session.commit()
    client = client_as(getattr(roles, viewer))
    paths = (
        f"/library/{resource.slug}",
        f"/discussions/crisis-communication/{thread.id}-{thread.slug}",
        f"/events/{event.slug}",
    )
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        head = head_of(response)
        assert not {"og:title", "og:description", "description", "twitter:title"} & head.meta.keys(), path
        assert head.canonical is None
        text = response.get_data(as_text=True)
        assert 'class="copy-link"' not in text


def test_public_pages_offer_a_copy_link_button_driven_by_a_static_script(roles, client_as):
    resource = make_resource(roles.member, title="Copy me", publisher=roles.moderator)
    db.session.commit()
    text = client_as(None).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert f'data-copy-url="http://smhn.test/library/{resource.slug}"' in text
    assert re.search(r'<script src="/static/js/site\.js\?v=\w+" defer></script>', text)
    assert "<script>" not in text
    script = client_as(None).get("/static/js/site.js")
    assert script.status_code == 200
    assert "clipboard" in script.get_data(as_text=True)


def test_printing_leaves_out_the_navigation(client_as):
    home = client_as(None).get("/").get_data(as_text=True)
    assert re.search(r'href="/static/css/print\.css\?v=\w+" media="print"', home)
    css = client_as(None).get("/static/css/print.css").get_data(as_text=True)
    assert ".site-header" in css and ".site-nav" in css and "display: none" in css
