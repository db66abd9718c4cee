"""The library's pages through the test client: listing, filters, resource page, forms."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.library.models import Resource, ResourceRevision

from .helpers import make_resource, make_topic


def _create(client, **form):
    data = {
        "title": "Physician voice on LinkedIn",
        "summary": "How our doctors post safely.",
        "body": "## Start small\n\nOne post a month.",
        "kind": "guide",
        "visibility": "public",
        "tags": "linkedin, physicians",
        "action": "draft",
    }
    data.update(form)
    return client.post("/library/new", data=data)


def test_library_lists_published_resources_newest_first(client, roles):
    make_resource(roles.member, title="Older guide", publisher=roles.moderator)
    make_resource(roles.member, title="Newer guide", publisher=roles.moderator)
    make_resource(roles.member, title="Unfinished draft", status="draft")
    db.session.commit()
    body = client.get("/library").get_data(as_text=True)
    assert body.index("Newer guide") < body.index("Older guide")
    assert "Unfinished draft" not in body
    assert "2 resources" in body


def test_library_filters_by_kind_topic_tag_and_organisation(client, roles):
    make_topic("Crisis communication")
    make_resource(roles.member, title="Storm playbook", kind="toolkit", topics=("crisis-communication",),
                  tags=("storms",), publisher=roles.moderator)
    make_resource(roles.other_member, title="Flu season posts", kind="guide", publisher=roles.moderator)
    db.session.commit()
    assert "Storm playbook" in client.get("/library?kind=toolkit").get_data(as_text=True)
    assert "Flu season posts" not in client.get("/library?kind=toolkit").get_data(as_text=True)
    assert "Flu season posts" not in client.get("/library?topic=crisis-communication").get_data(as_text=True)
    assert "Storm playbook" in client.get("/library?tag=storms").get_data(as_text=True)
    by_org = client.get(f"/library?org={roles.other_org.slug}").get_data(as_text=True)
    assert "Flu season posts" in by_org and "Storm playbook" not in by_org


def test_library_sorts_by_most_helpful(client_as, roles):
    from app.library import engagement

    loved = make_resource(roles.member, title="Loved guide", publisher=roles.moderator)
    make_resource(roles.member, title="Newest guide", publisher=roles.moderator)
    engagement.vote_helpful(roles.other_member, loved)
    db.session.commit()
    body = client_as(None).get("/library?sort=helpful").get_data(as_text=True)
    assert body.index("Loved guide") < body.index("Newest guide")


def test_bad_filter_values_are_ignored(client, roles):
    response = client.get("/library?kind=<script>&sort=drop&page=-4&visibility=secret")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


def test_library_paginates(client, roles):
    for n in range(23):
        make_resource(roles.member, title=f"Guide number {n}", publisher=roles.moderator)
    db.session.commit()
    first = client.get("/library").get_data(as_text=True)
    second = client.get("/library?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Guide number 22" in first
    assert "Guide number 0" in second and "Guide number 22" not in second


def test_resource_page_shows_everything_a_reader_needs(client, roles):
    make_topic("Patient privacy")
    resource = make_resource(roles.member, title="HIPAA basics for social teams", topics=("patient-privacy",),
                             tags=("hipaa",), body="Never post **patient** photos.", publisher=roles.moderator)
    related = make_resource(roles.other_member, title="Consent forms that work", topics=("patient-privacy",),
                            publisher=roles.moderator)
    db.session.commit()
    body = client.get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "<strong>patient</strong>" in body
    assert roles.org.name in body and roles.member.name in body
    assert "Patient privacy" in body and "#hipaa" in body
    assert "1 revision" in body
    assert related.title in body
    assert 'id="discuss' in body or "Related resources" in body


def test_a_member_creates_a_draft_through_the_form(client_as, roles):
    response = _create(client_as(roles.member))
    assert response.status_code == 302
    resource = db.session.execute(select(Resource)).scalar_one()
    assert resource.status == "draft" and resource.author_id == roles.member.id
    assert [t.name for t in resource.tags] == ["linkedin", "physicians"]


def test_the_form_ignores_fields_users_may_not_set(client_as, roles):
    response = _create(
        client_as(roles.member),
        action="draft",
        author_id=str(roles.moderator.id),
        organisation_id=str(roles.other_org.id),
        status="published",
        featured="1",
        role="admin",
        helpful_count="999",
        view_count="999",
    )
    assert response.status_code == 302
    resource = db.session.execute(select(Resource)).scalar_one()
    assert resource.author_id == roles.member.id
    assert resource.organisation_id == roles.org.id
    assert resource.status == "draft"
    assert not resource.featured
    assert resource.helpful_count == 0 and resource.view_count == 0


def test_the_form_ignores_another_organisation_for_a_member_of_one(client_as, roles):
    assert _create(client_as(roles.member), organisation=str(roles.other_org.id)).status_code == 302
    assert db.session.execute(select(Resource.organisation_id)).scalar_one() == roles.org.id


def test_a_member_of_two_organisations_picks_one_of_theirs_only(client_as, roles):
    from tests.factories import add_member, make_org

    third = make_org("Third Hospital")
    add_member(roles.other_org, roles.member)
    db.session.commit()
    client = client_as(roles.member)
    assert _create(client, organisation=str(third.id)).status_code == 422
    assert _create(client, organisation=str(roles.other_org.id)).status_code == 302
    assert db.session.execute(select(Resource.organisation_id)).scalar_one() == roles.other_org.id


def test_edit_ignores_posted_status_featured_and_author(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    response = client_as(roles.member).post(
        f"/library/{resource.slug}/edit",
        data={
            "title": "A better title", "summary": "", "body": "New body", "kind": "guide",
            "visibility": "public", "tags": "", "status": "published", "featured": "1",
            "author_id": str(roles.other_member.id), "organisation": str(roles.other_org.id),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    resource = db.session.get(Resource, resource.id)
    assert resource.title == "A better title"
    assert (resource.status, resource.featured, resource.author_id, resource.organisation_id) == (
        "draft", False, roles.member.id, roles.org.id)


def test_bad_input_re_renders_the_form_with_messages_and_keeps_the_text(client_as, roles):
    response = _create(client_as(roles.member), title="ab", external_url="javascript:alert(1)",
                       body="My long careful text")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "My long careful text" in body
    assert "http://" in body  # the link message


def test_preview_renders_markdown_without_saving(client_as, roles):
    response = _create(client_as(roles.member), action="preview", body="Hello **world** <script>x()</script>")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<strong>world</strong>" in body
    assert "<script>x()" not in body
    assert db.session.execute(select(Resource)).first() is None


def test_edit_keeps_a_revision_with_the_change_note(client_as, roles):
    resource = make_resource(roles.member, status="draft", body="First text")
    db.session.commit()
    client_as(roles.member).post(
        f"/library/{resource.slug}/edit",
        data={"title": resource.title, "body": "Second text", "kind": "guide", "visibility": "public",
              "note": "Clarified step two"},
    )
    notes = (
        db.session.execute(
            select(ResourceRevision.note)
            .where(ResourceRevision.resource_id == resource.id)
            .order_by(ResourceRevision.number)
        )
        .scalars()
        .all()
    )
    assert notes == ["Created", "Clarified step two"]


def test_outsiders_cannot_open_the_create_form(client_as, roles):
    assert client_as(roles.outsider).get("/library/new").status_code == 403


def test_visitors_are_sent_to_sign_in_for_the_create_form(client, roles):
    response = client.get("/library/new")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_submit_and_approve_through_the_pages(client_as, roles, mailbox):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    assert client_as(roles.member).post(f"/library/{resource.slug}/submit").status_code == 302
    assert client_as(roles.moderator).post(f"/library/{resource.slug}/approve").status_code == 302
    db.session.expire_all()
    assert db.session.get(Resource, resource.id).status == "published"


def test_return_through_the_page_needs_a_reason(client_as, roles):
    resource = make_resource(roles.member, status="pending")
    db.session.commit()
    moderator = client_as(roles.moderator)
    assert moderator.post(f"/library/{resource.slug}/return", data={"return-reason": ""}).status_code == 400
    assert moderator.post(f"/library/{resource.slug}/return", data={"return-reason": "Add sources"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Resource, resource.id).return_reason == "Add sources"


def test_my_organisation_page_lists_drafts_and_pending(client_as, roles):
    make_resource(roles.member, title="Our draft", status="draft")
    make_resource(roles.org_admin, title="Waiting one", status="pending")
    make_resource(roles.other_member, title="Their draft", status="draft")
    db.session.commit()
    body = client_as(roles.member).get("/library/mine").get_data(as_text=True)
    assert "Our draft" in body and "Waiting one" in body and "Their draft" not in body


def test_home_page_shows_featured_and_latest(client, roles):
    from app.library import service

    featured = make_resource(roles.member, title="Starter guide", publisher=roles.moderator)
    service.feature_resource(roles.moderator, featured, True)
    make_resource(roles.member, title="Members only memo", visibility="members", publisher=roles.moderator)
    db.session.commit()
    body = client.get("/").get_data(as_text=True)
    assert "Featured resources" in body and "Starter guide" in body
    assert "Members only memo" not in body


def test_titles_are_escaped_everywhere(client, roles):
    resource = make_resource(roles.member, title="<img src=x onerror=alert(1)> guide", publisher=roles.moderator)
    db.session.commit()
    for url in ("/library", f"/library/{resource.slug}", "/", "/library/feed.atom"):
        body = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in body, url
