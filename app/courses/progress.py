"""Enrolling, completing lessons (passing the lesson's quiz when it has one) and the certificate
that completing every lesson earns."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from sqlalchemy import select

from ..accounts.models import User
from ..audit import record
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from .models import Course, Enrolment, Lesson, LessonProgress


def enrol(actor: User, course: Course) -> Enrolment:
    """Enrol (enrolling twice changes nothing)."""
    require(actor, "course.view", course, hide=True)
    require(actor, "course.enrol", course)
    enrolment = db.session.execute(
        select(Enrolment).where(Enrolment.course_id == course.id, Enrolment.user_id == actor.id)
    ).scalar_one_or_none()
    if enrolment is None:
        enrolment = Enrolment(course_id=course.id, user_id=actor.id)
        db.session.add(enrolment)
        db.session.flush()
        record(actor, "course.enrol", "course", course.id, label=course.title)
    return enrolment


def lesson_at(course: Course, position: int) -> Lesson:
    for lesson in course.lessons:
        if lesson.position == position:
            return lesson
    raise NotFound()


def quiz_mistakes(lesson: Lesson, answers: Mapping[str, str]) -> list[int]:
    """Ids of the questions answered wrongly or not at all (``answers``: question id → choice index)."""
    wrong = []
    for question in lesson.questions:
        given = answers.get(str(question.id), "")
        if not (given.isdigit() and int(given) == question.answer):
            wrong.append(question.id)
    return wrong


def complete_lesson(actor: User, course: Course, lesson: Lesson, answers: Mapping[str, str] | None = None) -> Enrolment:
    """Mark ``lesson`` done; the last one completes the course and issues the certificate.

    :raise Conflict: not enrolled.
    :raise ValidationError: the quiz was not passed (``fields["quiz"]`` lists the question ids).
    """
    require(actor, "course.view", course, hide=True)
    enrolment = db.session.execute(
        select(Enrolment).where(Enrolment.course_id == course.id, Enrolment.user_id == actor.id)
    ).scalar_one_or_none()
    if enrolment is None:
        raise Conflict("Enrol in the course first.")
    if lesson.course_id != course.id:
        raise NotFound()
    mistakes = quiz_mistakes(lesson, answers or {})
    if mistakes:
        raise ValidationError(
            "Some answers are not right yet: read the lesson again and try once more.",
            fields={"quiz": [str(q) for q in mistakes]},
        )
    if lesson.id not in enrolment.done_lesson_ids:
        enrolment.progress.append(LessonProgress(lesson_id=lesson.id))
        db.session.flush()
    if enrolment.completed_at is None and {lesson.id for lesson in course.lessons} <= enrolment.done_lesson_ids:
        enrolment.completed_at = utcnow()
        enrolment.certificate_code = secrets.token_urlsafe(16)
        record(actor, "course.complete", "course", course.id, label=course.title)
    return enrolment
