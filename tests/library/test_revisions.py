"""Revisions: every saved edit is kept, diffs are readable and escaped, old ones can be restored;
old slugs redirect after a title change."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.library import service
from app.library.diff import diff_lines
from app.library.models import ResourceRevision

from .helpers import make_resource, make_topic


def _edit(actor, resource, **changes):
    data = service.ResourceInput(
        title=changes.pop("title", resource.title),
        summary=changes.pop("summary", resource.summary),
        body=changes.pop("body", resource.body_source),
        kind=changes.pop("kind", resource.kind),
        visibility=changes.pop("visibility", resource.visibility),
        topics=changes.pop("topics", [t.slug for t in resource.topics]),
        tags=changes.pop("tags", [t.name for t in resource.tags]),
        external_url=changes.pop("external_url", resource.external_url),
    )
    return service.edit_resource(actor, resource, data, **changes)


def test_every_saved_edit_keeps_a_full_snapshot(roles):
    make_topic("TikTok", "platform")
    resource = make_resource(roles.member, status="draft", body="one")
    _edit(roles.member, resource, body="one\ntwo", note="Added step two")
    _edit(roles.member, resource, topics=["tiktok"], tags=["video"], visibility="members", note="Retagged")
    revisions = service.list_revisions(roles.member, resource)
    assert [r.number for r in revisions] == [3, 2, 1]
    latest = revisions[0]
    assert (latest.body_source, latest.topics, latest.tags, latest.visibility) == (
        "one\ntwo",
        ["tiktok"],
        ["video"],
        "members",
    )
    assert latest.editor_id == roles.member.id and latest.note == "Retagged"


def test_an_edit_that_changes_nothing_keeps_no_revision(roles):
    resource = make_resource(roles.member, status="draft")
    assert _edit(roles.member, resource) is None
    assert service.count_revisions(resource) == 1


def test_restore_makes_a_new_revision_with_the_old_content(roles):
    resource = make_resource(roles.member, status="draft", title="Original title", body="first body")
    _edit(roles.member, resource, title="Second title", body="second body")
    revision = service.restore_revision(roles.member, resource, 1)
    assert revision.number == 3 and revision.note == "Restored revision 1"
    assert (resource.title, resource.body_source) == ("Original title", "first body")
    assert "first body" in resource.body_html


def test_diff_marks_added_and_removed_lines_with_context():
    rows = diff_lines(
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "E", "f", "g", "h", "i"], context=1
    )
    assert [(r.op, r.text) for r in rows] == [("…", ""), (" ", "d"), ("-", "e"), ("+", "E"), (" ", "f"), ("…", "")]


def test_diff_page_shows_changes_escaped(client_as, roles):
    resource = make_resource(roles.member, status="draft", body="Keep this line\n<b>old</b> line")
    _edit(roles.member, resource, body="Keep this line\n<script>alert(1)</script> new line", note="Rewrote")
    db.session.commit()
    response = client_as(roles.member).get(f"/library/{resource.slug}/revisions/1/diff/2")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; new line" in body
    assert "&lt;b&gt;old&lt;/b&gt; line" in body
    assert "<script>alert(1)" not in body
    assert "diff-add" in body and "diff-del" in body


def test_revisions_page_lists_each_edit_with_who_and_note(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    _edit(roles.org_admin, resource, body="changed by the admin", note="Tidied wording")
    db.session.commit()
    body = client_as(roles.member).get(f"/library/{resource.slug}/revisions").get_data(as_text=True)
    assert "Tidied wording" in body and roles.org_admin.name in body
    assert "Changes from 1" in body


def test_compare_form_redirects_to_the_diff(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    _edit(roles.member, resource, body="v2")
    db.session.commit()
    response = client_as(roles.member).get(f"/library/{resource.slug}/revisions/compare?a=2&b=1")
    assert response.headers["Location"].endswith(f"/library/{resource.slug}/revisions/1/diff/2")


def test_restore_through_the_page(client_as, roles):
    resource = make_resource(roles.member, status="draft", body="first")
    _edit(roles.member, resource, body="second")
    db.session.commit()
    response = client_as(roles.member).post(f"/library/{resource.slug}/revisions/1/restore")
    assert response.status_code == 302
    db.session.expire_all()
    numbers = db.session.execute(
        select(ResourceRevision.number).where(ResourceRevision.resource_id == resource.id)
    ).scalars().all()
    assert sorted(numbers) == [1, 2, 3]


def test_a_missing_revision_is_not_found(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    assert client_as(roles.member).get(f"/library/{resource.slug}/revisions/1/diff/9").status_code == 404


def test_a_title_change_keeps_the_old_url_working_with_a_301(client_as, roles):
    resource = make_resource(roles.member, title="Crisis checklist", publisher=roles.moderator)
    _edit(roles.member, resource, title="Crisis checklist for weekends")
    db.session.commit()
    assert resource.slug == "crisis-checklist-for-weekends"
    response = client_as(None).get("/library/crisis-checklist")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/library/crisis-checklist-for-weekends")
    assert client_as(None).get("/library/crisis-checklist/revisions").status_code in (302, 301)


def test_an_old_slug_of_a_private_resource_reveals_nothing(client_as, roles):
    resource = make_resource(roles.member, title="Draft about storms", status="draft")
    _edit(roles.member, resource, title="Secret new title")
    db.session.commit()
    response = client_as(roles.other_member).get("/library/draft-about-storms")
    assert response.status_code == 404
    assert "secret" not in response.headers.get("Location", "")


def test_a_new_resource_never_takes_a_slug_that_still_redirects(roles):
    first = make_resource(roles.member, title="Flu guide", status="draft")
    _edit(roles.member, first, title="Flu guide 2025")
    second = make_resource(roles.member, title="Flu guide", status="draft")
    assert second.slug == "flu-guide-2"


def test_reserved_words_never_become_slugs(roles):
    resource = make_resource(roles.member, title="Bookmarks", status="draft")
    assert resource.slug == "bookmarks-2"


def test_a_merged_duplicate_redirects_to_its_target(client_as, roles):
    target = make_resource(roles.member, title="The guide", publisher=roles.moderator)
    duplicate = make_resource(roles.other_member, title="The guide again", publisher=roles.moderator)
    service.merge_resource(roles.moderator, duplicate, target)
    db.session.commit()
    response = client_as(None).get("/library/the-guide-again")
    assert response.status_code == 301 and response.headers["Location"].endswith("/library/the-guide")
