"""Building courses: the course, its lessons and their quizzes (network staff)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..accounts.models import User
from ..audit import record
from ..content import render_markdown
from ..db_types import utcnow
from ..errors import ValidationError
from ..events.privacy_check import refuse_patient_details
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import require
from ..search.outbox import enqueue
from ..slugs import unique_slug
from .models import Course, Lesson, QuizQuestion


@dataclass
class QuestionInput:
    prompt: str
    choices: list[str]
    answer: int
    explanation: str = ""


@dataclass
class LessonInput:
    title: str
    body: str = ""
    minutes: int = 10
    resource_id: int | None = None
    questions: list[QuestionInput] = field(default_factory=list)


def create_course(
    actor: User,
    title: str,
    summary: str,
    description: str,
    *,
    organisation: Organisation | None = None,
    visibility: str = "public",
    publish: bool = True,
    slug: str | None = None,
) -> Course:
    require(actor, "course.build")
    if not title.strip():
        raise ValidationError(fields={"title": ["Give the course a title."]})
    if visibility not in ("public", "members"):
        raise ValidationError(fields={"visibility": ["Choose who may see the course."]})
    refuse_patient_details({"title": title, "summary": summary, "description": description})
    slug = unique_slug(slug or title, select(Course.slug), max_length=100, fallback="course")
    course = Course(
        slug=slug,
        title=title.strip()[:200],
        summary=summary.strip()[:500],
        description_source=description,
        description_html=render_markdown(description),
        organisation_id=organisation.id if organisation else None,
        visibility=visibility,
        published_at=utcnow() if publish else None,
    )
    db.session.add(course)
    db.session.flush()
    enqueue("course", course.id)
    record(actor, "course.create", "course", course.id, label=course.title)
    return course


def add_lesson(actor: User, course: Course, data: LessonInput) -> Lesson:
    require(actor, "course.build")
    if not data.title.strip():
        raise ValidationError(fields={"title": ["Give the lesson a title."]})
    for question in data.questions:
        if len(question.choices) < 2 or not 0 <= question.answer < len(question.choices):
            raise ValidationError(fields={"questions": [f"“{question.prompt}” needs choices and a right answer."]})
    quiz = "\n".join(
        "\n".join([q.prompt, *q.choices, q.explanation]) for q in data.questions
    )  # learners read the questions, choices and explanations too
    refuse_patient_details({"title": data.title, "body": data.body, "quiz": quiz})
    lesson = Lesson(
        position=len(course.lessons) + 1,
        title=data.title.strip()[:200],
        body_source=data.body,
        body_html=render_markdown(data.body),
        minutes=max(1, min(data.minutes, 600)),
        resource_id=data.resource_id,
    )
    for position, question in enumerate(data.questions):
        lesson.questions.append(
            QuizQuestion(
                position=position,
                prompt=question.prompt.strip()[:500],
                choices=[c.strip()[:300] for c in question.choices],
                answer=question.answer,
                explanation=question.explanation.strip()[:500],
            )
        )
    course.lessons.append(lesson)
    course.updated_at = utcnow()
    db.session.flush()
    enqueue("course", course.id)
    return lesson
