"""The courses domain's operations, for views, the CLI, the seed and tests."""

from __future__ import annotations

from .certificates import certificate_pdf, verification_url
from .editing import LessonInput, QuestionInput, add_lesson, create_course
from .progress import complete_lesson, enrol, lesson_at, quiz_mistakes

__all__ = [
    "LessonInput",
    "QuestionInput",
    "add_lesson",
    "certificate_pdf",
    "complete_lesson",
    "create_course",
    "enrol",
    "lesson_at",
    "quiz_mistakes",
    "verification_url",
]
