"""A signed-out member following a members-only link gets a 404 that offers sign-in and returns
there, the same page whether the item is private or missing."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from app.extensions import db

from ..factories import PASSWORD
from ..factories.library import make_resource


def _sign_in_href(html: str) -> str:
    start = html.index('class="sign-in-offer"')
    href = html.index('href="', start) + len('href="')
    return html[href : html.index('"', href)].replace("&amp;", "&")


def test_a_private_item_and_a_missing_one_answer_the_same_sign_in_offer(roles, client_as):
    private = make_resource(roles.member, title="Night rota", visibility="members", publisher=roles.moderator)
    db.session.commit()
    visitor = client_as(None)
    private_page = visitor.get(f"/library/{private.slug}?tab=files")
    missing_page = visitor.get("/library/no-such-guide-here?tab=files")
    assert private_page.status_code == missing_page.status_code == 404
    private_text = private_page.get_data(as_text=True).replace(private.slug, "SLUG")
    missing_text = missing_page.get_data(as_text=True).replace("no-such-guide-here", "SLUG")
    assert private_text == missing_text
    assert "Night rota" not in private_page.get_data(as_text=True)
    href = _sign_in_href(private_page.get_data(as_text=True))
    assert urlsplit(href).path == "/auth/login"
    assert parse_qs(urlsplit(href).query)["next"] == [f"/library/{private.slug}?tab=files"]


def test_signing_in_from_the_offer_returns_to_the_item(roles, client_as):
    private = make_resource(roles.member, title="Night rota", visibility="members", publisher=roles.moderator)
    db.session.commit()
    visitor = client_as(None)
    href = _sign_in_href(visitor.get(f"/library/{private.slug}").get_data(as_text=True))
    response = visitor.post(href, data={"email": roles.member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/library/{private.slug}"
    assert "Night rota" in visitor.get(response.headers["Location"]).get_data(as_text=True)


def test_signed_in_readers_and_the_api_get_no_sign_in_offer(roles, client_as):
    member_page = client_as(roles.member).get("/library/no-such-guide")
    assert member_page.status_code == 404
    assert "sign-in-offer" not in member_page.get_data(as_text=True)
    api = client_as(None).get("/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.is_json
