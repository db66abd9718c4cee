"""GET /api/v1/search and its description in /api/v1/openapi.json."""

from __future__ import annotations

import re

from ..conftest import login
from .helpers import make_topic, publish, sync


def test_results_have_the_documented_shape(client, author, search_backend):
    make_topic("Measurement")
    publish(
        author,
        title="Engagement metrics dashboard",
        kind="toolkit",
        topics=("measurement",),
        body="Track reach & <clicks>.",
    )
    sync()
    data = client.get("/api/v1/search?q=metrics").get_json()
    assert data["total"] == 1
    hit = data["results"][0]
    assert {"id", "type", "title", "url", "snippet", "score"} <= hit.keys()
    assert hit["type"] == "resource" and hit["url"] == "/library/engagement-metrics-dashboard"
    assert isinstance(hit["score"], float)
    assert set(data["facets"]) == {"type", "kind", "topic", "platform", "org", "year"}
    assert data["facets"]["topic"] == [{"value": "measurement", "label": "Measurement", "count": 1}]
    assert not re.search(r"<(?!/?mark>)", hit["snippet"])


def test_filters_paging_and_visibility(client, author, roles):
    publish(author, title="Reel template one", kind="toolkit")
    publish(author, title="Reel template two", kind="guide", visibility="members")
    for n in range(3):
        publish(author, title=f"Reel idea {n}", kind="guide")
    sync()
    assert client.get("/api/v1/search?q=reel&kind=toolkit").get_json()["total"] == 1
    assert client.get("/api/v1/search?q=reel").get_json()["total"] == 4
    member = login(client.application.test_client(), roles.member)
    assert member.get("/api/v1/search?q=reel").get_json()["total"] == 5
    assert client.get(f"/api/v1/search?q=reel&org={roles.org.slug}").get_json()["total"] == 4
    page = client.get("/api/v1/search?q=reel&per_page=2&page=2").get_json()
    assert (page["page"], page["per_page"], len(page["results"])) == (2, 2, 2)
    assert client.get("/api/v1/search?q=reel&per_page=100000").get_json()["per_page"] == 50


def test_a_long_or_odd_query_is_answered_not_refused(client):
    response = client.get("/api/v1/search", query_string={"q": '"((( -' * 100})
    assert response.status_code == 200
    assert response.get_json()["truncated"] is True


def test_openapi_describes_the_search_endpoint(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "kind", "topic", "org", "page", "per_page"} <= names
    schema = spec["components"]["schemas"]["SearchResults"]
    assert {"total", "results", "facets"} <= set(schema["required"])
