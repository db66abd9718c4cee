"""News forms: only what a network staff member may set."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class NewsForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(min=3, max=200)])
    summary = TextAreaField("Summary", validators=[Optional(), Length(max=500)])
    body = TextAreaField(
        "Body",
        validators=[InputRequired(), Length(max=50_000)],
        description="Markdown: **bold**, *italic*, lists, links. No HTML.",
    )


class StaffForm(FlaskForm):
    email = StringField("E-mail address of the member", validators=[InputRequired(), Length(max=254)])
