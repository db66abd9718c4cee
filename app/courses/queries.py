"""Reading courses: the catalogue (visibility as SQL, the same rule as ``course.view``),
lookups that answer 404, and an organisation's staff progress."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..errors import NotFound
from ..events.visibility import course_clause
from ..extensions import db
from ..orgs.models import Membership, Organisation
from ..permissions import require
from .models import Course, Enrolment, Lesson


def catalogue(viewer: Any) -> list[Course]:
    return list(
        db.session.execute(
            select(Course)
            .where(course_clause(viewer))
            .options(selectinload(Course.lessons), selectinload(Course.organisation))
            .order_by(Course.title)
        ).scalars()
    )


def get_course(viewer: Any, slug: str) -> Course:
    """:raise NotFound: missing, or not for ``viewer`` (the same answer)."""
    course = db.session.execute(
        select(Course).where(Course.slug == slug).options(selectinload(Course.lessons).selectinload(Lesson.questions))
    ).scalar_one_or_none()
    if course is None:
        raise NotFound()
    require(viewer, "course.view", course, hide=True)
    return course


def enrolment_of(viewer: Any, course: Course) -> Enrolment | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return db.session.execute(
        select(Enrolment)
        .where(Enrolment.course_id == course.id, Enrolment.user_id == viewer.id)
        .options(selectinload(Enrolment.progress))
    ).scalar_one_or_none()


def my_enrolments(user: Any) -> list[Enrolment]:
    return list(
        db.session.execute(
            select(Enrolment)
            .where(Enrolment.user_id == user.id)
            .options(selectinload(Enrolment.course).selectinload(Course.lessons), selectinload(Enrolment.progress))
            .order_by(Enrolment.enrolled_at.desc())
        ).scalars()
    )


def staff_progress(actor: Any, organisation: Organisation) -> list[tuple[Enrolment, int, int]]:
    """Each enrolment of the organisation's staff: (enrolment, lessons done, lessons in the course).

    :raise PermissionDenied: ``actor`` is not an admin of ``organisation``.
    """
    require(actor, "course.staff_progress", organisation)
    staff = select(Membership.user_id).where(Membership.organisation_id == organisation.id)
    enrolments = list(
        db.session.execute(
            select(Enrolment)
            .where(Enrolment.user_id.in_(staff))
            .options(selectinload(Enrolment.user), selectinload(Enrolment.course), selectinload(Enrolment.progress))
            .order_by(Enrolment.enrolled_at)
        ).scalars()
    )
    sizes = dict(db.session.execute(select(Lesson.course_id, func.count()).group_by(Lesson.course_id)).all())
    return [(e, len(e.progress), sizes.get(e.course_id, 0)) for e in enrolments]


def certificate(code: str) -> Enrolment:
    """The completed enrolment behind a certificate code (public: the code is the secret).

    :raise NotFound: no such certificate.
    """
    if not code or len(code) > 32:
        raise NotFound()
    enrolment = db.session.execute(
        select(Enrolment)
        .where(Enrolment.certificate_code == code, Enrolment.completed_at.is_not(None))
        .options(selectinload(Enrolment.course), selectinload(Enrolment.user))
    ).scalar_one_or_none()
    if enrolment is None:
        raise NotFound()
    return enrolment
