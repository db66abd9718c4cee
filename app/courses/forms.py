"""Course authoring forms (network staff): only the fields an author may set."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..errors import ValidationError
from .editing import QuestionInput


class CourseForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(min=3, max=200)])
    summary = TextAreaField("Summary", validators=[Optional(), Length(max=500)])
    description = TextAreaField(
        "Description", validators=[Optional(), Length(max=50_000)], description="Markdown. No HTML."
    )
    visibility = RadioField(
        "Who may see it",
        choices=[SelectChoice("public", "Everyone"), SelectChoice("members", "Members only")],
        default="public",
    )


class LessonForm(FlaskForm):
    title = StringField("Lesson title", validators=[InputRequired(), Length(max=200)])
    body = TextAreaField("Lesson", validators=[Optional(), Length(max=50_000)], description="Markdown. No HTML.")
    minutes = IntegerField("Minutes", validators=[Optional(), NumberRange(min=1, max=600)], default=10)
    quiz = TextAreaField(
        "Quiz (optional)",
        validators=[Optional(), Length(max=10_000)],
        description="A line starting with ? is a question; lines starting with - are wrong choices, "
        "with * the right one.",
    )


def parse_quiz(text: str) -> list[QuestionInput]:
    """``? question`` / ``- wrong`` / ``* right`` lines into questions.

    :raise ValidationError: a choice before any question, or a question without exactly one
        right answer among at least two choices.
    """
    questions: list[QuestionInput] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        marker, rest = line[0], line[1:].strip()
        if marker == "?":
            questions.append(QuestionInput(rest, [], -1))
        elif marker in "-*" and questions:
            if marker == "*":
                if questions[-1].answer != -1:
                    raise ValidationError(fields={"quiz": [f"“{questions[-1].prompt}” has two right answers."]})
                questions[-1].answer = len(questions[-1].choices)
            questions[-1].choices.append(rest)
        else:
            raise ValidationError(fields={"quiz": [f"Start each line with ?, - or *: “{line[:60]}”."]})
    for question in questions:
        if len(question.choices) < 2 or question.answer == -1:
            raise ValidationError(fields={"quiz": [f"“{question.prompt}” needs two choices and one marked with *."]})
    return questions
