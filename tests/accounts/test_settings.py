"""The settings page: profile, notification e-mail, password and e-mail changes."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.passwords import password_matches
from app.extensions import db
from tests import factories

from .helpers import STRONG, cookie, is_signed_in, replay, sign_in, token_link


@pytest.fixture
def user(ctx):
    created = factories.make_user("sam@example.org", name="Sam Social")
    db.session.commit()
    return created


@pytest.fixture
def signed_in(client, user):
    sign_in(client, "sam@example.org", factories.PASSWORD, remember=True)
    return client


def fresh(user_id: int) -> User:
    db.session.expire_all()
    return db.session.get(User, user_id)


def change_password(client, current: str, new: str, confirm: str | None = None):
    return client.post(
        "/account/password",
        data={
            "pw-current_password": current,
            "pw-new_password": new,
            "pw-confirm": new if confirm is None else confirm,
        },
    )


def change_email(client, new_email: str, current: str = factories.PASSWORD):
    return client.post("/account/email", data={"em-new_email": new_email, "em-current_password": current})


def test_settings_needs_sign_in(client):
    response = client.get("/account/settings")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_settings_page_has_every_label_once_per_form(signed_in):
    page = signed_in.get("/account/settings").get_data(as_text=True)
    for label in ("Name", "Job title", "Short bio", "Current password", "New password", "Confirm password"):
        assert f">{label}</label>" in page
    assert page.count(">Current password</label>") == 2
    assert 'id="pw-current_password"' in page and 'id="em-current_password"' in page
    assert "<legend>Email notifications</legend>" in page


def test_profile_fields_and_notification_setting_are_saved(signed_in, user):
    response = signed_in.post(
        "/account/settings",
        data={
            "name": "Sam S.",
            "job_title": "Digital lead",
            "bio": "Ten years in\nhospital comms.",
            "email_notifications": "digest",
        },
    )
    assert response.status_code == 302
    saved = fresh(user.id)
    assert (saved.name, saved.job_title, saved.bio, saved.email_notifications) == (
        "Sam S.",
        "Digital lead",
        "Ten years in\nhospital comms.",
        "digest",
    )


def test_profile_form_ignores_fields_a_user_must_not_set(signed_in, user):
    signed_in.post(
        "/account/settings",
        data={
            "name": "Sam",
            "email_notifications": "never",
            "is_admin": "1",
            "is_moderator": "y",
            "email": "other@example.org",
            "session_version": "99",
            "email_verified_at": "",
        },
    )
    saved = fresh(user.id)
    assert not saved.is_admin and not saved.is_moderator
    assert saved.email == "sam@example.org" and saved.session_version == user.session_version


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "email_notifications": "never"}, "Enter your name."),
        ({"name": "Sam", "email_notifications": "hourly"}, "Choose one of the options."),
        ({"name": "Sam", "bio": "x" * 1001, "email_notifications": "never"}, "Use at most 1000 characters."),
    ],
)
def test_bad_profile_input_is_a_422_with_a_message_and_nothing_changes(signed_in, user, data, message):
    response = signed_in.post("/account/settings", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    saved = fresh(user.id)
    assert saved.name == "Sam Social" and saved.bio == ""


def test_password_change_needs_the_current_password(signed_in, user):
    response = change_password(signed_in, "not my password at all", STRONG)
    assert response.status_code == 422
    assert "Your current password is not right." in response.get_data(as_text=True)
    assert password_matches(fresh(user.id).password_hash, factories.PASSWORD)


def test_password_change_applies_the_policy(signed_in, user):
    response = change_password(signed_in, factories.PASSWORD, "short")
    assert response.status_code == 422
    assert 'id="pw-new_password-errors"' in response.get_data(as_text=True)


def test_password_change_keeps_this_session_and_ends_the_others(app, signed_in, user):
    other = app.test_client()
    sign_in(other, "sam@example.org", factories.PASSWORD)
    old_session, old_remember = cookie(signed_in, "session"), cookie(signed_in, "remember_token")

    assert change_password(signed_in, factories.PASSWORD, STRONG).status_code == 302
    assert is_signed_in(signed_in)
    assert not is_signed_in(other)
    assert not is_signed_in(replay(app, session=old_session, remember_token=old_remember))
    assert not is_signed_in(replay(app, remember_token=old_remember))
    # This browser got a new remember-me cookie that works.
    assert is_signed_in(replay(app, remember_token=cookie(signed_in, "remember_token")))
    assert password_matches(fresh(user.id).password_hash, STRONG)


def test_email_change_needs_the_current_password(signed_in, user, mailbox):
    response = change_email(signed_in, "sam.new@example.org", current="not my password at all")
    assert response.status_code == 422
    assert mailbox.to("sam.new@example.org") == []


def test_email_changes_only_when_the_new_address_confirms(app, signed_in, user, mailbox):
    assert change_email(signed_in, "Sam.New@Example.org").status_code == 302
    assert fresh(user.id).email == "sam@example.org"

    notice = mailbox.last_to("sam@example.org")
    assert "sam.new@example.org" in mailbox.body(notice)
    link = token_link(mailbox.body(mailbox.last_to("sam.new@example.org")), "/account/email/confirm/")

    page = app.test_client().get(link)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    assert fresh(user.id).email == "sam@example.org"

    assert app.test_client().post(link).status_code == 302
    assert fresh(user.id).email == "sam.new@example.org"
    assert app.test_client().post(link).status_code == 404  # single use
    assert sign_in(app.test_client(), "sam.new@example.org", factories.PASSWORD).status_code == 302


def test_email_change_to_a_taken_address_is_refused(signed_in, user, ctx):
    factories.make_user("taken@example.org")
    db.session.commit()
    response = change_email(signed_in, "taken@example.org")
    assert response.status_code == 422
    assert "Another account uses that email address." in response.get_data(as_text=True)


def test_email_change_link_fails_if_the_address_was_taken_meanwhile(app, signed_in, user, mailbox):
    change_email(signed_in, "race@example.org")
    link = token_link(mailbox.body(mailbox.last_to("race@example.org")), "/account/email/confirm/")
    factories.make_user("race@example.org")
    db.session.commit()
    assert app.test_client().post(link).status_code == 409
    assert fresh(user.id).email == "sam@example.org"


def test_unverified_user_sees_the_resend_button(client, ctx):
    factories.make_user("late@example.org", verified=False)
    db.session.commit()
    sign_in(client, "late@example.org", factories.PASSWORD)
    page = client.get("/account/settings").get_data(as_text=True)
    assert "(not confirmed yet)" in page
    assert 'action="/auth/verify/resend' in page


def test_control_characters_are_dropped_from_profile_text(signed_in, user):
    response = signed_in.post(
        "/account/settings",
        data={
            "name": "Sam\x00 \x1b[31mS",
            "job_title": "Lead\tdesigner",
            "bio": "Line one\r\nLine\x07 two",
            "email_notifications": "never",
        },
    )
    assert response.status_code == 302
    saved = fresh(user.id)
    assert (saved.name, saved.job_title, saved.bio) == ("Sam [31mS", "Lead designer", "Line one\nLine two")
