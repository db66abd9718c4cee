"""Registering, confirming the address by the e-mailed link, and the limits on new accounts."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.permissions import can
from app.site_settings import set_setting

from .helpers import STRONG, link_in, token_link

FORM = {"name": "Rosa Parkes", "email": "Rosa@Example.org", "password": STRONG, "confirm": STRONG}


def user_by_email(app, email: str) -> User | None:
    with app.app_context():
        return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def test_register_page_has_the_plain_labels(client):
    page = client.get("/auth/register").get_data(as_text=True)
    for label in ("Name", "Email", "Password", "Confirm password"):
        assert f">{label}</label>" in page


def test_registering_creates_an_unverified_account_and_signs_in(client, app):
    response = client.post("/auth/register", data=FORM)
    assert response.status_code == 302
    user = user_by_email(app, "rosa@example.org")
    assert user is not None and user.name == "Rosa Parkes"
    assert user.is_verified is False
    assert user.password_hash != STRONG
    home = client.get("/").get_data(as_text=True)
    assert "Please confirm your email address" in home


def test_unverified_account_may_not_apply_for_an_organisation(client, app):
    client.post("/auth/register", data=FORM)
    user = user_by_email(app, "rosa@example.org")
    with app.app_context():
        assert can(db.session.get(User, user.id), "org.apply") is False


def test_link_in_the_email_verifies_the_address(client, app, mailbox):
    client.post("/auth/register", data=FORM)
    message = mailbox.last_to("rosa@example.org")
    assert "Confirm your email address" in message["Subject"]
    link = link_in(mailbox.body(message))
    assert link.startswith("/auth/verify/")

    page = client.get(link)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert user_by_email(app, "rosa@example.org").is_verified is False  # GET changes nothing

    response = client.post(link)
    assert response.status_code == 302
    assert user_by_email(app, "rosa@example.org").is_verified is True
    assert "Please confirm your email address" not in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert can(db.session.get(User, user_by_email(app, "rosa@example.org").id), "org.apply") is True


def test_verification_link_works_in_another_browser(client, app, mailbox):
    client.post("/auth/register", data=FORM)
    link = link_in(mailbox.body(mailbox.last_to("rosa@example.org")))
    assert app.test_client().post(link).status_code == 302
    assert user_by_email(app, "rosa@example.org").is_verified is True


def test_tampered_verification_link_is_refused(client, app, mailbox):
    client.post("/auth/register", data=FORM)
    link = link_in(mailbox.body(mailbox.last_to("rosa@example.org")))
    response = client.post(link[:-2] + ("AA" if not link.endswith("AA") else "BB"))
    assert response.status_code == 404
    assert "This link is not valid" in response.get_data(as_text=True)
    assert user_by_email(app, "rosa@example.org").is_verified is False


def test_resend_sends_a_new_working_link(client, app, mailbox):
    client.post("/auth/register", data=FORM)
    assert client.post("/auth/verify/resend").status_code == 302
    messages = mailbox.to("rosa@example.org")
    assert len(messages) == 2
    client.post(token_link(mailbox.body(messages[-1]), "/auth/verify/"))
    assert user_by_email(app, "rosa@example.org").is_verified is True


def test_registering_an_address_twice_is_refused_with_a_message(client, app):
    client.post("/auth/register", data=FORM)
    other = app.test_client()
    response = other.post("/auth/register", data={**FORM, "email": " ROSA@example.org "})
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)


def test_mismatched_confirmation_is_shown_on_the_field(client):
    response = client.post("/auth/register", data={**FORM, "confirm": STRONG + "!"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'aria-describedby="confirm-errors"' in page
    assert "The passwords do not match." in page


def test_invalid_email_is_refused(client):
    response = client.post("/auth/register", data={**FORM, "email": "not an address"})
    assert response.status_code == 422
    assert "Enter a valid email address" in response.get_data(as_text=True)


def test_fourth_account_from_one_ip_in_a_day_is_refused(app):
    for n in range(3):
        response = app.test_client().post("/auth/register", data={**FORM, "email": f"p{n}@example.org"})
        assert response.status_code == 302
    response = app.test_client().post("/auth/register", data={**FORM, "email": "p3@example.org"})
    assert response.status_code == 429
    assert "Too many accounts have been created from your network today" in response.get_data(as_text=True)
    assert user_by_email(app, "p3@example.org") is None
    other_ip = app.test_client().post(
        "/auth/register", data={**FORM, "email": "p4@example.org"}, environ_base={"REMOTE_ADDR": "10.9.9.9"}
    )
    assert other_ip.status_code == 302


def test_accounts_per_ip_follows_the_site_setting(app):
    with app.app_context():
        set_setting("accounts_per_ip_per_day", 1)
        db.session.commit()
    assert (
        app.test_client().post("/auth/register", data={**FORM, "email": "a@example.org"}).status_code == 302
    )
    assert (
        app.test_client().post("/auth/register", data={**FORM, "email": "b@example.org"}).status_code == 429
    )


def test_registration_is_rate_limited_per_ip(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True)
    statuses = [
        app.test_client()
        .post("/auth/register", data={**FORM, "email": f"r{n}@example.org", "confirm": "x"})
        .status_code
        for n in range(6)
    ]
    assert statuses == [422] * 5 + [429]


def test_signed_in_user_is_sent_away_from_register(client, app):
    client.post("/auth/register", data=FORM)
    response = client.get("/auth/register")
    assert response.status_code == 302


def test_register_link_may_fill_in_the_address(client):
    page = client.get("/auth/register?email=invited%40example.org").get_data(as_text=True)
    assert 'value="invited@example.org"' in page
