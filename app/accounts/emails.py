"""The messages this domain e-mails. Links come from ``SITE_URL`` (``absolute_url``), never the Host."""

from __future__ import annotations

from flask import current_app

from ..mail import absolute_url, send_mail
from ..text import plural
from . import tokens
from .models import User


def _site() -> str:
    return current_app.config["SITE_NAME"]


def _hours(seconds: int) -> str:
    hours = seconds // 3600
    if hours >= 48:
        return plural(hours // 24, "day")
    return plural(hours, "hour")


def send_verification(user: User) -> None:
    token = tokens.make_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": user.email})
    link = absolute_url("accounts.verify_email", token=token)
    max_age = current_app.config["EMAIL_VERIFY_MAX_AGE"]
    send_mail(
        user.email,
        f"Confirm your email address for the {_site()}",
        f"Hello {user.name},\n\n"
        f"Please confirm your email address by opening this link:\n\n{link}\n\n"
        f"The link works for {_hours(max_age)}. Until you confirm, you can read but not post.\n\n"
        "If you did not create this account, ignore this message.\n",
    )


def send_already_registered(user: User) -> None:
    """Someone registered with an address that has an account: tell its owner, not the form."""
    send_mail(
        user.email,
        f"Someone tried to register with your address on the {_site()}",
        f"Hello {user.name},\n\n"
        "Someone tried to create an account with this email address, which already has an account. "
        f"If it was you, sign in: {absolute_url('accounts.login')}\n\n"
        f"If you have forgotten your password, reset it: {absolute_url('accounts.reset_request')}\n\n"
        "If it was not you, ignore this message: nothing has changed.\n",
    )


def send_password_reset(user: User) -> None:
    token = tokens.make_token(
        tokens.RESET_PASSWORD, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)}
    )
    link = absolute_url("accounts.reset_link", token=token)
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    send_mail(
        user.email,
        f"Reset your password for the {_site()}",
        f"Hello {user.name},\n\n"
        f"Someone asked to reset the password of your account. To choose a new password, open:\n\n{link}\n\n"
        f"The link works once, for {_hours(max_age)}. If you did not ask for this, ignore this message: "
        "your password stays as it is.\n",
    )


def send_email_change_confirmation(user: User, new_email: str) -> None:
    token = tokens.make_token(tokens.CHANGE_EMAIL, tokens.email_change_payload(user, new_email))
    link = absolute_url("accounts.confirm_email_change", token=token)
    max_age = current_app.config["EMAIL_VERIFY_MAX_AGE"]
    send_mail(
        new_email,
        f"Confirm your new email address for the {_site()}",
        f"Hello {user.name},\n\n"
        f"To use this address for your account, open this link:\n\n{link}\n\n"
        f"The link works for {_hours(max_age)}. If you did not ask for this, ignore this message.\n",
    )


def send_email_change_notice(user: User, new_email: str) -> None:
    """Tell the current address, so a stolen password cannot quietly take the account over."""
    send_mail(
        user.email,
        f"A change of email address was requested on the {_site()}",
        f"Hello {user.name},\n\n"
        f"Someone signed in to your account asked to change its email address to {new_email}. "
        "The change takes effect only when the link sent to that address is opened.\n\n"
        "If this was not you, reset your password now: "
        f"{absolute_url('accounts.reset_request')}\n",
    )
