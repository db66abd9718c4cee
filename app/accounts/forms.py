"""Account forms. Each lists exactly the fields a user may send; the rules live in the service.

Passwords are never stripped or truncated here (no ``maxlength``: a browser would cut a pasted
password silently); the service's policy says what is acceptable.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import EqualTo, InputRequired

from .service import BIO_MAX, JOB_TITLE_MAX, NAME_MAX


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _email_field(label: str = "Email", autocomplete: str = "email") -> EmailField:
    return EmailField(
        label,
        validators=[InputRequired(message="Enter your email address.")],
        filters=[_strip],
        render_kw={"autocomplete": autocomplete, "spellcheck": "false", "autocapitalize": "none"},
    )


def _password_field(label: str, autocomplete: str, message: str = "Enter your password.") -> PasswordField:
    return PasswordField(
        label, validators=[InputRequired(message=message)], render_kw={"autocomplete": autocomplete}
    )


def _confirm_field(other: str) -> PasswordField:
    return PasswordField(
        "Confirm password",
        validators=[
            InputRequired(message="Type the password again."),
            EqualTo(other, message="The passwords do not match."),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class LoginForm(FlaskForm):
    email = _email_field(autocomplete="username")
    password = _password_field("Password", "current-password")
    remember = BooleanField("Remember me")


class RegisterForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[InputRequired(message="Enter your name.")],
        filters=[_strip],
        render_kw={"autocomplete": "name", "maxlength": NAME_MAX},
    )
    email = _email_field()
    password = _password_field("Password", "new-password", "Choose a password.")
    confirm = _confirm_field("password")


class ResetRequestForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _password_field("New password", "new-password", "Choose a new password.")
    confirm = _confirm_field("password")


class ConfirmForm(FlaskForm):
    """A button and its CSRF token: e-mailed links only ever change state through a POST."""


class ProfileForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[InputRequired(message="Enter your name.")],
        filters=[_strip],
        render_kw={"autocomplete": "name", "maxlength": NAME_MAX},
    )
    job_title = StringField("Job title", filters=[_strip], render_kw={"maxlength": JOB_TITLE_MAX})
    bio = TextAreaField("Short bio", filters=[_strip], render_kw={"maxlength": BIO_MAX, "rows": 5})
    email_notifications = RadioField(
        "Email notifications",
        choices=[
            SelectChoice("immediate", "Send each notification as it happens"),
            SelectChoice("digest", "Send a daily digest"),
            SelectChoice("never", "Never email me; I will read them on the site"),
        ],
        default="immediate",
        validate_choice=False,  # the service checks the value and answers with a message
    )


class ChangePasswordForm(FlaskForm):
    current_password = _password_field("Current password", "current-password", "Enter your current password.")
    new_password = _password_field("New password", "new-password", "Choose a new password.")
    confirm = _confirm_field("new_password")


class ChangeEmailForm(FlaskForm):
    new_email = _email_field("New email address")
    current_password = _password_field("Current password", "current-password", "Enter your current password.")
