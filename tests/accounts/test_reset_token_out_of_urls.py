"""The reset token leaves the URL on first load, so access logs after that hop never hold it."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.passwords import password_matches
from app.extensions import db
from tests import factories

from .helpers import STRONG, token_link


@pytest.fixture
def user(ctx):
    created = factories.make_user("reset@example.org")
    db.session.commit()
    return created


def test_the_link_moves_the_token_into_the_session_and_redirects(client, user, mailbox):
    client.post("/auth/reset", data={"email": "reset@example.org"})
    link = token_link(mailbox.body(mailbox.last_to("reset@example.org")), "/auth/reset/")
    token = link.rsplit("/", 1)[1]

    first = client.get(link)
    assert first.status_code == 303
    assert token not in first.headers["Location"]
    assert first.headers["Referrer-Policy"] == "no-referrer"

    form = client.get(first.headers["Location"])
    page = form.get_data(as_text=True)
    assert form.status_code == 200 and form.headers["Referrer-Policy"] == "no-referrer"
    assert token not in page and ">New password</label>" in page

    done = client.post(first.headers["Location"], data={"password": STRONG, "confirm": STRONG})
    assert done.status_code == 302 and token not in done.headers["Location"]
    db.session.expire_all()
    assert password_matches(db.session.get(User, user.id).password_hash, STRONG)


def test_the_token_free_page_without_a_token_is_the_invalid_link_page(client):
    response = client.get("/auth/reset/new")
    assert response.status_code == 404
    assert "not valid" in response.get_data(as_text=True)
