"""A pending e-mail change cannot outlive the credentials that asked for it (SECURITY.md 39).

The outside test's takeover: an attacker who knows the password asks to move the account to
their address; the owner resets the password; the attacker, signed out, still opened the link.
"""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.extensions import db
from tests import factories

from .helpers import STRONG, sign_in, token_link

CONFIRM = "/account/email/confirm/"


@pytest.fixture
def user(ctx):
    created = factories.make_user("owner@example.org", name="Olga Owner")
    db.session.commit()
    return created


def email_of(user_id: int) -> str:
    db.session.expire_all()
    return db.session.get(User, user_id).email


def signed_in(app):
    client = app.test_client()
    assert sign_in(client, "owner@example.org", factories.PASSWORD).status_code == 302
    return client


def ask_change(client, mailbox, new_email: str) -> str:
    response = client.post(
        "/account/email", data={"em-new_email": new_email, "em-current_password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return token_link(mailbox.body(mailbox.last_to(new_email)), CONFIRM)


def reset_password(app, mailbox, password: str = STRONG) -> None:
    owner = app.test_client()
    owner.post("/auth/reset", data={"email": "owner@example.org"})
    link = token_link(mailbox.body(mailbox.last_to("owner@example.org")), "/auth/reset/")
    owner.get(link)
    assert owner.post("/auth/reset/new", data={"password": password, "confirm": password}).status_code == 302


def test_the_takeover_fails_after_the_owner_resets_the_password(app, user, mailbox):
    attacker = signed_in(app)
    link = ask_change(attacker, mailbox, "attacker@evil.example")
    reset_password(app, mailbox)

    # The attacker's session has ended; signed out, and in a fresh browser, the link does nothing.
    assert attacker.post(link).status_code in (302, 404)
    assert app.test_client().post(link).status_code in (302, 404)
    # Even the owner, signed in with the new password, cannot use the dead link.
    owner = app.test_client()
    sign_in(owner, "owner@example.org", STRONG)
    assert owner.post(link).status_code == 404
    assert email_of(user.id) == "owner@example.org"


def test_confirming_needs_the_account_signed_in(app, user, mailbox):
    link = ask_change(signed_in(app), mailbox, "new@example.org")
    response = app.test_client().post(link)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert email_of(user.id) == "owner@example.org"


def test_another_account_cannot_confirm_it(app, user, mailbox, ctx):
    factories.make_user("other@example.org")
    db.session.commit()
    link = ask_change(signed_in(app), mailbox, "new@example.org")
    other = app.test_client()
    sign_in(other, "other@example.org", factories.PASSWORD)
    assert other.post(link).status_code == 404
    assert email_of(user.id) == "owner@example.org"


def test_a_fresh_sign_in_may_confirm(app, user, mailbox):
    link = ask_change(signed_in(app), mailbox, "new@example.org")
    response = app.test_client().get(link)
    assert response.status_code == 302
    later = signed_in(app)
    assert later.post(link).status_code == 302
    assert email_of(user.id) == "new@example.org"


def test_the_link_dies_when_the_password_changes(app, user, mailbox):
    client = signed_in(app)
    link = ask_change(client, mailbox, "new@example.org")
    client.post(
        "/account/password",
        data={"pw-current_password": factories.PASSWORD, "pw-new_password": STRONG, "pw-confirm": STRONG},
    )
    assert client.post(link).status_code == 404
    assert email_of(user.id) == "owner@example.org"


def test_the_link_dies_when_sessions_are_ended(app, user, mailbox):
    client = signed_in(app)
    link = ask_change(client, mailbox, "new@example.org")
    client.post("/auth/logout")
    again = signed_in(app)
    assert again.post(link).status_code == 404
    assert email_of(user.id) == "owner@example.org"


def test_a_newer_request_kills_the_older_link(app, user, mailbox):
    client = signed_in(app)
    first = ask_change(client, mailbox, "first@example.org")
    second = ask_change(client, mailbox, "second@example.org")
    assert client.post(first).status_code == 404
    assert client.post(second).status_code == 302
    assert email_of(user.id) == "second@example.org"
