"""The worker's schedule: review reminders, event reminders and link checks run by themselves,
once per interval however many processes poll, and a task turned off never runs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.notifications.models import Notification
from app.worker.models import ScheduledTask
from app.worker.schedule import run_due_tasks

from ..factories.library import make_resource


def _review_notices() -> list[int]:
    query = select(Notification.user_id).where(Notification.kind == "resource.review_due")
    return sorted(db.session.execute(query).scalars())


def _resource_coming_due(roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    resource.review_by = utcnow().date() + timedelta(days=7)
    db.session.commit()
    return resource


def test_due_review_reminders_go_out_without_anyone_running_a_command(ctx, roles, app):
    app.config["SCHEDULED_TASKS"] = {**app.config["SCHEDULED_TASKS"], "link_checks": 0}  # no network here
    _resource_coming_due(roles)

    ran = run_due_tasks()

    assert "review_reminders" in ran
    assert _review_notices() == sorted([roles.member.id, roles.org_admin.id])
    task = db.session.get(ScheduledTask, "review_reminders")
    assert task.last_outcome == "2 reminder(s) about 1 resource(s)"
    assert task.last_finished_at is not None


def test_a_task_runs_once_per_interval_however_often_the_workers_poll(ctx, roles, app):
    app.config["SCHEDULED_TASKS"] = {"review_reminders": 3600}
    now = utcnow()
    assert run_due_tasks(now) == ["review_reminders"]
    _resource_coming_due(roles)

    second_poll = run_due_tasks(now + timedelta(seconds=2))
    next_hour = run_due_tasks(now + timedelta(seconds=3601))

    assert second_poll == []
    assert next_hour == ["review_reminders"]
    assert len(_review_notices()) == 2


def test_two_workers_polling_at_the_same_moment_run_a_task_once(ctx, roles, app):
    app.config["SCHEDULED_TASKS"] = {"review_reminders": 3600}
    _resource_coming_due(roles)
    now = utcnow()

    first = run_due_tasks(now)
    second = run_due_tasks(now)  # the row already moved forward: the second poll finds nothing due

    assert (first, second) == (["review_reminders"], [])
    assert len(_review_notices()) == 2


def test_a_task_set_to_zero_never_runs(ctx, roles, app):
    app.config["SCHEDULED_TASKS"] = {"review_reminders": 0, "event_reminders": 600, "link_checks": 0, "digests": 0}
    _resource_coming_due(roles)

    assert run_due_tasks() == ["event_reminders"]
    assert _review_notices() == []


def test_admins_see_when_each_task_last_ran_and_what_it_did(ctx, roles, app, client_as):
    app.config["SCHEDULED_TASKS"] = {"review_reminders": 3600}
    _resource_coming_due(roles)
    run_due_tasks()

    page = client_as(roles.admin).get("/admin").get_data(as_text=True)

    assert "review reminders" in page and "2 reminder(s) about 1 resource(s)" in page
