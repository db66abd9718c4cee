"""The member's learning settings: areas of expertise and time zone."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from ..events.timezones import zone_choices


class LearningSettingsForm(FlaskForm):
    expertise = StringField(
        "Areas of expertise",
        validators=[Optional(), Length(max=1000)],
        description="Separated by commas, e.g. TikTok, Recruitment marketing, Crisis communication.",
    )
    timezone = SelectField(
        "Time zone",
        validate_choice=True,
        description="Event times are shown in this zone. Leave it empty to see each event in its own zone.",
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (FlaskForm's own signature)
        super().__init__(*args, **kwargs)
        self.timezone.choices = [
            SelectChoice("", "Each event's own time zone"),
            *(SelectChoice(value, label) for value, label in zone_choices()),
        ]
