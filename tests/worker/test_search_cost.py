"""Every search has a cost bound, and everyone is rate limited on search, members more generously."""

from __future__ import annotations

from app.search.cost import bound_terms
from app.search.query import parse


def test_a_query_with_too_many_terms_is_cut_and_says_so(client):
    words = " ".join(f"word{n}" for n in range(40))
    response = client.get("/search", query_string={"q": words})
    assert response.status_code == 200
    assert "only the first ones were used" in response.get_data(as_text=True)
    api = client.get("/api/v1/search", query_string={"q": words}).get_json()
    assert api["terms_cut"] is True


def test_an_ordinary_query_is_not_cut(client):
    response = client.get("/search", query_string={"q": "crisis communication plan"})
    assert "only the first ones were used" not in response.get_data(as_text=True)


def test_the_bound_keeps_whole_units_from_the_start():
    root, cut = bound_terms(parse("alpha beta gamma delta").root, 2)
    assert cut
    assert [item.text for item in root.items] == ["alpha", "beta"]


def test_signed_in_users_are_rate_limited_too_more_generously_than_visitors(app_factory, roles, client_as):
    app = app_factory(RATELIMIT_ENABLED=True, SEARCH_RATE_LIMIT_VISITOR="3/minute", SEARCH_RATE_LIMIT_MEMBER="6/minute")
    visitor = app.test_client()
    from tests.conftest import login

    member = login(app.test_client(), roles.member)
    visitor_codes = [visitor.get("/search?q=consent").status_code for _ in range(4)]
    member_codes = [member.get("/search?q=consent").status_code for _ in range(7)]
    assert visitor_codes == [200, 200, 200, 429]
    assert member_codes == [200] * 6 + [429]
    # Counted per account: another member still searches.
    assert login(app.test_client(), roles.other_member).get("/search?q=consent").status_code == 200
