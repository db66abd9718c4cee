"""No one can lock another person out of signing in (SECURITY.md 41).

Guessing is throttled per address (the IP limits) and per address-and-account pair with delays
that grow; strangers' failures never stop the owner signing in from elsewhere, and a completed
reset lifts the throttle on the owner's own address.
"""

from __future__ import annotations

import time

import pytest

from app.extensions import db
from tests import factories

from .helpers import STRONG, sign_in, token_link


@pytest.fixture
def limited_app(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True)
    with app.app_context():
        factories.make_user("target@example.org")
        db.session.commit()
    return app


def from_ip(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def attempt(app, password: str, address: str, email: str = "target@example.org") -> int:
    return sign_in(app.test_client(), email, password, **from_ip(address)).status_code


def test_strangers_failures_never_lock_the_owner_out(limited_app):
    for n in range(10):
        for _ in range(3):
            attempt(limited_app, "wrong password", f"203.0.113.{n + 1}")
    assert attempt(limited_app, factories.PASSWORD, "198.51.100.7") == 302


def test_guessing_from_one_address_at_one_account_is_held_back(limited_app):
    statuses = [attempt(limited_app, "wrong password", "203.0.113.1") for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
    assert attempt(limited_app, factories.PASSWORD, "203.0.113.1") == 429
    assert attempt(limited_app, "wrong password", "203.0.113.1", email="other@example.org") == 422
    assert attempt(limited_app, factories.PASSWORD, "203.0.113.2") == 302


def test_the_delays_grow_with_the_failures(limited_app, monkeypatch):
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    address = "203.0.113.9"
    assert [attempt(limited_app, "wrong password", address) for _ in range(4)][-1] == 429
    now[0] += 61
    assert [attempt(limited_app, "wrong password", address) for _ in range(3)] == [422, 422, 422]
    assert attempt(limited_app, factories.PASSWORD, address) == 429
    now[0] += 61  # a minute is no longer enough
    assert attempt(limited_app, factories.PASSWORD, address) == 429
    now[0] += 15 * 60
    assert attempt(limited_app, factories.PASSWORD, address) == 302


def test_a_completed_reset_lifts_the_throttle_for_the_owner(mailbox, limited_app):
    """``mailbox`` comes first: the app it builds must not be the last one to set up the limiter."""
    address = "203.0.113.5"
    for _ in range(3):
        attempt(limited_app, "wrong password", address)
    assert attempt(limited_app, factories.PASSWORD, address) == 429

    owner = limited_app.test_client()
    owner.post("/auth/reset", data={"email": "target@example.org"}, **from_ip("198.51.100.9"))
    link = token_link(mailbox.body(mailbox.last_to("target@example.org")), "/auth/reset/")
    owner.get(link, **from_ip("198.51.100.9"))
    done = owner.post("/auth/reset/new", data={"password": STRONG, "confirm": STRONG}, **from_ip("198.51.100.9"))
    assert done.status_code == 302
    assert attempt(limited_app, STRONG, address) == 302
