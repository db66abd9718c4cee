"""Sign-in is limited per IP and per account; the password reset stays open to the victim."""

from __future__ import annotations

import logging

import pytest

from app.extensions import db
from tests import factories

from .helpers import sign_in

LOCKED = "Too many sign-in attempts"


@pytest.fixture
def limited_app(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True)
    with app.app_context():
        factories.make_user("target@example.org")
        db.session.commit()
    return app


def from_ip(n: int) -> dict:
    return {"environ_base": {"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250 + 1}"}}


def test_seventh_attempt_in_a_minute_from_one_ip_gets_429(limited_app):
    client = limited_app.test_client()
    statuses = [sign_in(client, f"guess{n}@example.org", "wrong password here").status_code for n in range(7)]
    assert statuses == [422] * 6 + [429]


def test_429_is_a_clear_page_that_points_to_the_reset(limited_app):
    client = limited_app.test_client()
    for n in range(6):
        sign_in(client, f"guess{n}@example.org", "wrong password here")
    response = sign_in(client, "target@example.org", factories.PASSWORD)
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "<h1>Too many requests</h1>" in page
    assert LOCKED in page and "you can still reset it" in page
    assert "Traceback" not in page


def test_ip_limit_counts_only_sign_in_posts(limited_app):
    client = limited_app.test_client()
    for _ in range(10):
        assert client.get("/auth/login").status_code == 200


def test_an_account_is_locked_after_ten_failures_from_many_ips(limited_app):
    for n in range(10):
        assert (
            sign_in(
                limited_app.test_client(), "target@example.org", "wrong password", **from_ip(n)
            ).status_code
            == 422
        )
    locked = sign_in(limited_app.test_client(), "Target@Example.org ", factories.PASSWORD, **from_ip(50))
    assert locked.status_code == 429
    assert LOCKED in locked.get_data(as_text=True)
    other_account = sign_in(limited_app.test_client(), "someone@example.org", "wrong password", **from_ip(51))
    assert other_account.status_code == 422


def test_successful_sign_ins_do_not_use_up_the_account_allowance(limited_app):
    for n in range(9):
        sign_in(limited_app.test_client(), "target@example.org", "wrong password", **from_ip(n))
    for n in range(3):
        assert (
            sign_in(
                limited_app.test_client(), "target@example.org", factories.PASSWORD, **from_ip(20 + n)
            ).status_code
            == 302
        )
    assert (
        sign_in(limited_app.test_client(), "target@example.org", "wrong password", **from_ip(30)).status_code
        == 422
    )
    assert (
        sign_in(limited_app.test_client(), "target@example.org", "wrong password", **from_ip(31)).status_code
        == 429
    )


def test_reset_stays_open_while_sign_in_is_locked(limited_app):
    client = limited_app.test_client()
    for n in range(10):
        sign_in(limited_app.test_client(), "target@example.org", "wrong password", **from_ip(n))
    for _ in range(6):
        sign_in(client, "target@example.org", "wrong password")
    assert sign_in(client, "target@example.org", factories.PASSWORD).status_code == 429
    assert client.get("/auth/reset").status_code == 200
    assert client.post("/auth/reset", data={"email": "target@example.org"}).status_code == 200


def test_reset_requests_have_their_own_limit(limited_app):
    client = limited_app.test_client()
    statuses = [
        client.post("/auth/reset", data={"email": "target@example.org"}).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert sign_in(client, "target@example.org", factories.PASSWORD).status_code == 302


def test_lockout_is_logged(limited_app, caplog):
    caplog.set_level(logging.INFO, logger="smhn.security")
    client = limited_app.test_client()
    for n in range(7):
        sign_in(client, f"guess{n}@example.org", "wrong password here")
    assert any(
        "event=ratelimit.exceeded" in r.getMessage() and "accounts.login" in r.getMessage()
        for r in caplog.records
    )
