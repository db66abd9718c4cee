"""Building one message: headers on one line, a fixed Message-ID, optional attachments."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

from ..text import one_line

# (file name, content type such as "text/calendar", bytes), e.g. an event's .ics file.
MailAttachment = tuple[str, str, bytes]


def _one_line(text: str) -> str:
    """Header values on one line: a newline in a user's text must not add headers."""
    return one_line(str(text))


def build_message(to: str, subject: str, body: str, attachments: list[MailAttachment] | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = _one_line(to)
    message["Subject"] = _one_line(subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    # Fixed when queued: a message re-sent after a crash carries the same id, so mail systems can
    # recognise the duplicate.
    message["Message-ID"] = make_msgid(domain="smhn.example")
    message.set_content(body)
    for filename, content_type, data in attachments or ():
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(
            data, maintype=maintype or "application", subtype=subtype or "octet-stream", filename=_one_line(filename)
        )
    return message
