"""Account operations: register, verify, authenticate, reset and change credentials, profiles.

Plain functions for views, the CLI and tests alike: they validate, change state, log security
events and flush. They never commit, and never touch the request, the session or flash.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select

from ..db_types import utcnow
from ..errors import Conflict, DomainError, NotFound, ValidationError
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import require
from ..security_log import log_event
from ..site_settings import get_setting
from . import emails, tokens
from .models import User
from .password_policy import MAX_LENGTH, password_problems
from .passwords import hash_password, password_matches

NAME_MAX = 120
JOB_TITLE_MAX = 120
BIO_MAX = 1000
EMAIL_MAX = 254
NOTIFICATION_CHOICES = ("immediate", "digest", "never")


class InvalidCredentials(DomainError):
    """Unknown address, wrong password or deactivated account: deliberately indistinguishable."""

    status_code = 400
    default_message = "The email address or password is not right."


class AccountSuspended(DomainError):
    """Right password, but the account is suspended: say why and until when (``None``: indefinitely)."""

    status_code = 403

    def __init__(self, reason: str, until: datetime | None) -> None:
        super().__init__("Your account is suspended.")
        self.reason = reason
        self.until = until


class TooManyAccounts(DomainError):
    status_code = 429
    default_message = (
        "Too many accounts have been created from your network today. Please try again tomorrow."
    )


# --- Helpers ------------------------------------------------------------------------------


def normalise_email(address: str | None) -> str:
    """How an address is stored and looked up: no surrounding spaces, lower case."""
    return (address or "").strip().lower()


def find_user_by_email(address: str | None) -> User | None:
    email = normalise_email(address)
    if not email or len(email) > EMAIL_MAX or not email.isprintable():
        return None  # no such address can exist (and PostgreSQL refuses NUL in a query)
    return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def _valid_email(address: str | None, field: str = "email") -> str:
    email = normalise_email(address)
    if not email:
        raise ValidationError(fields={field: ["Enter your email address."]})
    try:
        checked = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationError(
            fields={field: ["Enter a valid email address, such as name@example.org."]}
        ) from None
    if len(checked) > EMAIL_MAX:
        raise ValidationError(fields={field: [f"Use at most {EMAIL_MAX} characters."]})
    return checked


def _email_taken(email: str, *, other_than: User | None = None) -> bool:
    query = select(User.id).where(User.email == email)
    if other_than is not None:
        query = query.where(User.id != other_than.id)
    return db.session.execute(query).first() is not None


def check_new_password(password: str, field: str = "password") -> None:
    """Raise ``ValidationError`` on ``field`` unless ``password`` meets the policy."""
    problems = password_problems(password or "")
    if problems:
        raise ValidationError(fields={field: problems})


def _plain_text(value: str | None, *, multiline: bool = False) -> str:
    """Text as typed, minus outer spaces and control characters: a tab becomes a space, line breaks
    stay where ``multiline``, the rest (NUL, escape sequences, bells) go."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = "\n" if multiline else ""

    def clean(ch: str) -> str:
        if ch in kept or unicodedata.category(ch) != "Cc":
            return ch
        return " " if ch.isspace() else ""

    return "".join(clean(ch) for ch in text).strip()


def _clean_text(
    value: str | None,
    field: str,
    label: str,
    maximum: int,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str:
    text = _plain_text(value, multiline=multiline)
    if required and not text:
        raise ValidationError(fields={field: [f"Enter your {label}."]})
    if len(text) > maximum:
        raise ValidationError(fields={field: [f"Use at most {maximum} characters."]})
    return text


@cache
def _dummy_hash(method: str) -> str:
    """One throwaway hash per hashing method (``hash_password`` reads the method from the config)."""
    return hash_password("a password that no account has, only there to spend the time")


def _spend_hash_time() -> None:
    """Check a password against a throwaway hash, so unknown accounts take as long as known ones."""
    password_matches(_dummy_hash(current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")), "x")


def end_all_sessions(user: User) -> None:
    """Every session and remember-me cookie of ``user`` stops loading (see session.py)."""
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


# --- Registration and verification -------------------------------------------------------


def accounts_created_today(ip: str) -> int:
    since = utcnow() - timedelta(days=1)
    query = select(func.count(User.id)).where(User.created_ip == ip, User.created_at >= since)
    return db.session.execute(query).scalar_one()


def register_user(name: str, email: str, password: str, *, ip: str | None = None) -> User:
    """Create an unverified account and e-mail the link that verifies it.

    :raise TooManyAccounts: ``ip`` already made the day's allowance of accounts.
    :raise ValidationError: a field is wrong or the address is taken.
    """
    name = _clean_text(name, "name", "name", NAME_MAX, required=True)
    email = _valid_email(email)
    check_new_password(password)
    if ip and accounts_created_today(ip[:45]) >= int(get_setting("accounts_per_ip_per_day")):
        log_event("account.register_refused", reason="accounts per IP per day")
        raise TooManyAccounts()
    if _email_taken(email):
        raise ValidationError(
            fields={
                "email": [
                    "An account with this email address already exists. Sign in, or reset its password."
                ]
            }
        )
    user = User(
        name=name, email=email, password_hash=hash_password(password), created_ip=ip[:45] if ip else None
    )
    db.session.add(user)
    db.session.flush()
    log_event("account.registered", account=user.id)
    emails.send_verification(user)
    return user


def resend_verification(user: User) -> bool:
    """E-mail a fresh verification link; ``False`` when the address is already verified."""
    if user.is_verified:
        return False
    emails.send_verification(user)
    log_event("account.verification_resent", account=user.id)
    return True


def user_for_verification(token: str) -> User | None:
    payload = tokens.read_token(tokens.VERIFY_EMAIL, token, current_app.config["EMAIL_VERIFY_MAX_AGE"])
    if payload is None:
        return None
    user = db.session.get(User, payload.get("uid")) if isinstance(payload.get("uid"), int) else None
    if user is None or user.email != payload.get("email") or user.deactivated_at is not None:
        return None
    return user


def verify_email(token: str) -> User:
    """Mark the address in ``token`` verified. :raise NotFound: the link is not (or no longer) valid."""
    user = user_for_verification(token)
    if user is None:
        raise NotFound("That link is not valid, or it has expired.")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        log_event("account.email_verified", account=user.id)
    db.session.flush()
    return user


# --- Signing in and out --------------------------------------------------------------------


def authenticate(email: str, password: str) -> User:
    """The user with this address and password, if they may sign in.

    :raise InvalidCredentials: unknown address, wrong password or deactivated account, all alike
        and in about the same time.
    :raise AccountSuspended: the password is right but the account is suspended.
    """
    user = find_user_by_email(email)
    password = password or ""
    if user is None or len(password) > MAX_LENGTH:
        _spend_hash_time()
        # The submitted text is not logged: people type their password into the wrong field.
        log_event("signin.failure", account="unknown")
        raise InvalidCredentials()
    if not password_matches(user.password_hash, password) or user.deactivated_at is not None:
        log_event("signin.failure", account=user.id)
        raise InvalidCredentials()
    if user.is_suspended:
        log_event("signin.refused_suspended", account=user.id)
        raise AccountSuspended(
            reason=user.suspension_reason,
            until=None if user.suspended_indefinitely else user.suspended_until,
        )
    return user


def record_sign_in(user: User) -> None:
    user.last_seen_at = utcnow()
    db.session.flush()
    log_event("signin.success", account=user.id)


def sign_out(user: User) -> None:
    """End this and every other session of ``user`` (docs/SECURITY.md 6)."""
    end_all_sessions(user)
    log_event("signout", account=user.id)


# --- Password reset ----------------------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """E-mail a reset link if an account has this address. Says nothing either way (docs/SECURITY.md 12)."""
    user = find_user_by_email(email)
    if user is None or user.deactivated_at is not None:
        log_event("password_reset.requested", account="unknown")
        return
    emails.send_password_reset(user)
    log_event("password_reset.requested", account=user.id)


def user_for_reset(token: str) -> User | None:
    """The user a reset token is for, while it is unexpired and the password it names is current."""
    payload = tokens.read_token(tokens.RESET_PASSWORD, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    if payload is None or not isinstance(payload.get("uid"), int):
        return None
    user = db.session.get(User, payload["uid"])
    if user is None or user.deactivated_at is not None:
        return None
    if not tokens.same_fingerprint(payload.get("pw"), tokens.password_fingerprint(user.password_hash)):
        return None
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from an e-mailed link; ends every session. Does not sign anyone in.

    :raise NotFound: the link is invalid, expired or already used.
    :raise ValidationError: the new password breaks the policy (field ``password``).
    """
    user = user_for_reset(token)
    if user is None:
        raise NotFound("That link is not valid, or it has expired or been used.")
    check_new_password(new_password)
    user.password_hash = hash_password(new_password)
    if user.email_verified_at is None:  # the link reached the inbox: the address is theirs
        user.email_verified_at = utcnow()
    end_all_sessions(user)
    log_event("password_reset.completed", account=user.id)
    return user


# --- Settings --------------------------------------------------------------------------------


def _check_current_password(user: User, password: str, field: str = "current_password") -> None:
    if not password_matches(user.password_hash, password or ""):
        raise ValidationError(fields={field: ["Your current password is not right."]})


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Needs the current password; ends every session, the caller re-signs-in its own."""
    _check_current_password(user, current_password)
    check_new_password(new_password, field="new_password")
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)
    log_event("password.changed", account=user.id)


def request_email_change(user: User, current_password: str, new_email: str) -> str:
    """Send a confirmation link to the new address and tell the current one; returns the new address.

    Nothing changes until the link is opened (:func:`confirm_email_change`).
    """
    _check_current_password(user, current_password)
    email = _valid_email(new_email, field="new_email")
    if email == user.email:
        raise ValidationError(fields={"new_email": ["That is already your email address."]})
    if _email_taken(email, other_than=user):
        raise ValidationError(fields={"new_email": ["Another account uses that email address."]})
    emails.send_email_change_confirmation(user, email)
    emails.send_email_change_notice(user, email)
    log_event("email.change_requested", account=user.id)
    return email


def email_change_for(token: str) -> tuple[User, str] | None:
    payload = tokens.read_token(tokens.CHANGE_EMAIL, token, current_app.config["EMAIL_VERIFY_MAX_AGE"])
    if payload is None or not isinstance(payload.get("uid"), int) or not isinstance(payload.get("new"), str):
        return None
    user = db.session.get(User, payload["uid"])
    if user is None or user.deactivated_at is not None or user.email != payload.get("old"):
        return None
    return user, payload["new"]


def confirm_email_change(token: str) -> User:
    """Switch to the address the link was sent to (now verified by that very link).

    :raise NotFound: invalid, expired or already used link.
    :raise Conflict: another account took the address meanwhile.
    """
    found = email_change_for(token)
    if found is None:
        raise NotFound("That link is not valid, or it has expired or been used.")
    user, new_email = found
    if _email_taken(new_email, other_than=user):
        raise Conflict("Another account uses that email address now.")
    user.email = new_email
    user.email_verified_at = utcnow()
    db.session.flush()
    log_event("email.changed", account=user.id)
    return user


def update_profile(user: User, *, name: str, job_title: str, bio: str, email_notifications: str) -> User:
    user.name = _clean_text(name, "name", "name", NAME_MAX, required=True)
    user.job_title = _clean_text(job_title, "job_title", "job title", JOB_TITLE_MAX)
    user.bio = _clean_text(bio, "bio", "bio", BIO_MAX, multiline=True)
    if email_notifications not in NOTIFICATION_CHOICES:
        raise ValidationError(fields={"email_notifications": ["Choose one of the options."]})
    user.email_notifications = email_notifications
    db.session.flush()
    return user


# --- Profiles ----------------------------------------------------------------------------------


def get_profile(actor: object, user_id: int) -> User:
    """:raise NotFound: no such user, or ``actor`` may not see them (the same answer)."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    require(actor, "user.view_profile", user, hide=True)
    return user


def profile_organisations(user: User) -> list[Organisation]:
    """The approved organisations ``user`` belongs to, by name."""
    organisations = (m.organisation for m in user.memberships if m.organisation.is_approved)
    return sorted(organisations, key=lambda org: org.name.lower())


# --- Administration ------------------------------------------------------------------------------


def create_admin(email: str, password: str | None, *, name: str | None = None) -> tuple[User, bool]:
    """Create a verified admin, or promote the existing account with that address.

    Returns ``(user, created)``. A new account needs ``password``, which must meet the policy; an
    existing one keeps its password.
    """
    email = _valid_email(email)
    user = find_user_by_email(email)
    created = user is None
    if user is None:
        check_new_password(password or "")
        display_name = _clean_text(name or email.split("@")[0], "name", "name", NAME_MAX, required=True)
        user = User(name=display_name, email=email, password_hash=hash_password(password or ""))
        db.session.add(user)
    user.is_admin = True
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.flush()
    log_event("admin.created" if created else "admin.promoted", account=user.id)
    return user, created
