"""docs/SECURITY.md 16: every moderator and admin route refuses members (403) and visitors (sign-in)."""

from __future__ import annotations

import pytest

from ..conftest import login
from .routes import sample_url

STAFF_PREFIXES = ("/moderation", "/admin")


def _staff_requests(app):
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(STAFF_PREFIXES):
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield method, sample_url(rule)


def test_staff_routes_exist(app):
    assert len(list(_staff_requests(app))) >= 2


@pytest.mark.parametrize("role", ["outsider", "member", "org_admin"])
def test_staff_routes_refuse_signed_in_non_staff(app, roles, role):
    client = login(app.test_client(), getattr(roles, role))
    wrong = []
    for method, url in _staff_requests(app):
        response = client.open(url, method=method)
        if response.status_code != 403:
            wrong.append(f"{method} {url} -> {response.status_code}")
    assert wrong == []


def test_staff_routes_send_visitors_to_sign_in(app, roles):
    client = app.test_client()
    wrong = []
    for method, url in _staff_requests(app):
        response = client.open(url, method=method)
        if response.status_code != 302 or "/auth/login" not in response.headers.get("Location", ""):
            wrong.append(f"{method} {url} -> {response.status_code}")
    assert wrong == []


def test_admin_routes_refuse_moderators(app, roles):
    client = login(app.test_client(), roles.moderator)
    wrong = []
    for method, url in _staff_requests(app):
        if not url.startswith("/admin"):
            continue
        response = client.open(url, method=method)
        if response.status_code != 403:
            wrong.append(f"{method} {url} -> {response.status_code}")
    assert wrong == []
