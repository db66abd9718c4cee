"""Security events logged with user, IP and UTC time (docs/SECURITY.md 38).

Values are escaped so CR/LF in user input can never forge a log line, and callers never pass
passwords or tokens.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask import has_request_context, request
from flask_login import current_user

log = logging.getLogger("smhn.security")


def clean(value: object) -> str:
    """Make any value safe for one log line: no CR, LF or other control characters."""
    text = str(value)
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _who() -> tuple[str, str]:
    if not has_request_context():
        return "-", "-"
    user = "anonymous"
    if getattr(current_user, "is_authenticated", False):
        user = f"user:{current_user.id}"
    return user, request.remote_addr or "-"


def log_event(event: str, **details: object) -> None:
    user, ip = _who()
    parts = " ".join(f"{clean(k)}={clean(v)!r}" for k, v in details.items())
    log.info(
        "%s event=%s user=%s ip=%s %s",
        datetime.now(UTC).isoformat(timespec="seconds"),
        clean(event),
        user,
        clean(ip),
        parts,
    )


def log_refusal(reason: str) -> None:
    path = request.path if has_request_context() else "-"
    log_event("authorization.refused", path=path, reason=reason)
