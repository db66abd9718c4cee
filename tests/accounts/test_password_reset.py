"""Password reset by e-mailed link: same answer for everyone, single use, expiring, no sign-in."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner

from app.accounts.models import User
from app.accounts.passwords import password_matches
from app.extensions import db
from tests import factories

from .helpers import STRONG, cookie, is_signed_in, replay, sign_in, token_link


@pytest.fixture
def user(ctx):
    created = factories.make_user("pharma@example.org", name="Phil Pharma")
    db.session.commit()
    return created


def reset_link(client, mailbox, email: str = "pharma@example.org") -> str:
    client.post("/auth/reset", data={"email": email})
    return token_link(mailbox.body(mailbox.last_to(email)), "/auth/reset/")


def stored_hash(user_id: int) -> str:
    db.session.expire_all()
    return db.session.get(User, user_id).password_hash


def test_known_and_unknown_addresses_get_the_same_answer(client, user, mailbox):
    known = client.post("/auth/reset", data={"email": "pharma@example.org"})
    unknown = client.post("/auth/reset", data={"email": "stranger@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()
    assert len(mailbox.to("pharma@example.org")) == 1
    assert mailbox.to("stranger@example.org") == []


def test_deactivated_account_gets_no_reset_mail(client, user, mailbox):
    from app.db_types import utcnow

    user.deactivated_at = utcnow()
    db.session.commit()
    assert client.post("/auth/reset", data={"email": "pharma@example.org"}).status_code == 200
    assert mailbox.to("pharma@example.org") == []


def test_reset_link_comes_from_the_configured_site(client, user, mailbox):
    client.post("/auth/reset", data={"email": "pharma@example.org"}, headers={"Host": "evil.example"})
    body = mailbox.body(mailbox.last_to("pharma@example.org"))
    assert "http://smhn.test/auth/reset/" in body
    assert "evil.example" not in body


def test_reset_page_sends_no_referrer(client, user, mailbox):
    link = reset_link(client, mailbox)
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert ">New password</label>" in response.get_data(as_text=True)
    assert ">Confirm password</label>" in response.get_data(as_text=True)


def test_reset_sets_the_password_without_signing_in(client, user, mailbox):
    link = reset_link(client, mailbox)
    response = client.post(link, data={"password": STRONG, "confirm": STRONG})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    assert not is_signed_in(client)
    assert password_matches(stored_hash(user.id), STRONG)
    assert sign_in(client, "pharma@example.org", STRONG).status_code == 302
    assert is_signed_in(client)


def test_reset_link_works_only_once(client, user, mailbox):
    link = reset_link(client, mailbox)
    client.post(link, data={"password": STRONG, "confirm": STRONG})
    again = client.post(
        link, data={"password": "another fine passphrase", "confirm": "another fine passphrase"}
    )
    assert again.status_code == 404
    assert again.headers["Referrer-Policy"] == "no-referrer"
    assert password_matches(stored_hash(user.id), STRONG)


def test_reset_link_dies_when_the_password_changes(client, user, mailbox):
    link = reset_link(client, mailbox)
    sign_in(client, "pharma@example.org", factories.PASSWORD)
    client.post(
        "/account/password",
        data={"pw-current_password": factories.PASSWORD, "pw-new_password": STRONG, "pw-confirm": STRONG},
    )
    assert client.get(link).status_code == 404


def test_reset_link_expires_after_an_hour(client, user, mailbox, monkeypatch):
    link = reset_link(client, mailbox)
    assert client.get(link).status_code == 200
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) + 3601)
    assert client.get(link).status_code == 404
    response = client.post(link, data={"password": STRONG, "confirm": STRONG})
    assert response.status_code == 404
    assert password_matches(stored_hash(user.id), factories.PASSWORD)


def test_a_verification_token_is_not_a_reset_token(client, mailbox, app):
    client.post(
        "/auth/register", data={"name": "V", "email": "v@example.org", "password": STRONG, "confirm": STRONG}
    )
    verify = token_link(mailbox.body(mailbox.last_to("v@example.org")), "/auth/verify/")
    token = verify.rsplit("/", 1)[1]
    assert client.get(f"/auth/reset/{token}").status_code == 404


def test_reset_ends_every_session(app, client, user, mailbox):
    browser = app.test_client()
    sign_in(browser, "pharma@example.org", factories.PASSWORD, remember=True)
    old_session, old_remember = cookie(browser, "session"), cookie(browser, "remember_token")
    link = reset_link(client, mailbox)
    client.post(link, data={"password": STRONG, "confirm": STRONG})
    assert not is_signed_in(browser)
    assert not is_signed_in(replay(app, session=old_session, remember_token=old_remember))


def test_reset_refuses_a_weak_password_and_keeps_the_link_usable(client, user, mailbox):
    link = reset_link(client, mailbox)
    response = client.post(link, data={"password": "password123", "confirm": "password123"})
    assert response.status_code == 422
    assert "most common" in response.get_data(as_text=True)
    assert client.post(link, data={"password": STRONG, "confirm": STRONG}).status_code == 302


def test_reset_verifies_an_unconfirmed_address(client, mailbox, ctx):
    unverified = factories.make_user("new@example.org", verified=False)
    db.session.commit()
    link = reset_link(client, mailbox, "new@example.org")
    client.post(link, data={"password": STRONG, "confirm": STRONG})
    db.session.expire_all()
    assert db.session.get(User, unverified.id).is_verified


def test_garbage_tokens_answer_404_not_500(client):
    for token in ("x", "a" * 5000, "%00", "..%2f..%2fetc", "eyJ1aWQiOjF9.AAAA.BBBB"):
        assert client.get(f"/auth/reset/{token}").status_code == 404
