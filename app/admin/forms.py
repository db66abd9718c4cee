"""Admin forms: a reason for a decision, and the site settings (one field per setting)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired

from ..site_settings import SETTINGS


class DecisionForm(FlaskForm):
    reason = TextAreaField("Reason")


def settings_form(current: dict[str, Any], formdata: Any = None) -> FlaskForm:
    """A form with one field per entry of ``SETTINGS``, typed like the setting's default."""

    class SettingsForm(FlaskForm):
        pass

    for name, (default, description) in SETTINGS.items():
        if isinstance(default, bool):
            field: Any = BooleanField(description)
        elif isinstance(default, int):
            field = IntegerField(description, validators=[InputRequired("Enter a whole number.")])
        else:
            field = StringField(description)
        setattr(SettingsForm, name, field)
    return SettingsForm(formdata=formdata, data=current)
