"""Issue 2 item 10 / SECURITY.md 22: every naughty string through every form gives no 5xx and
is shown escaped. Forms are discovered on every page without arguments, for each role."""

from __future__ import annotations

import re

import pytest

from ..conftest import load_corpus, login
from .forms import post_forms, fill
from .routes import get_rules_without_arguments

SKIPPED_ACTIONS = ("/auth/logout",)
TAG_LIKE = re.compile(r"<[a-zA-Z!/]")


def _form_pages(app, client):
    seen: set[str] = set()
    for rule in get_rules_without_arguments(app):
        response = client.get(rule.rule)
        if response.status_code != 200 or not response.content_type.startswith("text/html"):
            continue
        for form in post_forms(response.get_data(as_text=True)):
            action = form.action or rule.rule
            if action in seen or action.startswith(SKIPPED_ACTIONS):
                continue
            seen.add(action)
            form.action = action
            yield form


@pytest.mark.parametrize("role", ["visitor", "member", "admin"])
def test_every_naughty_string_through_every_form_is_safe(app, roles, role):
    strings = load_corpus("blns.json")
    user = None if role == "visitor" else getattr(roles, role)
    client = login(app.test_client(), user) if user else app.test_client()
    forms = list(_form_pages(app, client))
    assert forms, "no forms found"
    failures: list[str] = []
    for form in forms:
        for serial, text in enumerate(strings):
            response = client.post(form.action, data=fill(form, text, serial), follow_redirects=True)
            body = response.get_data(as_text=True)
            if response.status_code >= 500:
                failures.append(f"{form.action} #{serial}: {response.status_code}")
            elif TAG_LIKE.search(text) and text.strip() and text in body:
                failures.append(f"{form.action} #{serial}: shown unescaped")
        if user is not None:
            client = login(app.test_client(), user)  # a form may have signed us out or changed the session
    assert failures == [], "\n".join(failures[:40])
