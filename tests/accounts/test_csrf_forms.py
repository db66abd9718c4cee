"""With CSRF protection on, every account form carries a token that makes it work."""

from __future__ import annotations

import re

from .helpers import STRONG, is_signed_in


def tokens_on(client, path: str) -> dict[str, str]:
    page = client.get(path).get_data(as_text=True)
    return dict(re.findall(r'name="((?:\w+-)?csrf_token)" type="hidden" value="([^"]+)"', page)) | dict(
        re.findall(r'type="hidden" name="(csrf_token)" value="([^"]+)"', page)
    )


def test_account_forms_work_with_their_tokens(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    client = app.test_client()

    token = tokens_on(client, "/auth/register")["csrf_token"]
    data = {"name": "Cy", "email": "cy@example.org", "password": STRONG, "confirm": STRONG}
    assert client.post("/auth/register", data=data).status_code == 400
    assert client.post("/auth/register", data={**data, "csrf_token": token}).status_code == 302
    login = tokens_on(client, "/auth/login")["csrf_token"]
    signed_in = client.post("/auth/login", data={"email": "cy@example.org", "password": STRONG, "csrf_token": login})
    assert signed_in.status_code == 302

    settings = tokens_on(client, "/account/settings")
    assert {"csrf_token", "pw-csrf_token", "em-csrf_token"} <= set(settings)
    new = "an entirely new passphrase"
    response = client.post(
        "/account/password",
        data={
            "pw-csrf_token": settings["pw-csrf_token"],
            "pw-current_password": STRONG,
            "pw-new_password": new,
            "pw-confirm": new,
        },
    )
    assert response.status_code == 302

    logout_token = tokens_on(client, "/account/settings")["csrf_token"]
    assert client.post("/auth/logout").status_code == 400
    assert client.post("/auth/logout", data={"csrf_token": logout_token}).status_code == 302
    assert not is_signed_in(client)

    login_token = tokens_on(client, "/auth/login")["csrf_token"]
    response = client.post(
        "/auth/login", data={"csrf_token": login_token, "email": "cy@example.org", "password": new}
    )
    assert response.status_code == 302
