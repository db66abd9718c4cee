"""“Discuss this”: a thread about a library resource links back to it, and the resource lists its threads."""

from __future__ import annotations

from app.discussions import service
from app.extensions import db

from ..factories.discussions import start_thread
from ..factories.library import make_resource


def test_discuss_this_starts_a_thread_that_links_back_to_the_resource(client_as, roles, cats):
    resource = make_resource(roles.member, title="Crisis playbook for measles", publisher=roles.moderator)
    db.session.commit()
    client = client_as(roles.other_member)
    detail = client.get(f"/library/{resource.slug}").get_data(as_text=True)
    assert f'href="/discussions/new?resource={resource.id}"' in detail
    form = client.get(f"/discussions/new?resource={resource.id}").get_data(as_text=True)
    assert "Crisis playbook for measles" in form
    response = client.post(
        "/discussions/new",
        data={
            "category_id": cats["crisis-communication"].id,
            "title": "Using the measles playbook",
            "body": "Has anyone adapted it?",
            "resource_id": resource.id,
        },
    )
    assert response.status_code == 302
    thread_page = client.get(response.location).get_data(as_text=True)
    assert f'href="/library/{resource.slug}"' in thread_page
    detail = client_as(roles.member).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "Using the measles playbook" in detail


def test_a_resource_lists_only_threads_the_reader_may_see(roles, cats):
    resource = make_resource(roles.member, title="Public toolkit", publisher=roles.moderator)
    start_thread(roles.member, cats["platforms"], title="Open talk about the toolkit", resource=resource)
    start_thread(
        roles.member, cats["crisis-communication"], title="Members talk about the toolkit", resource=resource
    )
    assert [t.title for t in service.threads_for_resource(None, resource)] == ["Open talk about the toolkit"]
    assert {t.title for t in service.threads_for_resource(roles.other_member, resource)} == {
        "Open talk about the toolkit",
        "Members talk about the toolkit",
    }


def test_a_members_only_resource_is_discussed_only_in_members_only_categories(client_as, roles, cats):
    resource = make_resource(
        roles.member, title="Internal escalation policy", visibility="members", publisher=roles.moderator
    )
    db.session.commit()
    client = client_as(roles.member)
    response = client.post(
        "/discussions/new",
        data={
            "category_id": cats["platforms"].id,
            "title": "Talking about the policy",
            "body": "Thoughts?",
            "resource_id": resource.id,
        },
    )
    assert response.status_code == 422
    assert "members-only category" in response.get_data(as_text=True)
    form = client.get(f"/discussions/new?resource={resource.id}").get_data(as_text=True)
    assert ">Platforms<" not in form and ">Crisis communication<" in form


def test_a_resource_the_member_cannot_see_cannot_be_discussed(client_as, roles, cats):
    draft = make_resource(roles.member, title="Unpublished draft", status="draft")
    db.session.commit()
    assert client_as(roles.other_member).get(f"/discussions/new?resource={draft.id}").status_code == 404
