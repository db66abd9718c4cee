"""Builders for events and courses, through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.courses import service as courses
from app.db_types import utcnow
from app.events import service as events


def make_event(
    actor: Any,
    organisation: Any = None,
    *,
    title: str = "Storm-season webinar",
    days: float = 7,
    hours: float = 1,
    **fields: Any,
) -> Any:
    start = fields.pop("starts_at", None) or (utcnow() + timedelta(days=days)).replace(microsecond=0)
    data = events.EventInput(
        title=title,
        starts_at=start,
        ends_at=fields.pop("ends_at", None) or start + timedelta(hours=hours),
        timezone=fields.pop("timezone", "America/New_York"),
        join_url=fields.pop("join_url", "https://meet.example.org/storm"),
        **fields,
    )
    return events.create_event(actor, organisation, data)


def make_course(
    actor: Any, *, title: str = "TikTok for health systems", lessons: int = 2, quiz: bool = True, **fields: Any
) -> Any:
    course = courses.create_course(actor, title, "Short videos that recruit nurses.", "A course.", **fields)
    for n in range(1, lessons + 1):
        questions = [courses.QuestionInput("Who is the audience?", ["Everyone", "Nurses we hire"], 1)] if quiz else []
        courses.add_lesson(
            actor, course, courses.LessonInput(f"Lesson {n}", f"Body of lesson {n}.", questions=questions)
        )
    return course
