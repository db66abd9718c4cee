"""Times read in the member's own zone (named), visitors and members without a zone read UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from app.discussions.models import Thread
from app.extensions import db

from ..factories import discussions as threads


def test_a_thread_shows_its_times_in_the_readers_zone(roles, client_as):
    thread = threads.start_thread(roles.member, threads.categories()["platforms"], "Night shift posting")
    db.session.get(Thread, thread.id).last_activity_at = datetime(2026, 1, 15, 14, 5, tzinfo=UTC)
    roles.other_member.timezone = "America/New_York"
    db.session.commit()
    latest = "/discussions/latest"
    assert "15 Jan 2026, 09:05 EST" in client_as(roles.other_member).get(latest).get_data(as_text=True)
    assert "15 Jan 2026, 14:05 UTC" in client_as(None).get(latest).get_data(as_text=True)
    assert "15 Jan 2026, 14:05 UTC" in client_as(roles.member).get(latest).get_data(as_text=True)
