"""Registering with a taken address looks exactly like registering with a new one (SECURITY.md 46).

The owner of the taken address is told by e-mail instead; nobody is signed in by registering.
"""

from __future__ import annotations

import re

import pytest

from app.accounts.models import User
from app.extensions import db
from tests import factories

from .helpers import STRONG, is_signed_in, sign_in, token_link


@pytest.fixture
def owner(ctx):
    created = factories.make_user("taken@example.org", name="Tara Taken")
    db.session.commit()
    return created


def register(client, email: str, name: str = "Someone New"):
    return client.post("/auth/register", data={"name": name, "email": email, "password": STRONG, "confirm": STRONG})


def visible(response, email: str) -> str:
    """The page as a person sees it, with the address typed and the CSRF token taken out."""
    text = response.get_data(as_text=True).replace(email, "ADDRESS")
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', "", text)


def test_a_taken_address_gets_the_same_answer_as_a_new_one(app, owner):
    new_client, taken_client = app.test_client(), app.test_client()
    new = register(new_client, "fresh@example.org")
    taken = register(taken_client, "taken@example.org")
    assert new.status_code == taken.status_code == 302
    assert new.headers["Location"] == taken.headers["Location"]
    assert sorted(new.headers.keys()) == sorted(taken.headers.keys())
    assert visible(new_client.get(new.headers["Location"]), "fresh@example.org") == visible(
        taken_client.get(taken.headers["Location"]), "taken@example.org"
    )
    assert not is_signed_in(new_client) and not is_signed_in(taken_client)


def test_the_owner_of_a_taken_address_is_told_by_email(app, owner, mailbox):
    register(app.test_client(), "Taken@Example.org", name="Intruder")
    message = mailbox.last_to("taken@example.org")
    assert "already has an account" in mailbox.body(message)
    assert "/auth/reset" in mailbox.body(message)
    db.session.expire_all()
    assert db.session.query(User).filter_by(email="taken@example.org").one().name == "Tara Taken"


def test_a_new_account_signs_in_after_confirming_its_address(app, ctx, mailbox):
    client = app.test_client()
    register(client, "rosa@example.org", name="Rosa")
    link = token_link(mailbox.body(mailbox.last_to("rosa@example.org")), "/auth/verify/")
    assert client.post(link).status_code == 302
    assert sign_in(client, "rosa@example.org", STRONG).status_code == 302
    assert is_signed_in(client)
