"""Forms for flags, queue decisions, sanctions, the audit-log filter and curation.

They carry fields only; the services check the values.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from .models import FLAG_REASON_LABELS, TargetType
from .queue import KINDS, REASONS, SORTS, STATUSES
from .sanctions import SUSPENSION_PERIODS


class FlagForm(FlaskForm):
    target_type = HiddenField()
    target_id = HiddenField()
    reason = SelectField(
        "Why are you reporting this?",
        choices=[SelectChoice(r, label) for r, label in FLAG_REASON_LABELS.items()],
    )
    note = TextAreaField("Anything the moderators should know (optional)")

    def target(self) -> tuple[str, int] | None:
        """The flagged item named by the hidden fields, or None when they are malformed."""
        target_type = self.target_type.data or ""
        raw_id = self.target_id.data or ""
        if target_type not in {t.value for t in TargetType} or not raw_id.isdigit() or len(raw_id) > 12:
            return None
        return target_type, int(raw_id)


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason (sent to the author)")


class SuspendForm(FlaskForm):
    period = SelectField(
        "How long",
        choices=[SelectChoice(value, label) for value, _days, label in SUSPENSION_PERIODS],
        default="7",
    )
    reason = TextAreaField("Reason (the member sees it when they try to sign in)")


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(
        "Kind",
        choices=[SelectChoice("", "Everything"), *(SelectChoice(k, v) for k, v in KINDS.items())],
        default="",
    )
    status = SelectField("Status", choices=[SelectChoice(k, v) for k, v in STATUSES.items()], default="open")
    reason = SelectField(
        "Why it is here",
        choices=[SelectChoice("", "Any reason"), *(SelectChoice(k, v) for k, v in REASONS.items())],
        default="",
    )
    org = SelectField("Organisation", choices=[SelectChoice("", "Any organisation")], default="")
    sort = SelectField("Order", choices=[SelectChoice(k, v) for k, v in SORTS.items()], default="oldest")

    def organisation_id(self) -> int | None:
        raw = self.org.data or ""
        return int(raw) if raw.isdigit() and len(raw) <= 12 else None


class BulkDecisionForm(FlaskForm):
    entries = SelectMultipleField("Entries", choices=[], validate_choice=False)
    action = HiddenField()
    reason = TextAreaField("Reason for returning (sent to each author)")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = SelectField("Who", choices=[SelectChoice("", "Anyone")], default="")
    action = SelectField("Action", choices=[SelectChoice("", "Any action")], default="")
    target_type = SelectField("Item type", choices=[SelectChoice("", "Any type")], default="")
    target_id = IntegerField("Item id", validators=[Optional()])
    start = DateField("From", validators=[Optional()])
    end = DateField("Until", validators=[Optional()])


class CurateForm(FlaskForm):
    topics = SelectMultipleField("Topics", choices=[], validate_choice=False)
    tags = StringField("Tags (separate them with commas)")


class MergeForm(FlaskForm):
    target = StringField("Merge into (the address or slug of the resource to keep)")


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Name or e-mail")
