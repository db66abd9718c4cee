"""Rate limits on the sign-in, registration and reset forms (docs/SECURITY.md 9, 12, 14).

Sign-in is limited per IP and, separately, per account (the submitted address, normalised), so
spreading a guessing attack over many addresses or many IPs both hit a wall. The password-reset
forms have limits of their own: a victim whose sign-in is locked can still reset.
"""

from __future__ import annotations

from flask import Response, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address

from ..extensions import limiter
from ..security_log import log_event
from .service import normalise_email

SIGNIN_PER_IP = "6/minute;30/hour"
SIGNIN_PER_ACCOUNT = "10/hour"
REGISTER_PER_IP = "5/hour;20/day"
RESET_REQUEST_PER_IP = "5/minute;20/hour"
RESET_PASSWORD_PER_IP = "10/minute;30/hour"
RESEND_VERIFICATION_PER_IP = "3/minute;10/hour"
# Changing password or e-mail checks the current password: no guessing it from a stolen session.
SETTINGS_PER_IP = "10/minute;50/hour"
SIGNIN_LOCKED_MESSAGE = (
    "Too many sign-in attempts from your network or for this account. Please wait a few minutes "
    "and try again. If you have forgotten your password, you can still reset it."
)


def submitted_account() -> str:
    """The per-account key: the address typed into the form, as the service would look it up."""
    email = normalise_email(request.form.get("email"))[:254]
    return f"account:{email}" if email else ""


def signin_failed(response: Response) -> bool:
    """Only failed attempts count against an account: its owner signing in costs nothing."""
    return response.status_code not in (301, 302, 303)


def log_lockout(limit: RequestLimit) -> None:
    log_event("ratelimit.exceeded", endpoint=request.endpoint or "-", limit=str(limit.limit))


def signin_limits(view):
    per_ip = limiter.limit(
        SIGNIN_PER_IP,
        methods=["POST"],
        key_func=get_remote_address,
        on_breach=log_lockout,
        error_message=SIGNIN_LOCKED_MESSAGE,
    )
    per_account = limiter.limit(
        SIGNIN_PER_ACCOUNT,
        methods=["POST"],
        key_func=submitted_account,
        deduct_when=signin_failed,
        on_breach=log_lockout,
        error_message=SIGNIN_LOCKED_MESSAGE,
    )
    return per_ip(per_account(view))


def per_ip(limit: str):
    return limiter.limit(limit, methods=["POST"], key_func=get_remote_address, on_breach=log_lockout)
