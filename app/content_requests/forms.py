"""Content request forms: the service checks every field again (and the privacy guard)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class RequestForm(FlaskForm):
    title = StringField(
        "What do you need?",
        validators=[InputRequired(message="Say what you need."), Length(max=200)],
        description="For example: a consent form template for filming patients on TikTok.",
    )
    details = TextAreaField(
        "Details",
        validators=[Optional(), Length(max=5000)],
        description="Who it is for, what you tried, what a good answer looks like. Markdown; no patient details.",
    )


class CommentForm(FlaskForm):
    body = TextAreaField("Your comment", validators=[InputRequired(message="Write a comment."), Length(max=5000)])


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        "Reason", validators=[InputRequired(message="Say why the request is declined."), Length(max=1000)]
    )


class FulfilForm(FlaskForm):
    link = StringField(
        "Address of the resource or thread",
        validators=[InputRequired(message="Paste the address of a resource or a thread."), Length(max=500)],
        description="A library resource (/library/…) or a discussion thread (/discussions/…).",
    )
