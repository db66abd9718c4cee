"""Handing one built message to the world: an SMTP server, or a ``.eml`` file in development."""

from __future__ import annotations

import smtplib
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class PermanentFailure(Exception):
    """The server refused the message for good (a 5xx answer): retrying cannot help."""


def send_smtp(mail_url: str, message: EmailMessage, *, timeout: float) -> None:
    """Send over SMTP. :raise PermanentFailure: a 5xx refusal; other errors are worth a retry."""
    parts = urlsplit(mail_url)
    options = parse_qs(parts.query)
    host, port = parts.hostname or "localhost", parts.port
    try:
        if parts.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port or 465, timeout=timeout)
        else:
            client = smtplib.SMTP(host, port or 25, timeout=timeout)
        with client:
            if options.get("starttls", ["0"])[0] in ("1", "true"):
                client.starttls()
            if parts.username:
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            raise PermanentFailure(f"recipient refused: {error.recipients}") from error
        raise
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPAuthenticationError):
            raise PermanentFailure(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise


def write_eml(folder: Path, message: EmailMessage) -> Path:
    """Write the message as a file (no ``MAIL_URL``): nothing is lost in development."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(bytes(message))
    partial.replace(path)
    return path
