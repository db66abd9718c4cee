"""Every moderator route refuses members (403) and sends visitors to sign in (docs/SECURITY.md 16)."""

import pytest

from ..security.routes import sample_url


def moderation_requests(app):
    """Every (method, URL) of the moderation pages under /moderation, with sample ids filled in."""
    return [
        (method, sample_url(rule))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("moderation.") and rule.rule.startswith("/moderation")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


def test_the_moderation_routes_are_all_covered(app):
    requests = moderation_requests(app)
    urls = {url for _, url in requests}
    for expected in ("/moderation", "/moderation/log", "/moderation/log.csv", "/moderation/dashboard"):
        assert expected in urls
    assert len([m for m, _ in requests if m == "POST"]) >= 6


def test_members_are_refused(app, roles, client_as):
    wrong = []
    for user in (roles.member, roles.org_admin, roles.outsider):
        client = client_as(user)
        for method, url in moderation_requests(app):
            status = client.open(url, method=method).status_code
            if status != 403:
                wrong.append(f"{user.name}: {method} {url} -> {status}")
    assert wrong == []


def test_visitors_are_sent_to_sign_in(app, client):
    wrong = []
    for method, url in moderation_requests(app):
        response = client.open(url, method=method)
        if response.status_code != 302 or "/auth/login" not in response.headers["Location"]:
            wrong.append(f"{method} {url} -> {response.status_code}")
    assert wrong == []


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
