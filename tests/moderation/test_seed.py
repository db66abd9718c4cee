"""The demo reports: some members flag posts and resources; running the step again adds nothing."""

from datetime import timedelta

from sqlalchemy import func, select

from app.db_types import utcnow
from app.extensions import db
from app.moderation.models import Flag
from app.moderation.seed import seed_moderation

from ..factories import moderation as builders


def test_demo_reports_fill_the_queue_once(roles):
    thread = builders.thread(roles.org_admin)
    for i in range(3):
        builders.reply(roles.other_member, thread, f"Reply number {i}")
    builders.published_resource(roles.other_org)
    builders.members(roles.org, 4)
    lines = seed_moderation()
    count = db.session.execute(select(func.count(Flag.id))).scalar_one()
    assert count >= 5 and f"{count} reports" in lines[0]
    reported = db.session.execute(select(Flag.created_at)).scalars().all()
    assert all(timedelta(0) < utcnow() - moment <= timedelta(days=3) for moment in reported)
    assert seed_moderation() == ["Moderation demo: reports already present."]
    assert db.session.execute(select(func.count(Flag.id))).scalar_one() == count
