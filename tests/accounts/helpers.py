"""Small helpers shared by the account tests."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

SITE = "http://smhn.test"
STRONG = "a meadow of quiet lanterns"


def sign_in(
    client: FlaskClient,
    email: str,
    password: str,
    *,
    remember: bool = False,
    next: str | None = None,
    **kwargs,
):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    url = "/auth/login" if next is None else f"/auth/login?next={next}"
    return client.post(url, data=data, **kwargs)


def link_in(body: str) -> str:
    """The path of the one site link in an e-mail body (links always start at SITE_URL)."""
    links = re.findall(re.escape(SITE) + r"(/\S+)", body)
    assert links, f"no link in: {body!r}"
    return links[0]


def token_link(body: str, prefix: str) -> str:
    """The link in ``body`` that starts with ``prefix`` (e.g. ``/auth/reset/``)."""
    for path in re.findall(re.escape(SITE) + r"(/\S+)", body):
        if path.startswith(prefix):
            return path
    raise AssertionError(f"no {prefix} link in: {body!r}")


def cookie(client: FlaskClient, name: str) -> str | None:
    found = client.get_cookie(name)
    return found.value if found is not None else None


def replay(app, **cookies: str | None) -> FlaskClient:
    """A new browser that only has the given cookies."""
    other = app.test_client()
    for name, value in cookies.items():
        if value is not None:
            other.set_cookie(name, value)
    return other


def is_signed_in(client: FlaskClient) -> bool:
    response = client.get("/account/settings")
    return response.status_code == 200


def post_reset(client: FlaskClient, link: str, **kwargs):
    """Open an e-mailed reset link (which moves the token into the session), then post the form."""
    client.get(link)
    return client.post("/auth/reset/new", **kwargs)
