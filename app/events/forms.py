"""Event forms: only the fields an organiser may set (SECURITY.md 17)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..form_fields import CheckboxListField
from ..orgs.models import PLATFORM_LABELS
from .models import EVENT_FORMAT_LABELS, EVENT_KIND_LABELS
from .timezones import zone_choices

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class EventForm(FlaskForm):
    host = SelectField("Hosted by", validate_choice=True)
    title = StringField("Title", validators=[InputRequired(), Length(min=3, max=200)])
    kind = SelectField("Kind", choices=[SelectChoice(k, label) for k, label in EVENT_KIND_LABELS.items()])
    summary = TextAreaField(
        "Summary",
        validators=[Optional(), Length(max=500)],
        description="One or two sentences for lists, search results and calendars.",
    )
    description = TextAreaField(
        "Description",
        validators=[Optional(), Length(max=50_000)],
        description="Markdown: **bold**, *italic*, lists, links. No HTML.",
    )
    timezone = SelectField("Time zone of the event", validate_choice=True)
    starts_at = DateTimeLocalField(
        "Starts", format=LOCAL_FORMAT, validators=[InputRequired()], description="In the event's time zone."
    )
    ends_at = DateTimeLocalField("Ends", format=LOCAL_FORMAT, validators=[InputRequired()])
    format = RadioField(
        "Where", choices=[SelectChoice(k, label) for k, label in EVENT_FORMAT_LABELS.items()], default="online"
    )
    join_url = StringField(
        "Join link",
        validators=[Optional(), Length(max=500)],
        description="Shown only to registered people and in their confirmation e-mail.",
    )
    venue = StringField("Venue", validators=[Optional(), Length(max=200)])
    address = StringField("Address", validators=[Optional(), Length(max=300)])
    capacity = IntegerField(
        "Capacity",
        validators=[Optional(), NumberRange(min=1, max=100_000)],
        description="Leave empty for no limit. When full, people join a waiting list.",
    )
    platforms = CheckboxListField(
        "Platforms",
        coerce=str,
        validators=[Optional()],
        choices=[SelectChoice(value, label) for value, label in PLATFORM_LABELS.items()],
        description="The social platforms the event is about, if any (members filter events by them).",
    )
    visibility = RadioField(
        "Who may see it",
        choices=[SelectChoice("public", "Everyone"), SelectChoice("members", "Members only")],
        default="public",
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (FlaskForm's own signature)
        super().__init__(*args, **kwargs)
        self.timezone.choices = [SelectChoice(value, label) for value, label in zone_choices()]


class MessageForm(FlaskForm):
    subject = StringField("Subject", validators=[InputRequired(), Length(max=150)])
    body = TextAreaField("Message", validators=[InputRequired(), Length(max=10_000)])
    include_waitlist = BooleanField("Also send to the waiting list")


class SessionForm(FlaskForm):
    title = StringField("Session title", validators=[InputRequired(), Length(max=200)])
    track = StringField("Track", validators=[Optional(), Length(max=80)])
    room = StringField("Room", validators=[Optional(), Length(max=80)])
    starts_at = DateTimeLocalField("Starts", format=LOCAL_FORMAT, validators=[InputRequired()])
    ends_at = DateTimeLocalField("Ends", format=LOCAL_FORMAT, validators=[InputRequired()])
    speakers = StringField(
        "Speakers",
        validators=[Optional(), Length(max=600)],
        description="Names separated by commas; a member's e-mail address links their profile.",
    )


class PreworkForm(FlaskForm):
    resource = StringField(
        "Library resource",
        validators=[InputRequired(), Length(max=300)],
        description="The address or slug of a library resource to study before the event.",
    )
    note = StringField("Note", validators=[Optional(), Length(max=300)])


class RecordingForm(FlaskForm):
    resource = StringField(
        "Library resource",
        validators=[InputRequired(), Length(max=300)],
        description="The address or slug of the recording in the library (kind: webinar).",
    )
