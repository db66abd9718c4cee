"""Visitors' pages come from a cache, yet a visitor sees every change right after its commit.

Signed-in people never get a cached page, and no page that carries a CSRF token or a flashed
message is ever shared.
"""

from __future__ import annotations

from sqlalchemy import event

from app import telemetry
from app.extensions import db
from app.library import service
from app.library.models import Resource

from .factories.library import make_resource


def _statements(app, client, url: str) -> tuple[int, object]:
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), response


def _edit_summary(actor, resource, summary: str) -> None:
    service.edit_resource(
        actor,
        resource,
        service.ResourceInput(
            title=resource.title,
            summary=summary,
            body=resource.body_source,
            kind=resource.kind,
            visibility=resource.visibility,
        ),
    )
    db.session.commit()


def test_a_second_visitor_is_served_without_touching_the_database(app, ctx, client_as, roles):
    resource = make_resource(roles.member, title="Answering angry comments", publisher=roles.moderator)
    db.session.commit()
    for url in ("/", "/library", f"/library/{resource.slug}", "/discussions", f"/orgs/{roles.org.slug}"):
        first, response = _statements(app, client_as(None), url)
        assert response.status_code == 200 and first > 0, url
        again, response = _statements(app, client_as(None), url)
        assert response.status_code == 200 and again == 0, url
    telemetry.flush(app)


def test_a_visitor_sees_a_new_changed_and_hidden_resource_right_after_the_commit(ctx, client_as, roles):
    visitor = client_as(None)
    assert "Answering angry comments" not in visitor.get("/library").get_data(as_text=True)
    resource = make_resource(roles.member, title="Answering angry comments", publisher=roles.moderator)
    db.session.commit()
    assert "Answering angry comments" in visitor.get("/library").get_data(as_text=True)
    assert "Answering angry comments" in visitor.get("/").get_data(as_text=True)
    page = f"/library/{resource.slug}"
    assert "Kind words first" not in visitor.get(page).get_data(as_text=True)

    _edit_summary(roles.moderator, resource, "Kind words first, then the facts.")
    assert "Kind words first" in visitor.get(page).get_data(as_text=True)
    assert "Kind words first" in client_as(None).get("/library").get_data(as_text=True)

    service.hide_resource(roles.moderator, resource, "Under review")
    db.session.commit()
    assert visitor.get(page).status_code == 404
    assert "Answering angry comments" not in visitor.get("/library").get_data(as_text=True)
    assert "Answering angry comments" not in visitor.get("/").get_data(as_text=True)
    telemetry.flush()


def test_members_and_visitors_never_get_each_other_s_page(ctx, client_as, roles):
    make_resource(roles.member, title="Public crisis guide", publisher=roles.moderator)
    make_resource(roles.member, title="Members only playbook", visibility="members", publisher=roles.moderator)
    db.session.commit()
    visitor_page = client_as(None).get("/library").get_data(as_text=True)
    assert "Public crisis guide" in visitor_page and "Members only playbook" not in visitor_page

    member = client_as(roles.other_member)
    member_page = member.get("/library")
    assert "Members only playbook" in member_page.get_data(as_text=True)
    assert member_page.headers["Cache-Control"] == "no-store" and "ETag" not in member_page.headers

    again = client_as(None).get("/library").get_data(as_text=True)
    assert "Members only playbook" not in again and "Otto Othermember" not in again


def test_flashed_messages_and_csrf_tokens_are_never_shared(app, ctx, roles):
    app.config["WTF_CSRF_ENABLED"] = True
    resource = make_resource(roles.member, title="Answering angry comments", publisher=roles.moderator)
    db.session.commit()
    for url in ("/", "/library", f"/library/{resource.slug}", "/discussions", f"/orgs/{roles.org.slug}"):
        response = app.test_client().get(url)
        assert "csrf_token" not in response.get_data(as_text=True), url
        assert "Set-Cookie" not in response.headers, url
    telemetry.flush(app)

    flashed = app.test_client()
    with flashed.session_transaction() as session:
        session["_flashes"] = [("success", "Your secret message was sent")]
    assert "Your secret message was sent" in flashed.get("/library").get_data(as_text=True)
    assert "Your secret message was sent" not in app.test_client().get("/library").get_data(as_text=True)


def test_visitors_revalidate_with_etags_and_get_304_until_something_changes(ctx, client_as, roles):
    resource = make_resource(roles.member, title="Answering angry comments", publisher=roles.moderator)
    db.session.commit()
    first = client_as(None).get("/library")
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["Last-Modified"]
    etag = first.headers["ETag"]
    unchanged = client_as(None).get("/library", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.data == b""

    _edit_summary(roles.moderator, resource, "Kind words first, then the facts.")
    changed = client_as(None).get("/library", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Kind words first" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag
    telemetry.flush()


def test_a_page_served_from_the_cache_still_counts_the_visitor_s_view(app, ctx, client_as, roles):
    resource = make_resource(roles.member, title="Answering angry comments", publisher=roles.moderator)
    db.session.commit()
    for browser in ("Firefox", "Chromium", "Safari"):
        assert client_as(None).get(f"/library/{resource.slug}", headers={"User-Agent": browser}).status_code == 200
    telemetry.flush(app)
    db.session.expire_all()
    assert db.session.get(Resource, resource.id).view_count == 3


def test_the_visitors_home_lists_never_carry_members_only_items(ctx, client_as, roles):
    """Members get a home of their own; the visitors' shared lists hold public items only."""
    make_resource(roles.member, title="Members only playbook", visibility="members", publisher=roles.moderator)
    make_resource(roles.member, title="Public playbook", publisher=roles.moderator)
    db.session.commit()
    assert "Members only playbook" in client_as(roles.member).get("/").get_data(as_text=True)  # their own work
    assert "Members only playbook" not in client_as(roles.outsider).get("/").get_data(as_text=True)
    for _ in range(2):  # the second visitor is served from the cache
        page = client_as(None).get("/").get_data(as_text=True)
        assert "Public playbook" in page and "Members only playbook" not in page
