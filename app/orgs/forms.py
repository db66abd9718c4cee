"""Forms for organisations. They carry fields only: the service checks the values (validation.py)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import InputRequired

from .models import ORG_TYPE_LABELS, MemberRole
from .validation import CHANNEL_FIELDS

DETAIL_FIELDS = ("name", "type", "website", "country", "region", "city", "description", "email_domain")


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired("Enter the organisation's name.")])
    type = SelectField("Type", choices=[SelectChoice(t, label) for t, label in ORG_TYPE_LABELS.items()])
    website = URLField("Website")
    country = StringField("Country")
    region = StringField("State, province or region")
    city = StringField("City")
    description = TextAreaField("Description")
    email_domain = StringField("Staff e-mail domain")

    def channel_fields(self) -> list[Any]:
        return [self[name] for name in CHANNEL_FIELDS]

    def details(self) -> dict[str, Any]:
        """What the service reads: the detail fields and one URL per platform."""
        names = (*DETAIL_FIELDS, *CHANNEL_FIELDS)
        return {name: self[name].data for name in names}


for _field, _platform in CHANNEL_FIELDS.items():
    setattr(OrganisationForm, _field, URLField(_platform.label))


def load_organisation(form: OrganisationForm, org: Any) -> None:
    """Fill the form from an existing organisation (on GET)."""
    for name in DETAIL_FIELDS:
        form[name].data = getattr(org, name)
    urls = {c.platform: c.url for c in org.channels}
    for name, platform in CHANNEL_FIELDS.items():
        form[name].data = urls.get(platform.value, "")


class InviteForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Enter an e-mail address.")])
    role = SelectField(
        "Role",
        choices=[
            SelectChoice(MemberRole.MEMBER.value, "Member"),
            SelectChoice(MemberRole.ORG_ADMIN.value, "Organisation admin"),
        ],
        default=MemberRole.MEMBER.value,
    )


class JoinRequestForm(FlaskForm):
    message = TextAreaField("Message to the organisation's admins (optional)")


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason")
