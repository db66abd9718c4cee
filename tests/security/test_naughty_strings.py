"""Issue 2 item 10 / docs/SECURITY.md 22: naughty strings through every form give no 5xx and are
shown escaped. Every form meets the strings with control characters and a rotating sixth of the
rest, so every string of the list goes through many forms of every kind.

Forms are found by crawling the site as each role (visitor, member, org admin, moderator, admin)
from every page without arguments, following internal links; each form is driven once, whichever
page or object it was found on (forms are told apart by the endpoint they post to).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from app.discussions.service import create_thread, ensure_default_categories
from app.extensions import db
from app.library.service import ResourceInput, create_resource

from ..conftest import load_corpus, login
from .forms import Form, fill, post_forms
from .routes import get_rules_without_arguments

# Forms that end the session or change credentials are driven elsewhere (tests/accounts).
SKIPPED_ENDPOINTS = {"accounts.logout", "accounts.change_password", "accounts.change_email"}
SKIPPED_PATH_PARTS = (".atom", ".csv", "/files/", "/api/")
TAG_LIKE = re.compile(r"<[a-zA-Z!/]")
PAGES_PER_ROLE = 80
# Each form meets every string with control or format characters (NUL and friends break databases
# and logs) and a rotating sixth of the rest, so across the forms every string is sent many times
# over while each form costs a fifth of the full list.
SAMPLE_EVERY = 6
CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.hrefs.append(href.split("#")[0])


def _endpoint(app, path: str, method: str = "GET") -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method=method)
    except HTTPException:
        return None
    return endpoint


def _crawl_forms(app, client, seen_endpoints: set[str]) -> list[Form]:
    queue = deque(rule.rule for rule in get_rules_without_arguments(app))
    queue.appendleft("/")
    visited_endpoints: set[str] = set()
    forms: list[Form] = []
    while queue and len(visited_endpoints) < PAGES_PER_ROLE:
        path = queue.popleft()
        endpoint = _endpoint(app, path)
        if endpoint is None or endpoint in visited_endpoints or any(p in path for p in SKIPPED_PATH_PARTS):
            continue
        visited_endpoints.add(endpoint)
        response = client.get(path)
        if response.status_code != 200 or not response.content_type.startswith("text/html"):
            continue
        html = response.get_data(as_text=True)
        for form in post_forms(html):
            form.action = form.action or path
            action_endpoint = _endpoint(app, form.action, "POST")
            if action_endpoint and action_endpoint not in seen_endpoints | SKIPPED_ENDPOINTS:
                seen_endpoints.add(action_endpoint)
                forms.append(form)
        links = _Links()
        links.feed(html)
        queue.extend(links.hrefs)
    return forms


def _something_to_crawl(roles) -> None:
    """A published resource and a thread, so their pages (and reply/edit forms) are reachable."""
    create_resource(
        roles.org_admin, roles.org, ResourceInput(title="Crisis playbook", summary="S", body="Body"), action="publish"
    )
    category = ensure_default_categories()[0]
    create_thread(roles.member, category, "How do you handle a crisis?", "We would like to know.")
    db.session.commit()


ROLES = ("visitor", "member", "org_admin", "moderator", "admin")


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in CONTROL_CATEGORIES and ch not in "\n\t" for ch in text)


def _strings_for(form_number: int, strings: list[str]) -> list[tuple[int, str]]:
    return [
        (serial, text)
        for serial, text in enumerate(strings)
        if _has_control_characters(text) or (serial + form_number) % SAMPLE_EVERY == 0
    ]


def _forms_by_role(app, roles) -> dict[str, list[Form]]:
    """Crawl as each role in turn; a form found by an earlier role is not driven again."""
    seen_endpoints: set[str] = set()
    found: dict[str, list[Form]] = {}
    for role in ROLES:
        user = None if role == "visitor" else getattr(roles, role)
        client = login(app.test_client(), user) if user else app.test_client()
        found[role] = _crawl_forms(app, client, seen_endpoints)
    return found


def test_the_crawl_finds_the_forms_of_every_domain(app, roles):
    _something_to_crawl(roles)
    actions = [form.action for forms in _forms_by_role(app, roles).values() for form in forms]
    for expected in ("/auth/register", "/account/settings", "/orgs/apply", "/library/new", "/discussions/new",
                     "/reply", "/admin/topics", "/admin/categories", "/flags"):
        assert any(expected in action for action in actions), (expected, actions)


@pytest.mark.parametrize("role", ROLES)
def test_naughty_strings_through_every_form_are_safe(app, roles, role):
    """Tag-like strings are followed to the page that shows them; the others to every third."""
    strings = load_corpus("blns.json")
    _something_to_crawl(roles)
    forms = _forms_by_role(app, roles)[role]
    user = None if role == "visitor" else getattr(roles, role)
    client = login(app.test_client(), user) if user else app.test_client()
    failures: list[str] = []
    for form_number, form in enumerate(forms):
        for serial, text in _strings_for(form_number, strings):
            tag_like = bool(TAG_LIKE.search(text) and text.strip())
            follow = tag_like or serial % 3 == 0
            response = client.post(form.action, data=fill(form, text, serial), follow_redirects=follow)
            if response.status_code >= 500:
                failures.append(f"{form.action} #{serial}: {response.status_code}")
            elif tag_like and text in response.get_data(as_text=True):
                failures.append(f"{form.action} #{serial}: shown unescaped")
    assert failures == [], "\n".join(failures[:40])
