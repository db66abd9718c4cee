"""Moderators curate any resource: topics and tags, merging duplicates; and the report form on pages."""

from app.audit import AuditEvent
from app.extensions import db
from app.library.models import Topic

from . import builders


def topic(name, slug, group="subject"):
    made = Topic(name=name, slug=slug, group=group)
    db.session.add(made)
    db.session.flush()
    return made


def test_a_moderator_sets_topics_and_tags_of_any_resource(roles, client_as):
    resource = builders.published_resource(roles.other_org, title="Responding to reviews")
    topic("Crisis communication", "crisis-communication")
    topic("Facebook", "facebook", "platform")
    db.session.commit()
    client = client_as(roles.moderator)
    page = client.get(f"/moderation/resources/{resource.id}/curate").get_data(as_text=True)
    assert 'for="topic-facebook"' in page and "Platforms" in page
    response = client.post(
        f"/moderation/resources/{resource.id}/topics",
        data={"topics": ["facebook", "crisis-communication"], "tags": "Reviews, reputation"},
    )
    assert response.status_code == 302
    db.session.refresh(resource)
    assert sorted(t.slug for t in resource.topics) == ["crisis-communication", "facebook"]
    assert sorted(t.name for t in resource.tags) == ["reputation", "reviews"]
    assert db.session.query(AuditEvent).filter_by(action="resource.curate").count() == 1


def test_an_unknown_topic_is_refused_with_a_message(roles, client_as):
    resource = builders.published_resource(roles.other_org)
    db.session.commit()
    response = client_as(roles.moderator).post(
        f"/moderation/resources/{resource.id}/topics", data={"topics": ["no-such-topic"], "tags": "x"}
    )
    assert response.status_code == 422
    assert "Unknown topic" in response.get_data(as_text=True)


def test_merging_a_duplicate_redirects_its_address_to_the_original(roles, client_as, client):
    original = builders.published_resource(roles.org, title="Crisis playbook")
    duplicate = builders.published_resource(roles.other_org, title="Crisis playbook copy")
    db.session.commit()
    response = client_as(roles.moderator).post(
        f"/moderation/resources/{duplicate.id}/merge",
        data={"target": f"http://smhn.test/library/{original.slug}"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/library/{original.slug}")
    moved = client.get(f"/library/{duplicate.slug}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/library/{original.slug}")
    assert (
        db.session.query(AuditEvent).filter_by(action="resource.merge", target_id=duplicate.id).count() == 1
    )


def test_merging_into_itself_or_nowhere_is_refused(roles, client_as):
    resource = builders.published_resource(roles.org, title="Crisis playbook")
    db.session.commit()
    client = client_as(roles.moderator)
    for target in (resource.slug, "no-such-resource", "", "https://evil.example/a/b/c"):
        response = client.post(f"/moderation/resources/{resource.id}/merge", data={"target": target})
        assert response.status_code == 422, target
    db.session.refresh(resource)
    assert resource.merged_into_id is None


def test_the_resource_page_links_moderators_to_curation(roles, client_as):
    resource = builders.published_resource(roles.other_org)
    db.session.commit()
    page = client_as(roles.moderator).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert f"/moderation/resources/{resource.id}/curate" in page
    assert "/moderation/resources" not in client_as(roles.member).get(f"/library/{resource.slug}").get_data(
        as_text=True
    )


def test_members_see_the_report_form_on_others_items_only(roles, client_as, client):
    resource = builders.published_resource(roles.other_org)
    thread = builders.thread(roles.other_member)
    own = builders.thread(roles.member, title="My own question")
    db.session.commit()
    member = client_as(roles.member)
    resource_page = member.get(f"/library/{resource.slug}").get_data(as_text=True)
    assert 'action="/flags"' in resource_page and 'name="target_type" value="resource"' in resource_page
    thread_page = member.get(f"/discussions/threads/{thread.id}", follow_redirects=True).get_data(
        as_text=True
    )
    assert (
        'name="target_type" value="thread"' in thread_page
        and 'name="target_type" value="post"' in thread_page
    )
    own_page = member.get(f"/discussions/threads/{own.id}", follow_redirects=True).get_data(as_text=True)
    assert 'action="/flags"' not in own_page
    assert 'action="/flags"' not in client.get(f"/library/{resource.slug}").get_data(as_text=True)
