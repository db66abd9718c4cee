"""Signed invitation links: the token names an ``Invitation`` row; the row makes it single use."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..errors import NotFound, ValidationError

SALT = "invitation"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def invitation_token(invitation_id: int) -> str:
    return _serializer().dumps({"invitation": invitation_id})


def invitation_id_from(token: str) -> int:
    """The invitation id a token carries.

    :raise ValidationError: the link has expired.
    :raise NotFound: the token was not made here (or was altered).
    """
    try:
        data = _serializer().loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except SignatureExpired:
        raise ValidationError(EXPIRED) from None
    except BadSignature:
        raise NotFound("This invitation link is not valid. Check that you copied the whole link.") from None
    invitation_id = data.get("invitation") if isinstance(data, dict) else None
    if not isinstance(invitation_id, int):
        raise NotFound("This invitation link is not valid. Check that you copied the whole link.")
    return invitation_id


EXPIRED = "This invitation has expired. Ask the organisation's admin to send you a new one."
