"""docs/SECURITY.md 1-2: every state-changing route refuses a request without a valid CSRF token."""

from __future__ import annotations

import re

import pytest

from ..conftest import login
from .routes import sample_url, state_changing_rules

CSRF_MESSAGE = b"Your form expired or was sent from elsewhere"


@pytest.fixture
def csrf_app(app_factory):
    return app_factory(WTF_CSRF_ENABLED=True)


def _token_from(client, path: str = "/auth/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    assert match, f"no csrf_token field on {path}"
    return match.group(1)


def test_there_are_state_changing_routes_to_check(csrf_app):
    assert len(state_changing_rules(csrf_app)) >= 3


def test_every_state_changing_route_refuses_a_request_without_a_token(csrf_app, roles):
    client = login(csrf_app.test_client(), roles.admin)
    unprotected = []
    for rule in state_changing_rules(csrf_app):
        if rule.endpoint.startswith("api.") and rule.endpoint.endswith("openapi"):
            continue
        url = sample_url(rule)
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            response = client.open(url, method=method, data={"title": "x"})
            if response.status_code != 400 or CSRF_MESSAGE not in response.data:
                unprotected.append(f"{method} {rule.rule} -> {response.status_code}")
    assert unprotected == []


def test_a_valid_token_is_accepted(csrf_app):
    client = csrf_app.test_client()
    token = _token_from(client)
    response = client.post("/auth/login", data={"csrf_token": token, "email": "nobody@example.org", "password": "x"})
    assert CSRF_MESSAGE not in response.data


def test_a_token_from_one_session_fails_in_another(csrf_app):
    first, second = csrf_app.test_client(), csrf_app.test_client()
    token = _token_from(first)
    second.get("/auth/login")
    response = second.post("/auth/login", data={"csrf_token": token, "email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert CSRF_MESSAGE in response.data


def test_sign_out_is_not_available_by_get(client):
    assert client.get("/auth/logout").status_code == 405
