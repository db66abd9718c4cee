"""Outgoing e-mail: SMTP when ``MAIL_URL`` is set, else ``.eml`` files under ``MAIL_DIR``.

``MAIL_URL`` looks like ``smtp://user:password@host:port`` (``smtps://`` for TLS on connect,
``?starttls=1`` to upgrade). Links in messages are built from ``SITE_URL``, never from the
request's Host header (docs/SECURITY.md 33): use :func:`absolute_url`.
"""

from __future__ import annotations

import smtplib
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, has_request_context, url_for

from .text import one_line


def site_path(endpoint: str, **values: Any) -> str:
    """The local path of ``endpoint``, inside a request or not (CLI commands, services in tests)."""
    if has_request_context():
        return url_for(endpoint, _external=False, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an e-mail, rooted at the configured ``SITE_URL``."""
    return current_app.config["SITE_URL"].rstrip("/") + site_path(endpoint, **values)


def _one_line(text: str) -> str:
    """Header values on one line: a newline in a user's text must not add headers."""
    return one_line(str(text))


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = _one_line(to)
    message["Subject"] = _one_line(subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain="smhn.example")
    message.set_content(body)
    return message


def send_mail(to: str, subject: str, body: str) -> EmailMessage:
    message = build_message(to, subject, body)
    mail_url = current_app.config.get("MAIL_URL")
    if mail_url:
        _send_smtp(mail_url, message)
    else:
        _write_eml(Path(current_app.config["MAIL_DIR"]), message)
    return message


def _write_eml(folder: Path, message: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
    return path


def _send_smtp(mail_url: str, message: EmailMessage) -> None:
    parts = urlsplit(mail_url)
    options = parse_qs(parts.query)
    host, port = parts.hostname or "localhost", parts.port
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port or 465, timeout=30)
    else:
        client = smtplib.SMTP(host, port or 25, timeout=30)
    with client:
        if options.get("starttls", ["0"])[0] in ("1", "true"):
            client.starttls()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
