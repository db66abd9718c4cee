"""The form that makes a personal access token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length

from .tokens import NAME_MAX


class TokenForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Name the token after what will use it."), Length(max=NAME_MAX)]
    )
    scope = RadioField(
        "Scope",
        choices=[
            SelectChoice("read", "Read: what you can see on the site"),
            SelectChoice("write", "Write: also create drafts, start threads and reply, as you"),
        ],
        default="read",
        validators=[DataRequired("Choose read or write.")],
    )
