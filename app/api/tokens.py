"""Personal access tokens: made, listed, revoked, and recognised on a request (docs/SECURITY.md 50).

A token is ``smhn_`` and 43 URL-safe characters (256 random bits). Only its SHA-256 digest is
stored, so a copy of the database gives no working token. A token works while it is not revoked
and its owner is active (not suspended or deactivated) and still verified; the rules of what it
may then see or do are the owner's, through ``app/permissions.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from .. import telemetry
from ..accounts.models import User
from ..accounts.service import find_user_by_email
from ..db_types import utcnow
from ..errors import NotFound, ValidationError
from ..extensions import db
from ..permissions import require
from ..security_log import log_event
from ..text import one_line
from .models import ApiToken, TokenScope

TOKEN_PREFIX = "smhn_"
TOKEN_BYTES = 32
NAME_MAX = 80
MAX_TOKEN_LENGTH = 100
SCOPES = tuple(scope.value for scope in TokenScope)
# "Last used" is kept to the minute: a busy integration writes it once a minute, not per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` is shown once and never stored."""

    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(actor: User, name: str, scope: str) -> NewToken:
    """:raise ValidationError: no name, a name too long, or an unknown scope."""
    require(actor, "api_token.create")
    errors: dict[str, list[str]] = {}
    name = one_line(name)
    if not name:
        errors["name"] = ["Name the token after what will use it, e.g. “Intranet news widget”."]
    elif len(name) > NAME_MAX:
        errors["name"] = [f"Keep the name under {NAME_MAX} characters."]
    if scope not in SCOPES:
        errors["scope"] = ["Choose read or write."]
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        user_id=actor.id, name=name, scope=scope, token_hash=digest(secret), prefix=secret[: len(TOKEN_PREFIX) + 4]
    )
    db.session.add(token)
    db.session.flush()
    log_event("api_token.created", token_id=token.id, scope=scope)
    return NewToken(token, secret)


def tokens_of(actor: User) -> list[ApiToken]:
    """The actor's tokens, live ones first, newest first."""
    return list(
        db.session.execute(
            select(ApiToken)
            .where(ApiToken.user_id == actor.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
        ).scalars()
    )


def get_token(actor: User, token_id: int) -> ApiToken:
    """:raise NotFound: no such token, or another person's (the same answer)."""
    token = db.session.get(ApiToken, token_id)
    require(actor, "api_token.revoke", token, hide=True)
    assert token is not None
    return token


def revoke_token(actor: User, token: ApiToken) -> ApiToken:
    """Revoke at once: the next request with it is refused. Revoking twice changes nothing."""
    require(actor, "api_token.revoke", token, hide=True)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
        log_event("api_token.revoked", token_id=token.id)
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The live token for ``secret`` whose owner may still act; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > MAX_TOKEN_LENGTH:
        return None
    token = db.session.execute(select(ApiToken).where(ApiToken.token_hash == digest(secret))).scalar_one_or_none()
    if token is None or token.revoked_at is not None:
        return None
    owner = token.user
    if owner is None or not owner.is_active or not owner.is_verified:
        return None
    _note_use(token)
    return token


def _note_use(token: ApiToken) -> None:
    """Record "last used" outside the request's transaction (a GET never waits for a write lock)."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    token_id = token.id

    def write() -> None:
        db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))

    telemetry.record(write)


def create_token_for(email: str, scope: str, name: str) -> NewToken:
    """``flask users token``: a token for the account at ``email``.

    :raise NotFound: no such account. :raise PermissionDenied: the account may not have tokens
        (unverified, suspended or deactivated). :raise ValidationError: bad scope or name.
    """
    user = find_user_by_email(email)
    if user is None:
        raise NotFound(f"No account with the address {email}.")
    return create_token(user, name, scope)
