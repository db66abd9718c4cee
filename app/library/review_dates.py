"""Review-by dates: when a resource should be checked again, reminders before, a note after.

Guidance about a platform's features ages: what was true of a platform two years ago may not be
now. Each resource gets a review-by date when it is published (months per kind,
``REVIEW_MONTHS_BY_KIND``; sooner for resources about a platform, ``REVIEW_MONTHS_PLATFORM``;
never for research). Any saved edit, or "still accurate" from someone who may edit it, renews
it from today. Before it passes, the author and the organisation's admins are reminded once per
date (``send_review_reminders``, idempotent); after it, readers see "may be out of date" and
moderators find the resource in their list of past-due items.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..extensions import db
from ..notifications.service import notify
from ..orgs.membership import org_admins
from ..permissions import require
from ..templating import Page
from .effects import resource_path
from .models import Resource, ResourceStatus, Topic, TopicGroup


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_for(kind: str, topics: Iterable[Topic]) -> int | None:
    """How long a review lasts for a resource of ``kind``, or None when it never goes out of date."""
    config = current_app.config
    months = config["REVIEW_MONTHS_BY_KIND"].get(kind, 12)
    if months is None:
        return None
    if any(topic.group == TopicGroup.PLATFORM.value for topic in topics):
        months = min(months, int(config["REVIEW_MONTHS_PLATFORM"]))
    return int(months)


def review_by_for(kind: str, topics: Iterable[Topic], start: date) -> date | None:
    months = months_for(kind, topics)
    return None if months is None else add_months(start, months)


def due_from(resource: Resource, start: date) -> date | None:
    return review_by_for(resource.kind, resource.topics, start)


def set_on_publish(resource: Resource) -> None:
    """First publication: counted from the publication date (an imported old guide may be past due)."""
    if resource.review_by is None:
        published = resource.published_at or utcnow()
        resource.review_by = due_from(resource, published.date())


def renew(resource: Resource) -> None:
    """After an edit or a review: due again a full period from today."""
    resource.review_by = due_from(resource, utcnow().date())


def is_past_due(resource: Resource, today: date | None = None) -> bool:
    return resource.review_by is not None and resource.review_by < (today or utcnow().date())


def confirm_still_accurate(actor: User, resource: Resource) -> Resource:
    """Someone who may edit the resource says it is still accurate: renews the date; audited.

    :raise NotFound: ``actor`` may not see it. :raise PermissionDenied: may not edit it.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.confirm_review", resource)
    before = resource.review_by
    resource.reviewed_at = utcnow()
    renew(resource)
    audit.record(
        actor,
        "resource.still_accurate",
        "resource",
        resource.id,
        label=resource.title,
        before={"review_by": before.isoformat() if before else None},
        after={"review_by": resource.review_by.isoformat() if resource.review_by else None},
    )
    db.session.flush()
    return resource


def _listed() -> list:
    return [
        Resource.status == ResourceStatus.PUBLISHED.value,
        Resource.hidden_at.is_(None),
        Resource.merged_into_id.is_(None),
    ]


def past_due(actor: User, *, page: int = 1, per_page: int = 50, today: date | None = None) -> Page:
    """Moderators: listed resources whose review-by date has passed, longest overdue first."""
    require(actor, "resource.review")
    condition = and_(*_listed(), Resource.review_by < (today or utcnow().date()))
    total = db.session.execute(select(func.count(Resource.id)).where(condition)).scalar_one()
    query = (
        select(Resource)
        .where(condition)
        .options(selectinload(Resource.organisation), selectinload(Resource.author))
        .order_by(Resource.review_by, Resource.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(db.session.execute(query).scalars()), total, page, per_page)


@dataclass
class ReminderRun:
    resources: int = 0
    notices: int = 0


def send_review_reminders(today: date | None = None) -> ReminderRun:
    """Remind the author and the organisation's admins of each resource coming due (or past due
    and never reminded). Idempotent: a date is reminded of once; a renewed date is a new one.
    The caller commits."""
    today = today or utcnow().date()
    horizon = today + timedelta(days=int(current_app.config["REVIEW_REMINDER_DAYS"]))
    query = (
        select(Resource)
        .where(
            *_listed(),
            Resource.review_by.is_not(None),
            Resource.review_by <= horizon,
            or_(Resource.review_reminded_for.is_(None), Resource.review_reminded_for != Resource.review_by),
        )
        .options(selectinload(Resource.organisation), selectinload(Resource.author))
        .order_by(Resource.id)
    )
    run = ReminderRun()
    for resource in db.session.execute(query).scalars():
        due = resource.review_by
        assert due is not None
        when = "was due for review on" if due < today else "is due for review on"
        body = (
            f"“{resource.title}” {when} {due:%-d %B %Y}. If it is still accurate, open it and choose "
            "“Still accurate”; otherwise edit it. Either renews the date. After the date, readers see a "
            "note that it may be out of date."
        )
        people = {user.id: user for user in org_admins(resource.organisation)}
        if resource.author is not None and resource.author.deactivated_at is None:
            people[resource.author.id] = resource.author
        for person in people.values():
            notify(person, "resource.review_due", f"Review due: {resource.title}", body, resource_path(resource))
            run.notices += 1
        resource.review_reminded_for = due
        run.resources += 1
    db.session.flush()
    return run


def send_due_review_reminders() -> ReminderRun:
    """For the background worker's schedule and ``flask library review-reminders``: commits."""
    run = send_review_reminders()
    db.session.commit()
    return run
