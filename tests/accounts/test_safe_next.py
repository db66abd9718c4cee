"""``next=`` only ever leads to a path on this site (docs/SECURITY.md 3)."""

from __future__ import annotations

import pytest

from app.accounts.redirects import safe_next_url

REFUSED = [
    "https://evil.example",
    "http://evil.example/path",
    "//evil.example",
    "///evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "%2f%2fevil.example",
    "http:evil.example",
    "https:/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "\n/library",
    " //evil.example",
    " /library",
    "/library ",
    "/%09/evil.example",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "library",
    "",
    None,
    "/\x00/evil.example",
    "/\u202e/evil.example",
    "/" + "a" * 2001,
]
ACCEPTED = [
    "/",
    "/library",
    "/library?page=2&kind=guide",
    "/discussions/general/12-hello#post-3",
    "/search?q=a%20b",
]


@pytest.mark.parametrize("target", REFUSED, ids=repr)
def test_foreign_or_ambiguous_targets_are_refused(target):
    assert safe_next_url(target) is None


@pytest.mark.parametrize("target", ACCEPTED)
def test_local_paths_are_kept(target):
    assert safe_next_url(target) == target


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example", "/\\evil.example", "java\nscript:x"]
)
def test_register_ignores_a_foreign_next(client, target):
    from .helpers import STRONG

    response = client.post(
        "/auth/register",
        query_string={"next": target},
        data={"name": "N", "email": "n@example.org", "password": STRONG, "confirm": STRONG},
    )
    assert response.headers["Location"] == "/"
