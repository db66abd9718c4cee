"""Each visibility rule has two faces, the predicate ``can()`` asks and the SQL filter lists use:
for every kind of viewer over items in every state, both must pick exactly the same items
(docs/SECURITY.md 18)."""

from __future__ import annotations

from typing import Any

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.discussions import service as discussions
from app.discussions.models import Category, Post, Thread
from app.discussions.visibility import category_clause, post_clause, thread_clause
from app.extensions import db
from app.library import service as library
from app.library.models import Resource
from app.library.visibility import is_listed_for, listed_clause, viewable_clause
from app.permissions import can

from .discussions.helpers import categories
from .library.helpers import make_resource

VIEWERS = ("visitor", "anonymous", "outsider", "member", "org_admin", "other_member", "moderator", "admin")


def _viewer(roles: Any, name: str) -> Any:
    if name == "visitor":
        return None
    if name == "anonymous":
        return AnonymousUserMixin()
    return getattr(roles, name)


@pytest.fixture
def library_world(roles: Any) -> list[Resource]:
    """Resources of both organisations in every status and visibility, one hidden, one merged."""
    made = []
    for author in (roles.member, roles.other_member):
        for visibility in ("public", "members"):
            for status in ("draft", "pending", "returned", "published", "archived", "hidden"):
                made.append(make_resource(author, visibility=visibility, status=status, publisher=roles.moderator))
    duplicate = make_resource(roles.member, title="A duplicate", publisher=roles.moderator)
    library.merge_resource(roles.moderator, duplicate, made[3])
    db.session.commit()
    return made + [duplicate]


@pytest.mark.parametrize("name", VIEWERS)
def test_resource_view_rule_and_its_filter_agree(roles, library_world, name):
    viewer = _viewer(roles, name)
    by_rule = {r.id for r in library_world if can(viewer, "resource.view", r)}
    by_filter = set(db.session.execute(select(Resource.id).where(viewable_clause(viewer))).scalars())
    assert by_rule == by_filter
    assert by_rule, "every viewer sees at least the published public resources"


@pytest.mark.parametrize("name", VIEWERS)
def test_resource_listed_rule_and_its_filter_agree(roles, library_world, name):
    viewer = _viewer(roles, name)
    by_rule = {r.id for r in library_world if is_listed_for(viewer, r)}
    by_filter = set(db.session.execute(select(Resource.id).where(listed_clause(viewer))).scalars())
    assert by_rule == by_filter
    assert all(can(viewer, "resource.view", r) for r in library_world if r.id in by_rule)


@pytest.fixture
def discussion_world(roles: Any) -> list[Thread]:
    """Threads in a public and a members-only category: listed, hidden, with held and hidden posts."""
    found = categories()
    made = []
    for where in (found["platforms"], found["crisis-communication"]):
        listed = discussions.create_thread(roles.member, where, "A listed thread", "Plain advice.")
        discussions.reply_to_thread(roles.other_member, listed, "A reply.")
        held = discussions.reply_to_thread(
            roles.member, listed, "Her DOB 03/14/1962 is in the note.", send_for_review=True
        )
        hidden = discussions.create_thread(roles.other_member, where, "A hidden thread", "Advice.")
        discussions.hide_thread(roles.moderator, hidden, "Off topic")
        made += [listed, hidden]
        assert held.status == "held"
    db.session.commit()
    return made


@pytest.mark.parametrize("name", VIEWERS)
def test_discussion_rules_and_their_filters_agree(roles, discussion_world, name):
    viewer = _viewer(roles, name)
    all_categories = list(db.session.execute(select(Category)).scalars())
    by_rule = {c.id for c in all_categories if can(viewer, "category.view", c)}
    by_filter = set(db.session.execute(select(Category.id).where(category_clause(viewer))).scalars())
    assert by_rule == by_filter

    threads = list(db.session.execute(select(Thread)).scalars())
    by_rule = {t.id for t in threads if can(viewer, "thread.view", t)}
    query = select(Thread.id).join(Category, Category.id == Thread.category_id).where(thread_clause(viewer))
    assert by_rule == set(db.session.execute(query).scalars())

    readable = [t.id for t in threads if can(viewer, "thread.view", t)]
    posts = list(db.session.execute(select(Post).where(Post.thread_id.in_(readable))).scalars())
    by_rule = {p.id for p in posts if can(viewer, "post.view", p)}
    query = select(Post.id).where(Post.thread_id.in_(readable), post_clause(viewer))
    assert by_rule == set(db.session.execute(query).scalars())
