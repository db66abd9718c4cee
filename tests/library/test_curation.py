"""Featured resources, collections (moderators) and the topic list (admins)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.errors import Conflict, PermissionDenied
from app.extensions import db
from app.library import curation, service
from app.library.models import Collection, CollectionItem, Topic

from .helpers import make_resource


def test_feature_and_unfeature_through_the_page(client_as, roles):
    resource = make_resource(roles.member, title="Starter kit guide", publisher=roles.moderator)
    db.session.commit()
    moderator = client_as(roles.moderator)
    assert moderator.post(f"/library/{resource.slug}/feature", data={"featured": "1"}).status_code == 302
    assert "Featured resources" in client_as(None).get("/").get_data(as_text=True)
    moderator.post(f"/library/{resource.slug}/feature", data={"featured": "0"})
    assert "Featured resources" not in client_as(None).get("/").get_data(as_text=True)
    actions = db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    assert actions[-2:] == ["resource.feature", "resource.unfeature"]


def test_members_cannot_feature(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    assert (
        client_as(roles.org_admin).post(f"/library/{resource.slug}/feature", data={"featured": "1"}).status_code == 403
    )


def test_a_collection_keeps_order_and_notes(roles):
    first = make_resource(roles.member, title="First read", publisher=roles.moderator)
    second = make_resource(roles.member, title="Second read", publisher=roles.moderator)
    kit = curation.create_collection(
        roles.moderator, "Starter kit for a new hospital social media team", "Read in order."
    )
    curation.add_to_collection(roles.moderator, kit, first, "Start here")
    item = curation.add_to_collection(roles.moderator, kit, second, "Then this")
    curation.move_item(roles.moderator, kit, item.id, "up")
    items = curation.collection_items(None, kit)
    assert [(i.resource.title, i.note) for i in items] == [("Second read", "Then this"), ("First read", "Start here")]
    with pytest.raises(Conflict):
        curation.add_to_collection(roles.moderator, kit, first)


def test_only_moderators_manage_collections(roles):
    with pytest.raises(PermissionDenied):
        curation.create_collection(roles.org_admin, "My own kit")


def test_collections_hide_members_only_items_from_visitors(client_as, roles):
    public = make_resource(roles.member, title="Public read", publisher=roles.moderator)
    members = make_resource(roles.member, title="Members read", visibility="members", publisher=roles.moderator)
    kit = curation.create_collection(roles.moderator, "Mixed kit")
    curation.add_to_collection(roles.moderator, kit, public)
    curation.add_to_collection(roles.moderator, kit, members)
    db.session.commit()
    visitor = client_as(None)
    assert "1 resource" in visitor.get("/library/collections").get_data(as_text=True)
    page = visitor.get(f"/library/collections/{kit.slug}").get_data(as_text=True)
    assert "Public read" in page and "Members read" not in page
    assert "Members read" in client_as(roles.other_member).get(f"/library/collections/{kit.slug}").get_data(
        as_text=True
    )


def test_moderators_build_a_collection_through_the_pages(client_as, roles):
    resource = make_resource(roles.member, title="Crisis playbook", publisher=roles.moderator)
    db.session.commit()
    moderator = client_as(roles.moderator)
    response = moderator.post("/library/collections", data={"title": "Crisis kit", "description": "For storms"})
    assert response.status_code == 302
    kit = db.session.execute(select(Collection)).scalar_one()
    page = moderator.get(f"/library/collections/{kit.slug}").get_data(as_text=True)
    assert "Crisis playbook" in page  # offered in the add form
    moderator.post(f"/library/collections/{kit.slug}/items", data={"resource": str(resource.id), "note": "Read first"})
    item = db.session.execute(select(CollectionItem)).scalar_one()
    assert item.note == "Read first"
    moderator.post(f"/library/collections/{kit.slug}/items/{item.id}/note", data={"note": "Updated note"})
    db.session.expire_all()
    assert db.session.get(CollectionItem, item.id).note == "Updated note"
    moderator.post(f"/library/collections/{kit.slug}/items/{item.id}/remove")
    assert db.session.execute(select(CollectionItem)).first() is None


def test_members_cannot_post_to_collection_routes(client_as, roles):
    kit = curation.create_collection(roles.moderator, "Kit")
    db.session.commit()
    member = client_as(roles.member)
    assert member.post("/library/collections", data={"title": "Mine"}).status_code == 403
    assert member.post(f"/library/collections/{kit.slug}/delete").status_code == 403
    assert member.post(f"/library/collections/{kit.slug}/items", data={"resource": "1"}).status_code == 403


def test_unpublished_resources_cannot_join_a_collection(roles):
    draft = make_resource(roles.member, status="draft")
    kit = curation.create_collection(roles.moderator, "Kit")
    with pytest.raises(Conflict):
        curation.add_to_collection(roles.moderator, kit, draft)


def test_admins_manage_topics(client_as, roles):
    admin = client_as(roles.admin)
    assert admin.post("/admin/topics", data={"name": "Threads", "group": "platform"}).status_code == 302
    topic = db.session.execute(select(Topic)).scalar_one()
    assert (topic.slug, topic.group) == ("threads", "platform")
    assert admin.post("/admin/topics", data={"name": "threads", "group": "platform"}).status_code == 422
    admin.post(
        f"/admin/topics/{topic.id}/edit", data={f"t{topic.id}-name": "Threads app", f"t{topic.id}-group": "platform"}
    )
    db.session.expire_all()
    assert db.session.get(Topic, topic.id).slug == "threads-app"
    admin.post(f"/admin/topics/{topic.id}/delete")
    assert db.session.execute(select(Topic)).first() is None


def test_moderators_and_members_cannot_manage_topics(client_as, roles):
    for user in (roles.moderator, roles.org_admin):
        assert client_as(user).get("/admin/topics").status_code == 403
        assert client_as(user).post("/admin/topics", data={"name": "X", "group": "platform"}).status_code == 403


def test_default_topics_are_created_once(ctx):
    first = curation.ensure_default_topics()
    second = curation.ensure_default_topics()
    assert len(first) == len(second) >= 11
    assert {"facebook", "x", "linkedin", "youtube", "instagram", "tiktok", "patient-privacy",
            "crisis-communication", "physician-voice", "employee-advocacy", "measurement"} <= {t.slug for t in second}


def test_deleting_a_topic_keeps_the_resource(roles):
    from .helpers import make_topic

    topic = make_topic("Facebook", "platform")
    resource = make_resource(roles.member, topics=("facebook",), publisher=roles.moderator)
    curation.delete_topic(roles.admin, topic)
    db.session.expire_all()
    assert service.count_revisions(resource) == 1
    assert resource.topics == []
