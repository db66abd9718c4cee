"""Account events reach the security log with user and IP, and never a password or token."""

from __future__ import annotations

import logging

import pytest

from app.extensions import db
from tests import factories

from .helpers import STRONG, post_reset, sign_in, token_link


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="smhn.security")
    return caplog


def lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "smhn.security"]


def test_account_events_are_logged_without_secrets(client, ctx, mailbox, security_log):
    user = factories.make_user("log@example.org")
    db.session.commit()

    sign_in(client, "log@example.org", "the wrong password typed")
    sign_in(client, "log@example.org\r\nevent=forged", "another wrong one")
    sign_in(client, "log@example.org", factories.PASSWORD)
    client.post(
        "/account/password",
        data={"pw-current_password": factories.PASSWORD, "pw-new_password": STRONG, "pw-confirm": STRONG},
    )
    client.post("/auth/logout")
    client.post("/auth/reset", data={"email": "log@example.org"})
    link = token_link(mailbox.body(mailbox.last_to("log@example.org")), "/auth/reset/")
    post_reset(client, link, data={"password": "yet another long passphrase", "confirm": "yet another long passphrase"}
    )

    logged = lines(security_log)
    text = "\n".join(logged)
    for event in (
        "signin.failure",
        "signin.success",
        "password.changed",
        "signout",
        "password_reset.requested",
        "password_reset.completed",
    ):
        assert f"event={event}" in text, event
    assert f"account='{user.id}'" in text
    assert "ip=127.0.0.1" in text
    assert all(line[:4].isdigit() and "+00:00" in line.split()[0] for line in logged)
    for secret in (
        factories.PASSWORD,
        STRONG,
        "the wrong password typed",
        "yet another long passphrase",
        link.rsplit("/", 1)[1],
    ):
        assert secret not in text
    assert not any(line.startswith("event=forged") for line in text.splitlines())
