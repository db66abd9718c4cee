"""Visitor search limits fit people (bursts, a page every 1.5 s) and still stop a scraper; the
429 page keeps the search, says when to retry and that signing in lifts the limit."""

from __future__ import annotations

import math
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

import flask_limiter._extension
import limits.storage.memory
import pytest

import app.search.limits

from .page import HeadTags


class Clock:
    """The rate limits' clock (store, headers, page), moved by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    for module in (limits.storage.memory, flask_limiter._extension, app.search.limits):
        monkeypatch.setattr(module, "time", fake)
    return fake


@pytest.fixture
def limited_app(app_factory):
    return app_factory(RATELIMIT_ENABLED=True)


def test_twenty_visitor_searches_at_one_every_one_and_a_half_seconds_all_answer(limited_app, clock):
    visitor = limited_app.test_client()
    statuses = []
    for n in range(20):
        statuses.append(visitor.get(f"/search?q=vaccine&page={n % 3 + 1}").status_code)
        clock.now += 1.5
    assert statuses == [200] * 20


def test_a_burst_of_ten_quick_clicks_is_welcome(limited_app, clock):
    visitor = limited_app.test_client()
    assert [visitor.get("/search?q=tiktok").status_code for _ in range(10)] == [200] * 10


def test_a_scraper_from_one_address_is_stopped(limited_app, clock):
    scraper = limited_app.test_client()
    statuses = []
    for n in range(700):
        statuses.append(scraper.get(f"/search?q=word{n}").status_code)
        clock.now += 1.0  # one a second, for a bit over ten minutes
    assert statuses.count(429) > 0
    assert statuses[-1] == 429


def test_the_limit_page_keeps_the_search_and_says_when_to_retry(limited_app, clock):
    visitor = limited_app.test_client()
    url = "/search?q=storm+posts&kind=guide&topic=crisis-communication"
    for _ in range(10):
        visitor.get(url)
    response = visitor.get(url)
    assert response.status_code == 429
    retry_at = parsedate_to_datetime(response.headers["Retry-After"]).timestamp()
    assert clock.now < retry_at <= clock.now + 11  # the burst window, plus the limiter's rounding up
    wait = math.ceil(retry_at - clock.now)
    text = response.get_data(as_text=True)
    assert 'id="search-q" name="q" type="search"' in text
    assert 'value="storm posts"' in text
    assert '<input type="hidden" name="kind" value="guide">' in text
    assert '<input type="hidden" name="topic" value="crisis-communication">' in text
    assert f"{wait} second" in text
    assert "Sign in</a> to search without the visitors' limit" in text
    sign_in = next(href for href in _links(text) if href.startswith("/auth/login?next="))
    assert parse_qs(urlsplit(sign_in).query)["next"] == [url]


def test_signing_in_lifts_the_visitors_limit(roles, limited_app, clock):
    from ..conftest import login

    visitor = limited_app.test_client()
    for _ in range(10):
        visitor.get("/search?q=vaccine")
    assert visitor.get("/search?q=vaccine").status_code == 429
    member = login(visitor, roles.member)
    assert [member.get("/search?q=vaccine").status_code for _ in range(15)] == [200] * 15


def _links(html: str) -> list[str]:
    class Links(HeadTags):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.links.setdefault("a", []).append(dict(attrs).get("href") or "")

    return Links(html).links.get("a", [])
