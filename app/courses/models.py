"""On-demand courses: ordered lessons (Markdown, an optional library resource, an optional short
quiz), enrolments with progress per lesson, and certificates with a verifiable public URL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db_types import UTCDateTime, utcnow
from ..extensions import Model
from ..orgs.models import Organisation


class Course(Model):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    # The training partner or member organisation that made it; None: the network.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(16), default="public")  # who may read the catalogue entry
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Lesson.position"
    )

    @property
    def provider_name(self) -> str:
        return self.organisation.name if self.organisation else "the network"


class Lesson(Model):
    __tablename__ = "course_lessons"
    __table_args__ = (UniqueConstraint("course_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1, 2, 3… (the lesson's URL)
    title: Mapped[str] = mapped_column(String(200))
    body_source: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id", ondelete="SET NULL"))
    minutes: Mapped[int] = mapped_column(Integer, default=10)

    course: Mapped[Course] = relationship(back_populates="lessons")
    resource = relationship("Resource")
    questions: Mapped[list[QuizQuestion]] = relationship(
        back_populates="lesson", cascade="all, delete-orphan", order_by="QuizQuestion.position"
    )


class QuizQuestion(Model):
    """One multiple-choice question; ``choices`` is a list of plain strings."""

    __tablename__ = "course_quiz_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("course_lessons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    prompt: Mapped[str] = mapped_column(String(500))
    choices: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[int] = mapped_column(Integer)  # index into choices
    explanation: Mapped[str] = mapped_column(String(500), default="")

    lesson: Mapped[Lesson] = relationship(back_populates="questions")


class Enrolment(Model):
    __tablename__ = "course_enrolments"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Random and unguessable: the certificate's public, verifiable URL.
    certificate_code: Mapped[str | None] = mapped_column(String(32), unique=True)

    course: Mapped[Course] = relationship()
    user: Mapped[User] = relationship()
    progress: Mapped[list[LessonProgress]] = relationship(back_populates="enrolment", cascade="all, delete-orphan")

    @property
    def done_lesson_ids(self) -> set[int]:
        return {p.lesson_id for p in self.progress}


class LessonProgress(Model):
    __tablename__ = "course_lesson_progress"
    __table_args__ = (UniqueConstraint("enrolment_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("course_enrolments.id", ondelete="CASCADE"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("course_lessons.id", ondelete="CASCADE"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="progress")
