"""One way to show a refused form: the service's messages on its fields, and one status code.

A form that comes back with errors answers ``422 Unprocessable Content`` in every package (the
request was understood, its content was not acceptable); the page is re-rendered with what the
user typed. The unit of work rolls back any answer of 400 or more.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm

from .errors import DomainError

FORM_ERROR_STATUS = 422


def show_errors(form: FlaskForm, error: DomainError) -> None:
    """Attach a service's field messages to the form's fields; messages for no field go on top."""
    fields: dict[str, Any] = form._fields
    error_fields: dict[str, list[str]] = getattr(error, "fields", None) or {}
    for name, messages in error_fields.items():
        field = fields.get(name)
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
    if not error_fields:
        form.form_errors.append(error.message)


def form_status(form: FlaskForm) -> int:
    """200 for a blank form, 422 for one that was sent and is shown again (with its errors)."""
    return FORM_ERROR_STATUS if form.is_submitted() else 200


def error_text(error: DomainError) -> str:
    """The messages of a refusal as one sentence, for a flash message after a redirect."""
    fields = getattr(error, "fields", None) or {}
    return " ".join(message for messages in fields.values() for message in messages) or error.message
