"""Discussion forms. Each lists exactly the fields a member may send (never author, organisation,
status, pinned or locked); the rules and limits live in the service."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from .posting import TITLE_MAX

REVIEW_LABEL = "Send it for review anyway: a moderator checks it before anyone else can read it"
BODY_HINT = (
    "Markdown: **bold**, *italic*, [links](https://example.org), > quotes, lists. No patient information."
)


def _body_field(label: str) -> TextAreaField:
    return TextAreaField(label, render_kw={"rows": 10})


class ThreadForm(FlaskForm):
    category_id = SelectField("Category", coerce=int, validate_choice=False)
    title = StringField("Title", render_kw={"maxlength": TITLE_MAX})
    body = _body_field("Your post")
    resource_id = HiddenField()
    send_for_review = BooleanField(REVIEW_LABEL)


class ReplyForm(FlaskForm):
    body = _body_field("Your reply")
    reply_to = HiddenField()
    send_for_review = BooleanField(REVIEW_LABEL)


class EditPostForm(FlaskForm):
    title = StringField("Thread title", render_kw={"maxlength": TITLE_MAX})
    body = _body_field("Post")
    send_for_review = BooleanField(REVIEW_LABEL)


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        "Reason (the author and moderators see it)", render_kw={"rows": 2, "maxlength": 1000}
    )


class MoveForm(FlaskForm):
    category_id = SelectField("Move to", coerce=int, validate_choice=False)
    reason = StringField("Reason (optional)", render_kw={"maxlength": 1000})


class CategoryForm(FlaskForm):
    name = StringField(
        "Name", validators=[InputRequired(message="Give the category a name.")], render_kw={"maxlength": 120}
    )
    slug = StringField("Address (leave empty to make one from the name)", render_kw={"maxlength": 80})
    description = TextAreaField("Description", render_kw={"rows": 3, "maxlength": 2000})
    position = IntegerField("Order (smaller numbers first)", validators=[Optional()])
    visibility = SelectField(
        "Who can read it",
        choices=[
            SelectChoice("public", "Public: visitors read, members post"),
            SelectChoice("members", "Members only"),
        ],
        validate_choice=False,
    )


def int_or_none(value: object) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def category_choices(categories: list) -> list[SelectChoice]:
    return [SelectChoice(c.id, c.name) for c in categories]
