"""Library forms. Each names exactly the fields a user may set; author, status, featured and the
like are never form fields, so posting them changes nothing (docs/SECURITY.md 17)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from ..form_fields import CheckboxListField
from ..uploads import MAX_UPLOAD_BYTES
from .models import KIND_LABELS, TOPIC_GROUP_LABELS, VISIBILITY_LABELS, TopicGroup
from .service import BODY_MAX, NOTE_MAX, SUMMARY_MAX, TITLE_MAX, URL_MAX


class ResourceForm(FlaskForm):
    organisation = SelectField("Organisation", coerce=int, validate_choice=True)
    title = StringField("Title", validators=[InputRequired(), Length(min=3, max=TITLE_MAX)])
    summary = TextAreaField("Summary", validators=[Optional(), Length(max=SUMMARY_MAX)],
                            description="One or two sentences shown in lists and search results.")
    body = TextAreaField("Body", validators=[Optional(), Length(max=BODY_MAX)],
                         description="Markdown: **bold**, *italic*, lists, links, tables. No HTML.")
    kind = SelectField("Kind", choices=[SelectChoice(k, label) for k, label in KIND_LABELS.items()])
    topics = CheckboxListField("Topics", coerce=str, validators=[Optional()])
    tags = StringField("Tags", validators=[Optional(), Length(max=600)],
                       description="Free words, separated by commas (e.g. flu season, vaccination).")
    visibility = RadioField(
        "Who may see it", choices=[SelectChoice(v, label) for v, label in VISIBILITY_LABELS.items()], default="public"
    )
    external_url = StringField("Link (optional)", validators=[Optional(), Length(max=URL_MAX)],
                               description="An http:// or https:// address, e.g. a webinar recording.")
    note = StringField("Change note", validators=[Optional(), Length(max=NOTE_MAX)],
                       description="What changed, for the revision history (optional).")
    send_for_review = BooleanField("Send for review anyway")

    def set_topic_choices(self, topics) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for topic in topics:
            groups.setdefault(topic.group, []).append((topic.slug, topic.name))
        self.topics.choices = [
            SelectChoice(slug, name) for group in (g.value for g in TopicGroup) for slug, name in groups.get(group, [])
        ]
        self.topic_groups = [
            (TOPIC_GROUP_LABELS[TopicGroup(group)], groups[group]) for group in (g.value for g in TopicGroup)
            if group in groups
        ]


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason", validators=[InputRequired(), Length(max=2000)])


class AttachmentForm(FlaskForm):
    file = FileField(
        "File",
        validators=[FileRequired("Choose a file to upload.")],
        description="PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), PNG or JPEG; up to 20 MB.",
        # site.js refuses a larger file before it is sent, so the page and what was typed stay.
        render_kw={"data-max-bytes": str(MAX_UPLOAD_BYTES)},
    )


class CollectionForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(min=3, max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=5000)])


class CollectionItemForm(FlaskForm):
    resource = SelectField("Resource", coerce=int, validate_choice=True)
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)],
                         description="Why this resource is in the collection.")


class ItemNoteForm(FlaskForm):
    note = TextAreaField("Note", validators=[Optional(), Length(max=2000)])


class TopicForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired(), Length(max=80)])
    group = SelectField("Group", choices=[SelectChoice(g.value, TOPIC_GROUP_LABELS[g]) for g in TopicGroup])
