"""Every moderator route refuses members (403) and sends visitors to sign in (SECURITY.md 16)."""

import re
import tempfile
from pathlib import Path

import pytest

from app import create_app
from tests.conftest import test_config as config_for


def moderation_routes():
    """Every (method, URL) of the moderation blueprint behind /moderation, with ids filled in."""
    app = create_app(config_for(Path(tempfile.gettempdir()), "sqlite://"))
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("moderation.") or not rule.rule.startswith("/moderation"):
            continue
        url = rule.rule
        for converter in re.findall(r"<[^>]+>", rule.rule):
            if converter.startswith("<any("):
                url = url.replace(converter, converter[5:].split(",")[0].strip(" )"), 1)
            else:
                url = url.replace(converter, "1", 1)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, url))
    return routes


ROUTES = moderation_routes()


def test_the_moderation_routes_are_all_covered():
    urls = {url for _, url in ROUTES}
    for expected in (
        "/moderation",
        "/moderation/log",
        "/moderation/log.csv",
        "/moderation/dashboard",
        "/moderation/users",
    ):
        assert expected in urls
    assert any(method == "POST" for method, _ in ROUTES)


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_members_are_refused(roles, client_as, method, url):
    for user in (roles.member, roles.org_admin, roles.outsider):
        response = client_as(user).open(url, method=method)
        assert response.status_code == 403, (user, method, url)


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_visitors_are_sent_to_sign_in(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "url", ["/moderation", "/moderation/log", "/moderation/dashboard", "/moderation/users"]
)
def test_moderators_and_admins_get_the_pages(roles, client_as, url):
    for user in (roles.moderator, roles.admin):
        assert client_as(user).get(url).status_code == 200


def test_a_suspended_moderator_loses_access_at_once(roles, client_as):
    from app.extensions import db
    from app.moderation.sanctions import suspend_user

    client = client_as(roles.moderator)
    assert client.get("/moderation").status_code == 200
    suspend_user(roles.admin, roles.moderator, None, "Abused the role")
    db.session.commit()
    assert client.get("/moderation").status_code == 302
