"""Personal access tokens (docs/SECURITY.md 50): shown once, stored hashed, scoped, revocable,
dead with their owner's account, last use shown, never logged."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta

from sqlalchemy import select

from app import telemetry
from app.api.models import ApiToken
from app.db_types import utcnow
from app.extensions import db
from app.moderation.sanctions import suspend_user

from .helpers import call, token_from_cli


def test_the_command_prints_the_token_on_its_last_line_and_stores_only_its_digest(app, roles):
    token = token_from_cli(app, roles.member.email, "read")
    assert re.fullmatch(r"smhn_[A-Za-z0-9_-]{43}", token)
    with app.app_context():
        stored = db.session.execute(select(ApiToken)).scalar_one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in {stored.token_hash, stored.prefix, stored.name}
        assert token.startswith(stored.prefix) and len(stored.prefix) < 12
        assert stored.scope == "read" and stored.user_id == roles.member.id


def test_the_command_refuses_an_unknown_account_or_scope(app, roles):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["users", "token", "nobody@example.org"]).exit_code != 0
    assert runner.invoke(args=["users", "token", roles.member.email, "--scope", "admin"]).exit_code != 0


def test_the_page_shows_a_new_token_once_and_lists_it_without_it(client_as, roles):
    browser = client_as(roles.member)
    made = browser.post("/account/tokens", data={"name": "Intranet widget", "scope": "write"})
    assert made.status_code == 201
    token = re.search(r'value="(smhn_[^"]+)"', made.get_data(as_text=True))[1]
    listing = browser.get("/account/tokens").get_data(as_text=True)
    assert "Intranet widget" in listing and token not in listing and token[:9] in listing
    assert call(browser, "GET", "/resources", token).status_code == 200


def test_a_nameless_token_is_refused_with_a_message(client_as, roles):
    refused = client_as(roles.member).post("/account/tokens", data={"name": " ", "scope": "read"})
    assert refused.status_code == 422 and "Name the token" in refused.get_data(as_text=True)


def test_a_revoked_token_is_refused_at_once(app, client_as, roles):
    browser = client_as(roles.member)
    token = token_from_cli(app, roles.member.email, "write")
    assert call(app.test_client(), "GET", "/resources", token).status_code == 200
    with app.app_context():
        token_id = db.session.execute(select(ApiToken.id)).scalar_one()
    # Another member cannot revoke it (nor learn that it exists).
    assert client_as(roles.other_member).post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert browser.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    refused = call(app.test_client(), "GET", "/resources", token)
    assert refused.status_code == 401 and refused.get_json()["error"] == "unauthorized"
    assert "Revoked" in browser.get("/account/tokens").get_data(as_text=True)


def test_a_suspended_or_deactivated_owners_tokens_stop_working(app, roles):
    member_token = token_from_cli(app, roles.member.email, "write")
    other_token = token_from_cli(app, roles.other_member.email, "read")
    with app.app_context():
        suspend_user(roles.moderator, db.session.merge(roles.member), utcnow() + timedelta(days=3), "Spam")
        from app.admin.service import deactivate_user

        deactivate_user(db.session.merge(roles.admin), db.session.merge(roles.other_member), "Left")
        db.session.commit()
    client = app.test_client()
    assert call(client, "GET", "/resources", member_token).status_code == 401
    assert call(client, "GET", "/resources", other_token).status_code == 401


def test_last_use_is_recorded_and_shown(app, client_as, roles):
    token = token_from_cli(app, roles.member.email, "read")
    browser = client_as(roles.member)
    assert "Never" in browser.get("/account/tokens").get_data(as_text=True)
    call(app.test_client(), "GET", "/resources", token)
    telemetry.flush(app)
    with app.app_context():
        assert db.session.execute(select(ApiToken.last_used_at)).scalar_one() is not None
    assert "Never" not in browser.get("/account/tokens").get_data(as_text=True)


def test_a_token_never_reaches_the_log(app, roles, caplog):
    caplog.set_level(logging.DEBUG)
    token = token_from_cli(app, roles.member.email, "write")
    call(app.test_client(), "GET", "/resources", token)
    call(app.test_client(), "GET", "/resources", token + "x")
    assert token not in caplog.text and token[5:] not in caplog.text


def test_tokens_are_limited_per_token(app_factory, roles):
    app = app_factory(RATELIMIT_ENABLED=True, API_RATE_LIMIT_READ="3/minute")
    first, second = token_from_cli(app, roles.member.email, "read"), token_from_cli(app, roles.member.email, "read")
    client = app.test_client()
    assert [call(client, "GET", "/events", first).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = call(client, "GET", "/events", first)
    assert refused.get_json()["error"] == "rate_limited" and refused.headers.get("Retry-After")
    assert call(client, "GET", "/events", second).status_code == 200
