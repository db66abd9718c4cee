"""Signing in and out: fresh sessions, remember-me, sign-out everywhere, lifetimes, ``next``."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest

from app.accounts.models import User
from app.db_types import utcnow
from app.extensions import db
from tests import factories

from .helpers import cookie, is_signed_in, replay, sign_in

GENERIC = "The email address or password is not right."


@pytest.fixture
def user(ctx):
    created = factories.make_user("nurse@example.org", name="Nell Nurse")
    db.session.commit()
    return created


def test_login_page_has_the_plain_labels(client):
    page = client.get("/auth/login").get_data(as_text=True)
    for label in ("Email", "Password", "Remember me"):
        assert f">{label}</label>" in page


def test_right_password_signs_in(client, user):
    response = sign_in(client, "nurse@example.org", factories.PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_address_is_matched_whatever_its_case(client, user):
    assert sign_in(client, "  Nurse@EXAMPLE.org ", factories.PASSWORD).status_code == 302


def test_wrong_password_and_unknown_account_look_the_same(client, user):
    wrong = sign_in(client, "nurse@example.org", "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 422
    assert GENERIC in wrong.get_data(as_text=True)
    wrong_page = wrong.get_data(as_text=True).replace("nurse@example.org", "ADDRESS")
    unknown_page = unknown.get_data(as_text=True).replace("nobody@example.org", "ADDRESS")
    assert wrong_page == unknown_page
    assert not is_signed_in(client)


def test_unknown_account_takes_about_as_long_as_a_wrong_password(app_factory):
    app = app_factory(PASSWORD_HASH_METHOD="pbkdf2:sha256:150000")
    with app.app_context():
        factories.make_user("slow@example.org")
        db.session.commit()
    client = app.test_client()

    def timed(email: str) -> float:
        started = time.perf_counter()
        sign_in(client, email, "not the password at all")
        return time.perf_counter() - started

    timed("warm@example.org")
    known = statistics.median(timed("slow@example.org") for _ in range(5))
    unknown = statistics.median(timed("nobody@example.org") for _ in range(5))
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_deactivated_account_gets_the_generic_message(client, user):
    user.deactivated_at = utcnow()
    db.session.commit()
    response = sign_in(client, "nurse@example.org", factories.PASSWORD)
    assert response.status_code == 422
    assert GENERIC in response.get_data(as_text=True)


def test_suspended_account_is_told_why_and_until_when(client, user):
    user.suspended_until = utcnow() + timedelta(days=3)
    user.suspension_reason = "Posted a patient's photo <again>."
    db.session.commit()
    response = sign_in(client, "nurse@example.org", factories.PASSWORD)
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Posted a patient&#39;s photo &lt;again&gt;." in page
    assert user.suspended_until.strftime("%d %B %Y") in page
    assert not is_signed_in(client)


def test_suspended_account_with_a_wrong_password_learns_nothing(client, user):
    user.suspended_indefinitely = True
    user.suspension_reason = "Spam"
    db.session.commit()
    response = sign_in(client, "nurse@example.org", "not the password at all")
    assert response.status_code == 422
    assert "Spam" not in response.get_data(as_text=True)


def test_indefinite_suspension_says_it_has_no_end(client, user):
    user.suspended_indefinitely = True
    db.session.commit()
    response = sign_in(client, "nurse@example.org", factories.PASSWORD)
    assert response.status_code == 403
    assert "no end date" in response.get_data(as_text=True)


def test_signing_in_starts_a_fresh_session(client, user):
    client.get("/auth/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["_user_id"] = "999:1"
    before = cookie(client, "session")
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{user.id}:{user.session_version}"
    assert cookie(client, "session") != before


def test_remember_me_sets_a_protected_cookie_in_production(app_factory, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = app_factory(SMHN_ENV="production")
    with app.app_context():
        factories.make_user("prod@example.org")
        db.session.commit()
    response = sign_in(app.test_client(), "prod@example.org", factories.PASSWORD, remember=True)
    set_cookies = response.headers.getlist("Set-Cookie")
    for name in ("session=", "remember_token="):
        [header] = [h for h in set_cookies if h.startswith(name)]
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header


def test_without_remember_me_there_is_no_remember_cookie(client, user):
    response = sign_in(client, "nurse@example.org", factories.PASSWORD)
    assert not any(h.startswith("remember_token=") for h in response.headers.getlist("Set-Cookie"))


def test_remember_cookie_alone_signs_in_a_new_browser(app, client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD, remember=True)
    assert is_signed_in(replay(app, remember_token=cookie(client, "remember_token")))


def test_sign_out_is_a_post(client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    assert client.get("/auth/logout").status_code == 405
    assert is_signed_in(client)
    assert client.post("/auth/logout").status_code == 302
    assert not is_signed_in(client)


def test_old_cookies_fail_after_sign_out(app, client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD, remember=True)
    old_session, old_remember = cookie(client, "session"), cookie(client, "remember_token")
    assert is_signed_in(replay(app, session=old_session, remember_token=old_remember))
    client.post("/auth/logout")
    assert not is_signed_in(replay(app, session=old_session, remember_token=old_remember))
    assert not is_signed_in(replay(app, remember_token=old_remember))


def test_sign_out_ends_sessions_in_other_browsers_too(app, user):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "nurse@example.org", factories.PASSWORD)
    sign_in(phone, "nurse@example.org", factories.PASSWORD)
    phone.post("/auth/logout")
    assert not is_signed_in(laptop)


def test_suspension_ends_a_running_session(app, client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    user.suspended_indefinitely = True
    db.session.commit()
    assert not is_signed_in(client)


@pytest.mark.parametrize("clock", ["seen_at", "started_at"])
def test_session_ends_after_its_idle_or_absolute_lifetime(app, client, user, clock):
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    limit = app.config["SESSION_IDLE_TIMEOUT" if clock == "seen_at" else "SESSION_ABSOLUTE_TIMEOUT"]
    with client.session_transaction() as session:
        session[clock] = (utcnow() - limit - timedelta(minutes=1)).timestamp()
    assert not is_signed_in(client)


def test_session_within_its_lifetimes_carries_on(app, client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    with client.session_transaction() as session:
        session["seen_at"] = (
            utcnow() - app.config["SESSION_IDLE_TIMEOUT"] + timedelta(minutes=5)
        ).timestamp()
    assert is_signed_in(client)


def test_sign_in_follows_a_local_next(client, user):
    response = sign_in(client, "nurse@example.org", factories.PASSWORD, next="/library?page=2")
    assert response.headers["Location"] == "/library?page=2"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example", "/\\evil.example", "%2F%2Fevil.example"]
)
def test_sign_in_ignores_a_foreign_next(client, user, target):
    response = sign_in(client, "nurse@example.org", factories.PASSWORD, next=target)
    assert response.headers["Location"] == "/"


def test_sign_in_records_when_the_user_was_last_seen(client, user):
    sign_in(client, "nurse@example.org", factories.PASSWORD)
    db.session.expire_all()
    assert db.session.get(User, user.id).last_seen_at is not None


def test_control_characters_in_the_address_are_a_plain_failure(client, user):
    response = sign_in(client, "nurse@example.org\x00", factories.PASSWORD)
    assert response.status_code == 422
    assert GENERIC in response.get_data(as_text=True)
