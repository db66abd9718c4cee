"""Rate limits on the sign-in, registration and reset forms (docs/SECURITY.md 9, 12, 14, 41).

Sign-in is limited per IP, and failures are throttled per IP *and account* pair with delays that
grow (a few tries a minute, then fewer per quarter hour, hour and day). There is deliberately no
limit per account alone: strangers failing from their own addresses could then lock the owner
out. A completed password reset lifts the pair throttle for that account on every address (the
account's "generation" moves on, so every older pair counter is left behind). The password-reset
forms have limits of their own: a victim whose sign-in is held back can still reset.
"""

from __future__ import annotations

import logging

from flask import Response, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address

from ..extensions import limiter
from ..security_log import log_event
from .service import normalise_email

log = logging.getLogger(__name__)

SIGNIN_PER_IP = "6/minute;30/hour"
# Failures of one IP at one account: growing waits, 3 a minute, then 6 a quarter hour, and so on.
SIGNIN_PER_PAIR = "3/minute;6/15 minutes;12/hour;24/day"
GENERATION_TTL = 2 * 24 * 3600  # longer than the longest window above
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


def _account_key(email: str) -> str:
    return f"account:{email}"


def _generation_key(email: str) -> str:
    return f"signin-generation:{email}"


def submitted_pair() -> str:
    """The per-pair key: client address, the address typed into the form (as the service would look
    it up), and the account's current generation."""
    email = normalise_email(request.form.get("email"))[:254]
    if not email:
        return ""
    generation = 0
    if limiter.enabled:
        try:
            generation = limiter.storage.get(_generation_key(email))
        except Exception:  # the limits store is down: throttle on the oldest generation, never fail
            log.exception("sign-in throttle: could not read the account's generation")
    return f"{_account_key(email)}:{generation}:{get_remote_address()}"


def lift_signin_throttle(email: str) -> None:
    """The owner proved control of the address (a completed reset): forget every pair's failures.

    A reset must succeed even when the limits store is unreachable, so a failure here is logged.
    """
    if not limiter.enabled:
        return
    try:
        limiter.storage.incr(_generation_key(normalise_email(email)), GENERATION_TTL)
    except Exception:
        log.exception("sign-in throttle: could not lift it after a reset")


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
    per_pair = limiter.limit(
        SIGNIN_PER_PAIR,
        methods=["POST"],
        key_func=submitted_pair,
        deduct_when=signin_failed,
        on_breach=log_lockout,
        error_message=SIGNIN_LOCKED_MESSAGE,
    )
    return per_ip(per_pair(view))


def per_ip(limit: str):
    return limiter.limit(limit, methods=["POST"], key_func=get_remote_address, on_breach=log_lockout)
