"""One password policy: 10 to 128 characters as typed, common passwords refused, nothing else."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.password_policy import common_passwords, password_problems
from app.extensions import db

from .helpers import sign_in


def register(client, password: str, email: str = "policy@example.org"):
    return client.post(
        "/auth/register", data={"name": "Pat", "email": email, "password": password, "confirm": password}
    )


def test_nine_characters_are_too_few_and_ten_enough():
    assert password_problems("a" * 4 + "b" * 5) == ["Use at least 10 characters."]
    assert password_problems("ab cd ef gh") == []


def test_no_composition_rules():
    assert password_problems("all lower case words") == []
    assert password_problems("çàüéöñ日本語ひらがな") == []


@pytest.mark.parametrize(
    "password", ["password123", "PASSWORD123", "  qwertyuiop  ", "1234567890", "iloveyou12"]
)
def test_common_passwords_are_refused(password):
    assert password_problems(password) == [
        "That password is one of the most common ones. Please choose another."
    ]


def test_the_shipped_list_is_the_full_one():
    assert len(common_passwords()) > 19_000


def test_128_characters_with_spaces_are_accepted_exactly_as_typed(client, ctx):
    password = " " + "stars over a quiet harbour " * 4 + "x" * 18 + " "
    password = password[:127] + " "
    assert len(password) == 128 and password.startswith(" ") and password.endswith(" ")
    assert register(client, password).status_code == 302
    client.post("/auth/logout")
    assert sign_in(client, "policy@example.org", password.strip()).status_code == 422
    assert sign_in(client, "policy@example.org", password).status_code == 302


def test_129_characters_are_refused(client, ctx):
    response = register(client, "x" * 60 + " " + "y" * 68)
    assert response.status_code == 422
    assert "Use at most 128 characters." in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_common_password_is_refused_at_registration_on_its_field(client, ctx):
    response = register(client, "Password123")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'aria-describedby="password-hint password-errors"' in page
    assert "most common" in page


def test_password_is_stored_as_a_slow_salted_hash(app_factory):
    app = app_factory(PASSWORD_HASH_METHOD="scrypt")
    client = app.test_client()
    register(client, "a fine long passphrase", "a@example.org")
    register(app.test_client(), "a fine long passphrase", "b@example.org")
    with app.app_context():
        hashes = [u.password_hash for u in db.session.query(User).order_by(User.id)]
    assert all(h.startswith("scrypt:") for h in hashes)
    assert hashes[0] != hashes[1]  # salted
    assert "a fine long passphrase" not in hashes[0]
