"""The search page as people use it: /search?q=…"""

from __future__ import annotations

import re

from sqlalchemy import select

from app import telemetry
from app.extensions import db
from app.search.models import SearchLog
from app.search.query import MAX_QUERY_LENGTH, cut

from ..conftest import load_corpus
from .helpers import make_topic, publish, sync

MARKUP = re.compile(r"<(?!/?mark>)[^>]*>")


def results_section(html: str) -> str:
    start = html.index('<section aria-labelledby="results-heading">')
    return html[start : html.index("</section>", start)]


def test_the_header_search_box_leads_to_the_search_page(client):
    html = client.get("/search").get_data(as_text=True)
    form = re.search(r'<form class="header-search"[^>]*>', html).group(0)
    assert 'action="/search"' in form and 'method="get"' in form
    assert 'name="q"' in html


def test_an_empty_query_explains_what_to_type_and_logs_nothing(client, ctx):
    response = client.get("/search?q=++")
    assert response.status_code == 200
    assert "Type a few words" in response.get_data(as_text=True)
    telemetry.flush()
    assert db.session.execute(select(SearchLog)).first() is None


def test_results_show_highlighted_matches_with_user_text_escaped(client, author):
    publish(
        author,
        title="<b>Bold</b> hashtag tactics",
        summary="Short & sweet",
        body="Use one hashtag per post. <img src=x onerror=alert(1)> never works.",
    )
    sync()
    html = client.get("/search?q=hashtag").get_data(as_text=True)
    section = results_section(html)
    assert "&lt;b&gt;Bold&lt;/b&gt; <mark>hashtag</mark> tactics" in section
    assert "<img" not in html and "<b>" not in html
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', section, re.S)
    assert snippets and "<mark>hashtag</mark>" in snippets[0]
    assert all(not MARKUP.search(snippet) for snippet in snippets)


def test_no_results_says_so_and_logs_a_content_gap(client, author):
    publish(author, title="Podcast launch checklist")
    sync()
    html = client.get("/search?q=Quantum+Telepathy").get_data(as_text=True)
    assert "No results for “Quantum Telepathy”" in html
    assert telemetry.flush() == 1  # the search log is written after the page, in batches
    entry = db.session.execute(select(SearchLog)).scalar_one()
    assert (entry.query, entry.result_count) == ("quantum telepathy", 0)


def test_a_misspelled_query_offers_a_suggestion_link(client, author):
    publish(author, title="Podcast launch checklist")
    sync()
    html = client.get("/search?q=podcsat").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=podcast" class="suggestion">podcast</a>?' in html


def test_a_long_query_is_cut_with_a_notice(client):
    response = client.get("/search?q=" + "vaccine+" * 60)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"only the first {MAX_QUERY_LENGTH} were used" in html
    value = re.search(r'id="search-q"[^>]*value="([^"]*)"', html).group(1)
    assert len(value) <= MAX_QUERY_LENGTH


def test_facets_and_type_tabs_narrow_the_results(client, author):
    make_topic("Crisis communication")
    publish(author, title="Wildfire smoke toolkit", kind="toolkit", topics=("crisis-communication",))
    publish(author, title="Wildfire smoke guide", kind="guide")
    sync()
    html = client.get("/search?q=wildfire").get_data(as_text=True)
    assert "2 results" in html
    link = re.search(r'<a href="([^"]*kind=toolkit[^"]*)">Toolkit</a> <span class="muted">1</span>', html).group(1)
    narrowed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "1 result for" in narrowed and "<mark>Wildfire</mark> smoke toolkit" in narrowed
    assert "smoke guide" not in results_section(narrowed)
    assert "remove this filter" in narrowed
    organisations = client.get("/search?q=wildfire&type=organisation").get_data(as_text=True)
    assert "No results" in organisations


def test_sorting_and_paging_are_bounded(client, author):
    publish(author, title="Thank-you post ideas")
    sync()
    for query in (
        "?q=thank&sort=newest",
        "?q=thank&page=999999",
        "?q=thank&page=-3",
        "?q=thank&sort=bogus&year=abc",
    ):
        assert client.get("/search" + query).status_code == 200


def test_every_naughty_string_gives_a_page_with_the_query_escaped(client, author):
    publish(author, title="Caption guidelines")
    sync()
    for text in load_corpus("blns.json"):
        response = client.get("/search", query_string={"q": text})
        assert response.status_code == 200, text
        html = response.get_data(as_text=True)
        assert "Search is not available" not in html, text
        shown, _ = cut(text)
        if "<" in shown or ">" in shown:
            assert shown not in html, text


def test_visitors_are_rate_limited_and_members_are_not(app_factory, roles):
    app = app_factory(RATELIMIT_ENABLED=True)
    visitor = app.test_client()
    statuses = [visitor.get("/search?q=vaccine").status_code for _ in range(16)]
    assert 429 in statuses
    from ..conftest import login

    member = login(app.test_client(), roles.member)
    assert all(member.get("/search?q=vaccine").status_code == 200 for _ in range(16))
