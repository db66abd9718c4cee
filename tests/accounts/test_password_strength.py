"""Whitespace-only and low-variety passwords are refused, with the reason shown (SECURITY.md 45)."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.password_policy import password_problems
from app.extensions import db


def register(client, password: str, email: str = "strength@example.org"):
    return client.post(
        "/auth/register", data={"name": "Pat", "email": email, "password": password, "confirm": password}
    )


@pytest.mark.parametrize("password", [" " * 10, "\t" * 12, " \u00a0 " * 5])
def test_whitespace_only_passwords_are_refused(password):
    assert password_problems(password) == ["A password cannot be only spaces."]


@pytest.mark.parametrize(
    "password", ["x" * 128, "ab" * 20, "abcdefghijklmnop", "aaaaabbbbb", "qwertyuiopasdf", "passwordpassword"]
)
def test_low_variety_passwords_are_refused_with_the_reason(password):
    problems = password_problems(password)
    assert problems and problems[0].startswith("That password is too easy to guess")
    assert len(problems[0]) > len("That password is too easy to guess.")  # the reason follows


def test_a_password_made_of_the_name_and_address_is_refused():
    assert password_problems("patricia.smithson") == []
    assert password_problems("patricia.smithson", user_inputs=("Patricia Smithson", "patricia.smithson@example.org"))


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "a meadow of quiet lanterns", "çàüéöñ日本語ひらがな"]
)
def test_varied_passphrases_pass(password):
    assert password_problems(password) == []


def test_the_reason_is_shown_on_the_registration_form(client, ctx):
    response = register(client, "x" * 128)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "too easy to guess" in page and "Repeats like" in page
    assert db.session.query(User).count() == 0


def test_ten_spaces_are_refused_at_registration(client, ctx):
    response = register(client, " " * 10)
    assert response.status_code == 422
    assert "cannot be only spaces" in response.get_data(as_text=True)
