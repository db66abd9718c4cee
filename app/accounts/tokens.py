"""Signed, expiring tokens for the links this domain e-mails (verification, reset, e-mail change).

Each purpose has its own salt, so a token made for one purpose never passes for another. The
tokens carry no secret of their own: what makes them single use is a value inside them that
stops matching once used (the password fingerprint, the old address).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING, Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

if TYPE_CHECKING:
    from .models import User

VERIFY_EMAIL = "verify-email"
RESET_PASSWORD = "reset-password"
CHANGE_EMAIL = "change-email"

MAX_TOKEN_LENGTH = 1000


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"smhn.accounts.{purpose}")


def make_token(purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> dict[str, Any] | None:
    """The payload of a genuine, unexpired token for ``purpose``; ``None`` for anything else."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    return payload if isinstance(payload, dict) else None


def password_fingerprint(password_hash: str) -> str:
    """A keyed digest of the stored hash: a reset token carrying it dies once the password changes."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, password_hash.encode(), hashlib.sha256).hexdigest()[:32]


def same_fingerprint(a: object, b: str) -> bool:
    return isinstance(a, str) and hmac.compare_digest(a, b)


def email_change_payload(user: User, new_email: str) -> dict[str, Any]:
    """What an e-mail change link is bound to (SECURITY.md 39): the address it replaces, the latest
    request (``n``), the session version and the password. Changing any of them kills the link."""
    return {
        "uid": user.id,
        "old": user.email,
        "new": new_email,
        "n": user.email_change_serial,
        "sv": user.session_version,
        "pw": password_fingerprint(user.password_hash),
    }


def email_change_still_valid(payload: dict[str, Any], user: User) -> bool:
    new = payload.get("new")
    current = email_change_payload(user, new if isinstance(new, str) else "")
    return (
        payload.get("old") == current["old"]
        and payload.get("n") == current["n"]
        and payload.get("sv") == current["sv"]
        and same_fingerprint(payload.get("pw"), current["pw"])
    )
