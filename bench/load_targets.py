"""The pages the load test and the profiler visit, found in whatever data the database holds.

Picks the most viewed public resource, the busiest public thread and the organisation with the
most resources, so the same query finds comparable pages in the demo data and in ``seed scale``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.discussions.models import Category, Thread
from app.extensions import db
from app.library.models import Resource
from app.orgs.models import Organisation

MEMBER_EMAIL = "pavel.thompson@mercyvalley.example"
DEMO_PASSWORD = "demo-network-password"


@dataclass(frozen=True)
class Targets:
    resource_slug: str
    thread_path: str
    org_slug: str
    search_word: str
    member_email: str = MEMBER_EMAIL


def find_targets() -> Targets:
    """Call inside an app context."""
    resource = db.session.scalars(
        select(Resource)
        .where(Resource.status == "published", Resource.visibility == "public", Resource.hidden_at.is_(None))
        .order_by(Resource.view_count.desc(), Resource.id)
        .limit(1)
    ).one()
    thread = db.session.execute(
        select(Thread.id, Thread.slug, Category.slug)
        .join(Category, Category.id == Thread.category_id)
        .where(Category.visibility == "public", Thread.status == "published")
        .order_by(Thread.last_position.desc(), Thread.id)
        .limit(1)
    ).one()
    org_slug = db.session.scalars(
        select(Organisation.slug)
        .join(Resource, Resource.organisation_id == Organisation.id)
        .group_by(Organisation.id, Organisation.slug)
        .order_by(func.count(Resource.id).desc(), Organisation.id)
        .limit(1)
    ).one()
    return Targets(
        resource_slug=resource.slug,
        thread_path=f"/discussions/{thread[2]}/{thread[0]}-{thread[1]}",
        org_slug=org_slug,
        search_word="vaccine",
    )
