"""Hostile and malformed input to the API gets a JSON 4xx with a reason, never a 500, and nothing
half-stored (the corpora: ../shared/corpora)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.content import render_markdown
from app.extensions import db
from app.library.models import Resource

from ..conftest import load_corpus
from .helpers import call, check_against_document

DRAFT = {"title": "A fine title", "body": "Some text.", "kind": "guide", "visibility": "public"}


def _refused(response, status: int | tuple[int, ...]) -> dict:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.get_data(as_text=True)[:300])
    body = response.get_json()
    assert isinstance(body["error"], str) and body["reason"]
    return body


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe\x00{", 400),
        (b"", 400),
        (b"null", 422),
        (b"[]", 422),
        (b'"title"', 422),
        (b"[" * 5000 + b"]" * 5000, (400, 422)),
        (json.dumps({**DRAFT, "title": 12}).encode(), 422),
        (json.dumps({**DRAFT, "tags": "a,b"}).encode(), 422),
        (json.dumps({**DRAFT, "kind": "manifesto"}).encode(), 422),
        (json.dumps({**DRAFT, "status": "published"}).encode(), 422),
        (json.dumps({**DRAFT, "author_id": 1, "featured": True}).encode(), 422),
        (json.dumps({**DRAFT, "organisation": "../../etc"}).encode(), 422),
        (json.dumps({**DRAFT, "topics": ["a\x00b"]}).encode(), 422),
        (json.dumps({**DRAFT, "send_for_review": "yes"}).encode(), 422),
    ],
)
def test_malformed_bodies_are_refused_with_a_reason(app, client, tokens, document, raw, status):
    response = call(client, "POST", "/resources", tokens["member"], data=raw, content_type="application/json")
    body = _refused(response, status)
    check_against_document(document, "/resources", "POST", response)
    if response.status_code == 422:
        assert body["fields"]
    with app.app_context():
        assert db.session.execute(select(func.count(Resource.id))).scalar_one() == 0


def test_a_body_that_is_not_json_is_415(client, tokens):
    sent = call(client, "POST", "/resources", tokens["member"], data={"title": "Form post"})
    assert _refused(sent, 415)["error"] == "unsupported_media_type"


def test_a_huge_body_is_413(client, tokens):
    huge = json.dumps({**DRAFT, "body": "x" * (2 * 1024 * 1024)})
    assert _refused(
        call(client, "POST", "/resources", tokens["member"], data=huge, content_type="application/json"), 413
    )


def test_every_naughty_string_as_a_raw_body_gets_a_4xx(client, tokens):
    for text in load_corpus("blns.json")[::3]:
        response = call(
            client, "POST", "/resources", tokens["member"], data=text.encode(), content_type="application/json"
        )
        assert 400 <= response.status_code < 500, (text, response.status_code)


@pytest.mark.parametrize("corpus", ["blns.json", "owasp-xss-filter-evasion-vectors.json"])
def test_corpus_strings_in_every_field_are_stored_safely_or_refused(app, client, tokens, corpus):
    strings = load_corpus(corpus)
    statuses = set()
    for index, text in enumerate(strings[:: max(1, len(strings) // 25)]):
        payload = {
            **DRAFT,
            "title": f"{text} {index}"[:400],
            "summary": text,
            "body": text or "x",
            "tags": [text[:100]],
        }
        response = call(client, "POST", "/resources", tokens["member"], json=payload)
        statuses.add(response.status_code)
        assert response.status_code in (201, 422), (text, response.status_code, response.get_data(as_text=True)[:200])
        if response.status_code == 201:
            stored = call(client, "GET", f"/resources/{response.get_json()['id']}", tokens["member"]).get_json()
            with app.test_request_context():
                assert stored["body_html"] == render_markdown(stored["body"])  # the form's sanitizer, once
        reply = call(client, "GET", f"/organisations/{text[:100]}")
        assert reply.status_code in (404, 308, 405), (text, reply.status_code)
    assert 201 in statuses
