"""Account e-mail really goes out through SMTP when ``MAIL_URL`` is set (a local aiosmtpd server)."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db
from tests import factories
from tests.background import deliver_mail

from .helpers import STRONG, post_reset, token_link


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_reset_mail_goes_through_a_real_smtp_server(app_factory, smtp_server, tmp_path):
    inbox, port = smtp_server
    app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{port}")
    with app.app_context():
        factories.make_user("smtp@example.org", name="Sid Smtp")
        db.session.commit()
    client = app.test_client()

    response = client.post("/auth/reset", data={"email": "smtp@example.org"})
    assert response.status_code == 200
    assert inbox.received == []  # queued with the change, not sent inside the request
    deliver_mail(app)

    [(recipients, message)] = inbox.received
    assert recipients == ["smtp@example.org"]
    assert message["Subject"] == "Reset your password for the Social Media Health Network"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Hello Sid Smtp" in body
    link = token_link(body, "/auth/reset/")
    assert post_reset(client, link, data={"password": STRONG, "confirm": STRONG}).status_code == 302
    assert not list((tmp_path / "mail").glob("*.eml"))  # nothing fell back to files


def test_verification_mail_goes_through_a_real_smtp_server(app_factory, smtp_server):
    inbox, port = smtp_server
    app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{port}")
    client = app.test_client()
    client.post(
        "/auth/register",
        data={"name": "Vi", "email": "vi@example.org", "password": STRONG, "confirm": STRONG},
    )
    deliver_mail(app)
    [(recipients, message)] = inbox.received
    assert recipients == ["vi@example.org"]
    link = token_link(message.get_body(preferencelist=("plain",)).get_content(), "/auth/verify/")
    assert client.post(link).status_code == 302
