"""Atom feeds: well-formed, escaped, absolute links from SITE_URL, public published items only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.extensions import db

from ..factories.library import make_resource, make_topic

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.get_data())
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_library_feed_lists_public_items_newest_first_with_absolute_links(client, roles):
    make_resource(roles.member, title="Older public guide", publisher=roles.moderator)
    make_resource(roles.member, title="Newer public guide", publisher=roles.moderator)
    make_resource(roles.member, title="Members memo", visibility="members", publisher=roles.moderator)
    db.session.commit()
    root, entries = _entries(client, "/library/feed.atom")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["Newer public guide", "Older public guide"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://smhn.test/library/newer-public-guide"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://smhn.test/library/feed.atom"
    assert entries[0].find(f"{ATOM}id").text.startswith("tag:smhn.test,")


def test_hostile_text_is_escaped_and_control_characters_dropped(client, roles):
    make_resource(roles.member, title="Tips & <tricks> for \"X\"", summary="\x01</summary><script>alert(1)</script>",
                  publisher=roles.moderator)
    db.session.commit()
    raw = client.get("/library/feed.atom").get_data(as_text=True)
    assert "<script>" not in raw and "<tricks>" not in raw
    _, entries = _entries(client, "/library/feed.atom")
    assert entries[0].find(f"{ATOM}title").text == "Tips & <tricks> for \"X\""
    assert entries[0].find(f"{ATOM}summary").text == "</summary><script>alert(1)</script>"


def test_topic_and_organisation_feeds_narrow_the_list(client, roles):
    make_topic("YouTube", "platform")
    make_resource(roles.member, title="Video tips", topics=("youtube",), publisher=roles.moderator)
    make_resource(roles.other_member, title="Other org text", publisher=roles.moderator)
    db.session.commit()
    _, by_topic = _entries(client, "/library/topics/youtube/feed.atom")
    assert [e.find(f"{ATOM}title").text for e in by_topic] == ["Video tips"]
    _, by_org = _entries(client, f"/library/orgs/{roles.other_org.slug}/feed.atom")
    assert [e.find(f"{ATOM}title").text for e in by_org] == ["Other org text"]


def test_unknown_topic_or_organisation_feed_is_not_found(client, roles):
    assert client.get("/library/topics/nope/feed.atom").status_code == 404
    assert client.get("/library/orgs/nope/feed.atom").status_code == 404


def test_an_unapproved_organisation_has_no_feed(client, roles):
    from tests.factories import make_org

    applied = make_org("Applicant Clinic", status="applied")
    db.session.commit()
    assert client.get(f"/library/orgs/{applied.slug}/feed.atom").status_code == 404
